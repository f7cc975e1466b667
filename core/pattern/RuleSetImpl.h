#pragma once

// The compiled form of a rule set, shared by matching and explaining.
//
// Every `$or` branch of every rule gets a branch id. Each rule path keeps
// three branch sets (which branches constrain it, which of those fail when
// the path is missing, which accept its absence) and a ValueIndex whose
// distinct matchers each carry the set of branches they satisfy. Matching an
// event is then set algebra over the paths the rules use:
//     alive &= ~constrained(p) | satisfied(p)   for every rule path p
// followed, only where arrays of objects could matter, by an exact
// array-consistency check (ArrayConsistency.h).

#include "core/pattern/BranchSet.h"
#include "core/pattern/EventFlattener.h"
#include "core/pattern/EventPattern.h"
#include "core/pattern/MatcherKind.h"
#include "core/pattern/PathTrie.h"
#include "core/pattern/RangeIndex.h"
#include "core/pattern/ValueIndex.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace ef::pattern {

struct FieldRef
{
    std::uint32_t path;
    std::vector<std::uint32_t> matchers;  // value matchers (Absent excluded)
    bool absent = false;                  // {"exists": false} is one of the alternatives
    std::string source;                   // the leaf array as compact JSON
};

struct BranchEntry
{
    RuleId rule = 0;
    // Sorted by path name in UTF-16 order: the order in which the reference
    // matcher checks `exists: false` against the array elements chosen so far.
    std::vector<FieldRef> fields;
    bool live = false;
};

struct RuleEntry
{
    std::string name;
    std::vector<std::uint32_t> branches;
    bool live = false;
};

struct PathEntry
{
    std::string name;
    std::uint32_t trieNode = PathTrie::kNone;
    std::uint32_t refs = 0;
    BranchSet constrained, failAbsent, absentUsers;
    ValueIndex index;
    RangeIndex<double> numeric;   // {"numeric": ...} matchers of this path
    RangeIndex<IpKey> cidr;       // {"cidr": ...} matchers of this path
    std::unordered_map<std::string, std::uint32_t> matcherByKey;
};

struct MatcherUse
{
    std::uint32_t path = 0;
    std::uint32_t refs = 0;
    BranchSet users;
};

// Per-thread working memory for matching; reused so the event path does not
// allocate once it has grown.
struct MatchScratch
{
    FlatEvent flat;
    std::vector<std::uint64_t> alive, satisfied;
    std::vector<std::uint32_t> pathStamp, pathHead, pathMemberStamp, next, ruleStamp;
    std::uint32_t generation = 0;
    std::string fold;

    void begin(std::size_t paths, std::size_t rules, std::size_t words);
};

struct RuleSetData
{
    std::vector<RuleEntry> rules;
    std::unordered_map<std::string, RuleId> ruleByName;
    std::vector<RuleId> freeRules;

    std::vector<BranchEntry> branches;
    std::vector<RuleId> branchRule;  // branches[b].rule, packed for the match loop
    std::vector<std::uint32_t> freeBranches;
    BranchSet liveBranches;
    std::size_t words = 0;      // capacity of every branch set, in 64-bit words
    std::size_t usedWords = 0;  // words that can hold a branch id in use

    std::vector<PathEntry> paths;
    std::unordered_map<std::string, std::uint32_t> pathByName;
    std::vector<std::uint32_t> freePaths;
    std::vector<std::uint32_t> activePaths;

    std::vector<Matcher> matcherDefs;
    std::vector<MatcherUse> matcherUses;
    std::vector<std::uint32_t> freeMatchers;

    PathTrie trie;

    // Flattens `json` into scratch and groups its values by path.
    bool flatten(std::string_view json, MatchScratch &s, std::string *error) const;
    // The branches that match the flattened event in `s`, as set bits of s.alive.
    void evaluate(MatchScratch &s) const;
    // Does value `i` of the event satisfy one of the field's value matchers?
    bool fieldAccepts(const FieldRef &f, const EventValue &v) const;
    // Exact check of one branch, arrays of objects included; `chosen` (if given)
    // receives per field the index of the value that satisfied it, or -1 for absence.
    bool verifyBranch(std::uint32_t branch, const MatchScratch &s,
                      std::vector<long> *chosen = nullptr) const;
    bool needsVerification(std::uint32_t branch, const MatchScratch &s) const;
};

MatchScratch &threadScratch();

} // namespace ef::pattern
