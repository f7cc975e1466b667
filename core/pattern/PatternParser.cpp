#include "core/pattern/PatternParser.h"

#include "core/pattern/JsonDocument.h"
#include "core/pattern/NumberText.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace ef::pattern {

namespace {

// Names that mark a matcher, not a field, so they cannot be field names inside $or.
constexpr std::array<std::string_view, 24> kReservedInOr = {
    "exactly", "equals-ignore-case", "prefix", "suffix", "anything-but", "exists",
    "wildcard", "numeric", "cidr", "=", "<", "<=", ">", ">=", "regex", "not-wildcard",
    "not-equals-ignore-case", "date-after", "date-on-or-after", "date-before",
    "date-on-or-before", "in-date-range", "ip-address-in-range", "ip-address-not-in-range"};

struct Failure
{
    std::string path;
    std::string reason;
};

struct BranchBuilder
{
    std::vector<PatternField> fields;
    std::unordered_map<std::string, std::size_t> byPath;

    void put(const PatternField &field)
    {
        auto [it, inserted] = byPath.try_emplace(field.path, fields.size());
        if (inserted)
            fields.push_back(field);
        else
            fields[it->second] = field;  // the last occurrence wins
    }
};

std::string joinPath(const std::vector<std::string> &segments)
{
    std::string path;
    for (std::size_t i = 0; i < segments.size(); ++i) {
        if (i)
            path.push_back('.');
        path += segments[i];
    }
    return path;
}

std::string describe(const JsonNode &n)
{
    switch (n.type) {
    case JsonType::String: return n.text;
    case JsonType::Array: return "[";
    case JsonType::Object: return "{";
    default: return toJson(n);
    }
}

class Parser
{
public:
    explicit Parser(Failure &failure) : m_failure(failure) {}

    bool parseRoot(const JsonNode &root, std::vector<BranchBuilder> &branches)
    {
        if (!root.isObject())
            return fail("Filter is not an object");
        return parseObject(root, branches, false);
    }

private:
    bool fail(std::string reason)
    {
        m_failure.path = joinPath(m_path);
        m_failure.reason = std::move(reason);
        return false;
    }

    bool parseObject(const JsonNode &object, std::vector<BranchBuilder> &branches, bool inOr)
    {
        if (object.items.empty())
            return fail("Empty objects are not allowed");
        for (std::size_t i = 0; i < object.items.size(); ++i) {
            const std::string &key = object.keys[i];
            const JsonNode &value = object.items[i];
            if (key == "$or") {
                if (!parseOr(value, branches))
                    return false;
                continue;
            }
            m_path.push_back(key);
            if (inOr && std::find(kReservedInOr.begin(), kReservedInOr.end(), key) !=
                            kReservedInOr.end()) {
                return fail("\"" + key + "\" is a reserved word and cannot be a field name "
                            "inside $or");
            }
            if (value.isObject()) {
                if (!parseObject(value, branches, inOr))
                    return false;
            } else if (value.isArray()) {
                PatternField field;
                if (!parseLeaf(value, field))
                    return false;
                if (branches.empty())
                    branches.emplace_back();
                for (BranchBuilder &b : branches)
                    b.put(field);
            } else {
                return fail("must be an object or an array");
            }
            m_path.pop_back();
        }
        return true;
    }

    bool parseOr(const JsonNode &value, std::vector<BranchBuilder> &branches)
    {
        m_path.push_back("$or");
        if (!value.isArray())
            return fail("$or must be an array of at least 2 objects");
        if (value.items.size() < 2)
            return fail("$or needs at least 2 objects");
        for (const JsonNode &alt : value.items) {
            if (!alt.isObject())
                return fail("only JSON objects are allowed in the array of $or");
            if (alt.items.empty())
                return fail("Empty objects are not allowed");
        }
        m_path.pop_back();
        const std::vector<BranchBuilder> current = std::move(branches);
        branches.clear();
        for (const JsonNode &alt : value.items) {
            std::vector<BranchBuilder> next = current;
            if (next.empty())
                next.emplace_back();
            if (!parseObject(alt, next, true))
                return false;
            if (branches.size() + next.size() > kMaxPatternBranches) {
                return fail("$or combinations give more than " +
                            std::to_string(kMaxPatternBranches) + " alternatives");
            }
            for (BranchBuilder &b : next)
                branches.push_back(std::move(b));
        }
        return true;
    }

