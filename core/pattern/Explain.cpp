// Explain: which fields decided a verdict. Runs the same compiled rule set and
// flattener as matching; for a miss it evaluates each field on its own, for a
// hit it reports the values the matching branch used.

#include "core/pattern/EventPattern.h"

#include "core/pattern/JsonReader.h"
#include "core/pattern/RuleSetImpl.h"

#include <algorithm>

namespace ef::pattern {

namespace {

void appendValue(std::string &out, const EventValue &v)
{
    switch (v.kind) {
    case ValueKind::String: appendJsonString(out, v.text); break;
    case ValueKind::Number: out.append(v.text); break;
    case ValueKind::True: out += "true"; break;
    case ValueKind::False: out += "false"; break;
    case ValueKind::Null: out += "null"; break;
    }
}

std::vector<std::uint32_t> valuesAt(const MatchScratch &s, std::uint32_t path)
{
    std::vector<std::uint32_t> out;
    if (s.pathStamp[path] != s.generation)
        return out;
    for (std::uint32_t i = s.pathHead[path]; i != ValueIndex::kNone; i = s.next[i])
        out.push_back(i);
    return out;
}

std::string valuesJson(const MatchScratch &s, const std::vector<std::uint32_t> &values)
{
    std::string out;
    if (values.size() == 1) {
        appendValue(out, s.flat.values[values[0]]);
        return out;
    }
    out.push_back('[');
    for (std::size_t i = 0; i < values.size(); ++i) {
        if (i)
            out.push_back(',');
        appendValue(out, s.flat.values[values[i]]);
    }
    out.push_back(']');
    return out;
}

} // namespace

Explanation explain(std::string_view patternJson, std::string_view eventJson, std::string *error)
{
    Explanation ex;
    RuleSet set;
    const CompileResult compiled = set.add("pattern", patternJson);
    if (!compiled) {
        if (error)
            *error = compiled.error.message();
        return ex;
    }
    const RuleSetData &data = set.data();
    MatchScratch s;
    if (!data.flatten(eventJson, s, error))
        return ex;
    data.evaluate(s);
    const RuleEntry &rule = data.rules[0];

    auto branchMatches = [&](std::uint32_t b, std::vector<long> &chosen) {
        chosen.assign(data.branches[b].fields.size(), -1);
        if (!((s.alive[b >> 6] >> (b & 63)) & 1))
            return false;
        return !data.needsVerification(b, s) || data.verifyBranch(b, s, &chosen);
    };

    std::vector<long> chosen;
    for (const std::uint32_t b : rule.branches) {
        if (!branchMatches(b, chosen))
            continue;
        ex.match = true;
        const BranchEntry &branch = data.branches[b];
        for (std::size_t f = 0; f < branch.fields.size(); ++f) {
            const FieldRef &field = branch.fields[f];
            FieldExplanation fe;
            fe.path = data.paths[field.path].name;
            fe.wanted = field.source;
            fe.satisfied = true;
            long pick = chosen[f];
            if (pick < 0) {
                for (const std::uint32_t i : valuesAt(s, field.path)) {
                    if (data.fieldAccepts(field, s.flat.values[i])) {
                        pick = long(i);
                        break;
                    }
                }
            }
            if (pick >= 0) {
                appendValue(fe.had, s.flat.values[std::size_t(pick)]);
            } else {
                fe.missing = true;  // satisfied through {"exists": false}
            }
            ex.fields.push_back(std::move(fe));
        }
        return ex;
    }

    // A miss: every field that fails on its own, across all branches.
    bool consistencyOnly = false;
    for (const std::uint32_t b : rule.branches) {
        const BranchEntry &branch = data.branches[b];
        bool branchHasFailure = false;
        for (const FieldRef &field : branch.fields) {
            const std::vector<std::uint32_t> values = valuesAt(s, field.path);
            const bool ok = std::any_of(values.begin(), values.end(), [&](std::uint32_t i) {
                return data.fieldAccepts(field, s.flat.values[i]);
            }) || (field.absent && values.empty());
            if (ok)
                continue;
            branchHasFailure = true;
            FieldExplanation fe;
            fe.path = data.paths[field.path].name;
            fe.wanted = field.source;
            fe.missing = values.empty();
            if (!values.empty())
                fe.had = valuesJson(s, values);
            const bool seen = std::any_of(ex.fields.begin(), ex.fields.end(), [&](const auto &o) {
                return o.path == fe.path && o.wanted == fe.wanted;
            });
            if (!seen)
                ex.fields.push_back(std::move(fe));
        }
        if (!branchHasFailure)
            consistencyOnly = true;
    }
    if (consistencyOnly) {
        ex.note = "Every field is satisfied on its own, but not by the same element of an "
                  "event array: fields inside one array must all match in one element.";
    }
    return ex;
}

std::string Explanation::text() const
{
    std::string out;
    for (const FieldExplanation &f : fields) {
        if (match) {
            out += "match   " + f.path + ": ";
            out += f.missing ? std::string("absent, as ") + f.wanted + " allows"
                             : f.had + " satisfies " + f.wanted;
        } else {
            out += "no match " + f.path + ": wanted " + f.wanted + ", ";
            out += f.missing ? std::string("but the event has no value there")
                             : "but the event has " + f.had;
        }
        out.push_back('\n');
    }
    if (!note.empty())
        out += note + "\n";
    return out;
}

} // namespace ef::pattern
