#include "core/pattern/EventPattern.h"

#include "core/pattern/PatternParser.h"
#include "core/pattern/RuleSetImpl.h"

#include <QString>

#include <algorithm>

namespace ef::pattern {

struct RuleSet::Impl : RuleSetData
{
    std::uint32_t allocBranch();
    std::uint32_t internPath(const std::string &name);
    void releasePath(std::uint32_t path);
    std::uint32_t internMatcher(std::uint32_t path, const Matcher &m);
    void releaseMatcher(std::uint32_t id, std::uint32_t branch);
    void removeRule(RuleId id);
    void refreshActivePaths();
};

void MatchScratch::begin(std::size_t paths, std::size_t rules, std::size_t words)
{
    if (++generation == 0) {
        // Wrapped around: stale stamps could look current, so forget them all.
        std::fill(pathStamp.begin(), pathStamp.end(), 0);
        std::fill(pathMemberStamp.begin(), pathMemberStamp.end(), 0);
        std::fill(ruleStamp.begin(), ruleStamp.end(), 0);
        generation = 1;
    }
    if (pathStamp.size() < paths) {
        pathStamp.resize(paths, 0);
        pathHead.resize(paths, 0);
        pathMemberStamp.resize(paths, 0);
    }
    if (ruleStamp.size() < rules)
        ruleStamp.resize(rules, 0);
    if (alive.size() < words) {
        alive.resize(words);
        satisfied.resize(words);
    }
}

MatchScratch &threadScratch()
{
    thread_local MatchScratch scratch;
    return scratch;
}

// ---------------------------------------------------------------------------
// Building

std::uint32_t RuleSet::Impl::allocBranch()
{
    if (!freeBranches.empty()) {
        const std::uint32_t id = freeBranches.back();
        freeBranches.pop_back();
        return id;
    }
    const auto id = std::uint32_t(branches.size());
    branches.emplace_back();
    branchRule.push_back(0);
    usedWords = (branches.size() + 63) / 64;
    if (branches.size() > words * 64) {
        // Grow every set together (doubling keeps this amortised).
        words = std::max<std::size_t>(1, words * 2);
        liveBranches.resize(words);
        for (PathEntry &p : paths) {
            p.constrained.resize(words);
            p.failAbsent.resize(words);
            p.absentUsers.resize(words);
            p.numeric.resizeWords(words);
            p.cidr.resizeWords(words);
        }
        for (MatcherUse &u : matcherUses)
            u.users.resize(words);
    }
    return id;
}

std::uint32_t RuleSet::Impl::internPath(const std::string &name)
{
    const auto it = pathByName.find(name);
    std::uint32_t id;
    if (it != pathByName.end()) {
        id = it->second;
    } else {
        if (!freePaths.empty()) {
            id = freePaths.back();
            freePaths.pop_back();
            paths[id] = PathEntry();
        } else {
            id = std::uint32_t(paths.size());
            paths.emplace_back();
        }
        PathEntry &p = paths[id];
        p.name = name;
        p.constrained.resize(words);
        p.failAbsent.resize(words);
        p.absentUsers.resize(words);
        p.numeric.resizeWords(words);
        p.cidr.resizeWords(words);
        p.trieNode = trie.addPath(name);
        trie.setPathId(p.trieNode, id);
        pathByName.emplace(name, id);
        ++paths[id].refs;
        return id;
    }
    ++paths[id].refs;
    trie.addPath(name);
    return id;
}

void RuleSet::Impl::releasePath(std::uint32_t id)
{
    PathEntry &p = paths[id];
    trie.removePath(p.name);
    if (--p.refs == 0) {
        pathByName.erase(p.name);
        p = PathEntry();
        freePaths.push_back(id);
    }
}

std::uint32_t RuleSet::Impl::internMatcher(std::uint32_t path, const Matcher &m)
{
    PathEntry &p = paths[path];
    const auto it = p.matcherByKey.find(m.key);
    if (it != p.matcherByKey.end()) {
        ++matcherUses[it->second].refs;
        return it->second;
    }
    std::uint32_t id;
    if (!freeMatchers.empty()) {
        id = freeMatchers.back();
        freeMatchers.pop_back();
        matcherDefs[id] = m;
        matcherUses[id] = MatcherUse();
    } else {
        id = std::uint32_t(matcherDefs.size());
        matcherDefs.push_back(m);
        matcherUses.emplace_back();
    }
    MatcherUse &u = matcherUses[id];
    u.path = path;
    u.refs = 1;
    u.users.resize(words);
    p.matcherByKey.emplace(m.key, id);
    p.index.add(id, matcherDefs[id]);
    return id;
}

void RuleSet::Impl::releaseMatcher(std::uint32_t id, std::uint32_t branch)
{
    MatcherUse &u = matcherUses[id];
    u.users.reset(branch);
    if (--u.refs == 0) {
        PathEntry &p = paths[u.path];
        p.index.remove(id, matcherDefs[id]);
        p.matcherByKey.erase(matcherDefs[id].key);
        matcherDefs[id] = Matcher();
        u = MatcherUse();
        freeMatchers.push_back(id);
    }
}

void RuleSet::Impl::removeRule(RuleId id)
{
    RuleEntry &r = rules[id];
    for (const std::uint32_t b : r.branches) {
        BranchEntry &br = branches[b];
        for (const FieldRef &f : br.fields) {
            for (const std::uint32_t m : f.matchers)
                releaseMatcher(m, b);
            PathEntry &p = paths[f.path];
            p.constrained.reset(b);
            p.failAbsent.reset(b);
            p.absentUsers.reset(b);
            if (!p.numeric.empty())
                p.numeric.removeBranch(b);
            if (!p.cidr.empty())
                p.cidr.removeBranch(b);
            releasePath(f.path);
        }
        liveBranches.reset(b);
        br = BranchEntry();
        freeBranches.push_back(b);
    }
    ruleByName.erase(r.name);
    r = RuleEntry();
    freeRules.push_back(id);
}

void RuleSet::Impl::refreshActivePaths()
{
    activePaths.clear();
    for (std::uint32_t i = 0; i < paths.size(); ++i) {
        if (paths[i].refs)
            activePaths.push_back(i);
    }
}

RuleSet::RuleSet() : d(std::make_unique<Impl>()) {}
RuleSet::~RuleSet() = default;
RuleSet::RuleSet(RuleSet &&) noexcept = default;
RuleSet &RuleSet::operator=(RuleSet &&) noexcept = default;

CompileResult RuleSet::add(std::string_view name, std::string_view patternJson)
{
    CompileResult result;
    ParsedPattern parsed;
    if (!parsePattern(patternJson, parsed, result.error))
        return result;
    const std::string key(name);
    if (const auto it = d->ruleByName.find(key); it != d->ruleByName.end())
        d->removeRule(it->second);

    RuleId id;
    if (!d->freeRules.empty()) {
        id = d->freeRules.back();
        d->freeRules.pop_back();
    } else {
        id = RuleId(d->rules.size());
        d->rules.emplace_back();
    }
    RuleEntry &rule = d->rules[id];
    rule.name = key;
    rule.live = true;
    d->ruleByName.emplace(key, id);

    for (const PatternBranch &pb : parsed.branches) {
        const std::uint32_t b = d->allocBranch();
        BranchEntry &branch = d->branches[b];
        branch.rule = id;
        d->branchRule[b] = id;
        branch.live = true;
        for (const PatternField &pf : pb.fields) {
            FieldRef f;
            f.path = d->internPath(pf.path);
            f.source = pf.source;
            PathEntry &p = d->paths[f.path];
            p.constrained.set(b);
            for (const Matcher &m : pf.matchers) {
                if (m.kind == MatchKind::Absent) {
                    f.absent = true;
                    continue;
                }
                const std::uint32_t mid = d->internMatcher(f.path, m);
                d->matcherUses[mid].users.set(b);
                f.matchers.push_back(mid);
                if (m.kind == MatchKind::Numeric) {
                    RangeIndex<double>::Interval iv;
                    iv.hasLow = m.hasLow;
                    iv.hasHigh = m.hasHigh;
                    iv.lowOpen = m.lowOpen;
                    iv.highOpen = m.highOpen;
                    iv.low = m.low;
                    iv.high = m.high;
                    d->paths[f.path].numeric.add(iv, b);
                } else if (m.kind == MatchKind::Cidr) {
                    RangeIndex<IpKey>::Interval iv;
                    iv.hasLow = iv.hasHigh = true;
                    iv.low = ipKeyOf(m.range.low, m.range.family);
                    iv.high = ipKeyOf(m.range.high, m.range.family);
                    d->paths[f.path].cidr.add(iv, b);
                }
            }
            if (f.absent)
                d->paths[f.path].absentUsers.set(b);
            else
                d->paths[f.path].failAbsent.set(b);
            branch.fields.push_back(std::move(f));
        }
        // The reference matcher visits fields in Java string order (UTF-16 units).
        std::stable_sort(branch.fields.begin(), branch.fields.end(),
                         [&](const FieldRef &a, const FieldRef &c) {
                             return QString::fromStdString(d->paths[a.path].name) <
                                    QString::fromStdString(d->paths[c.path].name);
                         });
        d->liveBranches.set(b);
        rule.branches.push_back(b);
    }
    d->refreshActivePaths();
    result.ok = true;
    return result;
}

bool RuleSet::remove(std::string_view name)
{
    const auto it = d->ruleByName.find(std::string(name));
    if (it == d->ruleByName.end())
        return false;
    d->removeRule(it->second);
    d->refreshActivePaths();
    return true;
}

bool RuleSet::contains(std::string_view name) const
{
    return d->ruleByName.count(std::string(name)) != 0;
}

std::size_t RuleSet::size() const
{
    return d->ruleByName.size();
}

const std::string &RuleSet::name(RuleId id) const
{
    return d->rules[id].name;
}

const RuleSetData &RuleSet::data() const
{
    return *d;
}

// ---------------------------------------------------------------------------
// Matching

bool RuleSetData::flatten(std::string_view json, MatchScratch &s, std::string *error) const
{
    s.begin(paths.size(), rules.size(), words);
    if (!flattenEvent(json, trie, s.flat, error))
        return false;
    const auto n = std::uint32_t(s.flat.values.size());
    if (s.next.size() < n)
        s.next.resize(n);
    for (std::uint32_t i = n; i-- > 0;) {
        const std::uint32_t p = s.flat.valuePath[i];
        if (s.pathStamp[p] != s.generation) {
            s.pathStamp[p] = s.generation;
            s.pathHead[p] = ValueIndex::kNone;
        }
        s.next[i] = s.pathHead[p];
        s.pathHead[p] = i;
    }
    return true;
}

void RuleSetData::evaluate(MatchScratch &s) const
{
    const std::size_t w = usedWords;
    std::uint64_t *alive = s.alive.data();
    std::uint64_t *sat = s.satisfied.data();
    std::copy_n(liveBranches.data(), w, alive);
    for (const std::uint32_t p : activePaths) {
        const PathEntry &path = paths[p];
        if (s.pathStamp[p] != s.generation) {
            const std::uint64_t *fail = path.failAbsent.data();
            for (std::size_t i = 0; i < w; ++i)
                alive[i] &= ~fail[i];
            continue;
        }
        std::fill_n(sat, w, 0);
        bool inArray = false;
        auto unite = [&](const std::uint64_t *users) {
            for (std::size_t k = 0; k < w; ++k)
                sat[k] |= users[k];
        };
        for (std::uint32_t i = s.pathHead[p]; i != ValueIndex::kNone; i = s.next[i]) {
            const EventValue &v = s.flat.values[i];
            inArray |= v.membership != 0;
            path.index.forEachMatch(v, matcherDefs, s.fold, [&](std::uint32_t id) {
                unite(matcherUses[id].users.data());
            });
            if (v.kind == ValueKind::Number && v.number.comparable && !path.numeric.empty()) {
                if (const std::uint64_t *hit = path.numeric.find(v.number.value))
                    unite(hit);
            } else if (v.kind == ValueKind::String && !path.cidr.empty()) {
                IpAddress ip;
                if (parseIpLiteral(v.text, ip)) {
                    if (const std::uint64_t *hit = path.cidr.find(ipKeyOf(ip.bytes, ip.family)))
                        unite(hit);
                }
            }
        }
        if (inArray) {
            // Absence may still hold relative to the array elements another field
            // picks; verifyBranch() decides exactly.
            s.pathMemberStamp[p] = s.generation;
            const std::uint64_t *absent = path.absentUsers.data();
            for (std::size_t k = 0; k < w; ++k)
                sat[k] |= absent[k];
        }
        const std::uint64_t *constrained = path.constrained.data();
        for (std::size_t k = 0; k < w; ++k)
            alive[k] &= ~constrained[k] | sat[k];
    }
}

bool RuleSetData::fieldAccepts(const FieldRef &f, const EventValue &v) const
{
    for (const std::uint32_t id : f.matchers) {
        if (accepts(matcherDefs[id], v))
            return true;
    }
    return false;
}

bool RuleSetData::needsVerification(std::uint32_t branch, const MatchScratch &s) const
{
    if (!s.flat.anyMembership)
        return false;
    int inArrays = 0;
    for (const FieldRef &f : branches[branch].fields) {
        if (s.pathMemberStamp[f.path] == s.generation) {
            if (f.absent || ++inArrays >= 2)
                return true;
        }
    }
    return false;
}

bool RuleSet::match(std::string_view eventJson, std::vector<RuleId> &out,
                    std::string *error) const
{
    MatchScratch &s = threadScratch();
    if (!d->flatten(eventJson, s, error))
        return false;
    d->evaluate(s);
    const std::uint64_t *alive = s.alive.data();
    for (std::size_t k = 0; k < d->usedWords; ++k) {
        for (std::uint64_t bits = alive[k]; bits; bits &= bits - 1) {
            const auto b = std::uint32_t(k * 64 + std::size_t(__builtin_ctzll(bits)));
            const RuleId rule = d->branchRule[b];
            if (s.ruleStamp[rule] == s.generation)
                continue;
            if (s.flat.anyMembership && d->needsVerification(b, s) && !d->verifyBranch(b, s))
                continue;
            s.ruleStamp[rule] = s.generation;
            out.push_back(rule);
        }
    }
    return true;
}

} // namespace ef::pattern