    bool parseLeaf(const JsonNode &array, PatternField &field)
    {
        field.path = joinPath(m_path);
        field.source = toJson(array);
        if (array.items.empty())
            return fail("Empty arrays are not allowed");
        for (const JsonNode &element : array.items) {
            Matcher m;
            m.source = toJson(element);
            switch (element.type) {
            case JsonType::String:
                m.text = element.text;
                m.kind = parseIpLiteral(m.text, m.ip) ? MatchKind::IpAddress
                                                      : MatchKind::ExactString;
                break;
            case JsonType::Number:
                m.kind = MatchKind::ExactNumber;
                m.text = element.text;
                m.number = readNumberText(element.text);
                break;
            case JsonType::True: m.kind = MatchKind::ExactTrue; break;
            case JsonType::False: m.kind = MatchKind::ExactFalse; break;
            case JsonType::Null: m.kind = MatchKind::ExactNull; break;
            case JsonType::Array:
                return fail("Match value must be String, number, true, false, or null");
            case JsonType::Object:
                if (!parseMatchExpression(element, m))
                    return false;
                break;
            }
            computeKey(m);
            const bool seen = std::any_of(field.matchers.begin(), field.matchers.end(),
                                          [&](const Matcher &o) { return o.key == m.key; });
            if (!seen)
                field.matchers.push_back(std::move(m));
        }
        return true;
    }

    bool onlyKey(const JsonNode &object)
    {
        return object.items.size() == 1 || fail("Only one key allowed in match expression");
    }

    bool stringOperand(const JsonNode &v, std::string_view op)
    {
        return v.isString() || fail(std::string(op) + " match pattern must be a string");
    }

    bool parseMatchExpression(const JsonNode &object, Matcher &m)
    {
        if (object.items.empty())
            return fail("Match expression name not found");
        const std::string &op = object.keys[0];
        const JsonNode &v = object.items[0];
        if (op == "exactly") {
            if (!stringOperand(v, "exact") || !onlyKey(object))
                return false;
            m.kind = MatchKind::ExactString;
            m.text = v.text;
            return true;
        }
        if (op == "prefix" || op == "suffix") {
            const bool prefix = op == "prefix";
            if (v.isObject()) {
                if (v.items.empty())
                    return fail(op + " match expression name not found");
                if (v.keys[0] != "equals-ignore-case")
                    return fail("Unsupported " + op + " pattern: " + v.keys[0]);
                if (!stringOperand(v.items[0], "equals-ignore-case") || !onlyKey(v) ||
                    !onlyKey(object))
                    return false;
                m.kind = prefix ? MatchKind::PrefixIgnoreCase : MatchKind::SuffixIgnoreCase;
                m.text = v.items[0].text;
                m.folds.emplace_back(m.text);
                return true;
            }
            if (!stringOperand(v, op) || !onlyKey(object))
                return false;
            m.kind = prefix ? MatchKind::Prefix : MatchKind::Suffix;
            m.text = v.text;
            return true;
        }
        if (op == "equals-ignore-case") {
            if (!stringOperand(v, op) || !onlyKey(object))
                return false;
            m.kind = MatchKind::EqualsIgnoreCase;
            m.text = v.text;
            m.folds.emplace_back(m.text);
            return true;
        }
        if (op == "wildcard") {
            if (!stringOperand(v, op))
                return false;
            Wildcard w;
            std::string error;
            if (!parseWildcard(v.text, w, error))
                return fail(error);
            if (!onlyKey(object))
                return false;
            m.kind = MatchKind::Wildcard;
            m.text = v.text;
            m.wildcards.push_back(std::move(w));
            return true;
        }
        if (op == "numeric") {
            if (!v.isArray())
                return fail("Value of numeric must be an array.");
            if (!parseNumeric(v, m))
                return false;
            if (object.items.size() != 1)
                return fail("Too many elements in numeric expression");
            return true;
        }
        if (op == "anything-but") {
            if (!parseAnythingBut(v, m))
                return false;
            if (object.items.size() != 1)
                return fail("Only one key allowed in match expression");
            return true;
        }
        if (op == "exists") {
            if (v.type != JsonType::True && v.type != JsonType::False)
                return fail("exists match pattern must be either true or false.");
            if (!onlyKey(object))
                return false;
            m.kind = v.type == JsonType::True ? MatchKind::Exists : MatchKind::Absent;
            return true;
        }
        if (op == "cidr") {
            if (!stringOperand(v, "cidr"))
                return false;
            std::string error;
            if (!parseCidr(v.text, m.range, error))
                return fail(error);
            if (!onlyKey(object))
                return false;
            m.kind = MatchKind::Cidr;
            m.text = v.text;
            return true;
        }
        return fail("Unrecognized match type " + op);
    }

    bool comparableOperand(const JsonNode &n, double &out)
    {
        const NumberValue value = readNumberText(n.text);
        if (!value.comparable)
            return fail("Cannot compare number : " + n.text);
        out = value.value;
        return true;
    }

    bool parseNumeric(const JsonNode &a, Matcher &m)
    {
        const auto &e = a.items;
        if (e.empty() || !e[0].isString())
            return fail("Invalid member in numeric match: " + (e.empty() ? "]" : describe(e[0])));
        const std::string &op = e[0].text;
        if (op != "=" && op != "<" && op != "<=" && op != ">" && op != ">=")
            return fail("Unrecognized numeric range operator: " + op);
        if (e.size() < 2 || !e[1].isNumber())
            return fail("Value of " + (op == "=" ? std::string("equals") : op) +
                        " must be numeric");
        m.kind = MatchKind::Numeric;
        double first = 0;
        if (op == "=" || op == "<" || op == "<=") {
            if (e.size() > 2)
                return fail("Too many elements in numeric expression");
            if (!comparableOperand(e[1], first))
                return false;
            if (op == "=") {
                m.hasLow = m.hasHigh = true;
                m.low = m.high = first;
            } else {
                m.hasHigh = true;
                m.high = first;
                m.highOpen = op == "<";
            }
            return true;
        }
        m.hasLow = true;
        m.lowOpen = op == ">";
        if (e.size() == 2)
            return comparableOperand(e[1], m.low);
        if (!e[2].isString())
            return fail("Bad value in numeric range: " + describe(e[2]));
        const std::string &op2 = e[2].text;
        if (op2 != "<" && op2 != "<=")
            return fail("Bad numeric range operator: " + op2);
        if (e.size() < 4 || !e[3].isNumber())
            return fail("Value of " + op2 + " must be numeric");
        if (e.size() > 4)
            return fail("Too many terms in numeric range expression");
        if (!comparableOperand(e[1], m.low) || !comparableOperand(e[3], m.high))
            return false;
        m.hasHigh = true;
        m.highOpen = op2 == "<";
        if (!(m.low < m.high))
            return fail("Bottom must be less than top");
        return true;
    }

    // The string operands of an anything-but sub-operator: one string or a non-empty list.
    bool stringList(const JsonNode &v, const std::string &op, std::vector<std::string> &out)
    {
        if (v.isString()) {
            out.push_back(v.text);
            return true;
        }
        if (!v.isArray())
            return fail("anything-but " + op + " match pattern must be a string or a list "
                        "of strings");
        if (v.items.empty())
            return fail("anything-but " + op + " list must not be empty");
        for (const JsonNode &s : v.items) {
            if (!s.isString())
                return fail("Inside anything-but/" + op + " list, number|start|null|boolean "
                            "is not supported.");
            out.push_back(s.text);
        }
        return true;
    }

    bool parseAnythingBut(const JsonNode &v, Matcher &m)
    {
        if (v.isObject()) {
            if (v.items.empty())
                return fail("Anything-But expression name not found");
            const std::string &op = v.keys[0];
            const JsonNode &operand = v.items[0];
            std::vector<std::string> list;
            if (op == "prefix" || op == "suffix") {
                if (operand.isObject())
                    return fail("Unsupported anything-but pattern: " + op + " with an object");
                if (!stringList(operand, op, list))
                    return false;
                if (std::any_of(list.begin(), list.end(), [](auto &s) { return s.empty(); }))
                    return fail("Null prefix/suffix not allowed");
                m.kind = op == "prefix" ? MatchKind::AnythingButPrefix
                                        : MatchKind::AnythingButSuffix;
            } else if (op == "equals-ignore-case") {
                if (!stringList(operand, op, list))
                    return false;
                m.kind = MatchKind::AnythingButIgnoreCase;
                for (const std::string &s : list)
                    m.folds.emplace_back(s);
            } else if (op == "wildcard") {
                if (!stringList(operand, op, list))
                    return false;
                m.kind = MatchKind::AnythingButWildcard;
                for (const std::string &s : list) {
                    Wildcard w;
                    std::string error;
                    if (!parseWildcard(s, w, error))
                        return fail(error);
                    m.wildcards.push_back(std::move(w));
                }
            } else {
                return fail("Unsupported anything-but pattern: " + op);
            }
            if (v.items.size() != 1)
                return fail("Only one key allowed in match expression");
            std::sort(list.begin(), list.end());
            list.erase(std::unique(list.begin(), list.end()), list.end());
            m.texts = std::move(list);
            return true;
        }
        if (v.isString()) {
            m.kind = MatchKind::AnythingButStrings;
            m.texts.push_back(v.text);
            return true;
        }
        if (v.isNumber()) {
            double d = 0;
            if (!comparableOperand(v, d))
                return false;
            m.kind = MatchKind::AnythingButNumbers;
            m.numbers.push_back(d);
            return true;
        }
        if (!v.isArray()) {
            return fail("Value of anything-but must be an array or single string/number "
                        "value.");
        }
        bool strings = false, numbers = false;
        for (const JsonNode &e : v.items) {
            if (e.isString()) {
                strings = true;
                m.texts.push_back(e.text);
            } else if (e.isNumber()) {
                numbers = true;
                double d = 0;
                if (!comparableOperand(e, d))
                    return false;
                m.numbers.push_back(d);
            } else {
                return fail("Inside anything but list, start|null|boolean is not supported.");
            }
        }
        if (strings == numbers) {
            return fail("Inside anything but list, either all values are number or string, "
                        "mixed type is not supported");
        }
        m.kind = strings ? MatchKind::AnythingButStrings : MatchKind::AnythingButNumbers;
        std::sort(m.texts.begin(), m.texts.end());
        m.texts.erase(std::unique(m.texts.begin(), m.texts.end()), m.texts.end());
        std::sort(m.numbers.begin(), m.numbers.end());
        m.numbers.erase(std::unique(m.numbers.begin(), m.numbers.end()), m.numbers.end());
        return true;
    }

    Failure &m_failure;
    std::vector<std::string> m_path;
};

} // namespace

bool PatternField::hasAbsent() const
{
    return std::any_of(matchers.begin(), matchers.end(),
                       [](const Matcher &m) { return m.kind == MatchKind::Absent; });
}

bool parsePattern(std::string_view text, ParsedPattern &out, PatternError &error)
{
    out.branches.clear();
    JsonNode root;
    std::string jsonError;
    if (!parseJson(text, root, jsonError)) {
        error.path.clear();
        error.reason = jsonError;
        return false;
    }
    Failure failure;
    Parser parser(failure);
    std::vector<BranchBuilder> branches;
    if (!parser.parseRoot(root, branches)) {
        error.path = failure.path;
        if (failure.path.empty() && failure.reason == "Filter is not an object")
            error.reason = failure.reason;
        else if (failure.reason == "must be an object or an array")
            error.reason = "Field \"" + failure.path + "\" must be an object or an array";
        else if (failure.path.empty())
            error.reason = failure.reason;
        else
            error.reason = "Field \"" + failure.path + "\": " + failure.reason;
        return false;
    }
    for (BranchBuilder &b : branches)
        out.branches.push_back(PatternBranch{std::move(b.fields)});
    return true;
}

} // namespace ef::pattern
