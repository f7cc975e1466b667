#pragma once

// Parse and validate: pattern JSON -> branches of fields of matchers.
// Fields of a branch are ANDed, the matchers of a field ORed; `$or` expands
// into several branches (disjunctive form), each carrying its sibling fields.
// A path is the keys joined with '.', so dotted keys equal nesting. A
// repeated path keeps its last occurrence, in document order.

#include "core/pattern/EventPattern.h"
#include "core/pattern/MatcherKind.h"

#include <string>
#include <string_view>
#include <vector>

namespace ef::pattern {

struct PatternField
{
    std::string path;
    std::vector<Matcher> matchers;  // distinct predicates, in pattern order
    std::string source;             // the leaf array as compact JSON
    bool hasAbsent() const;
};

struct PatternBranch
{
    std::vector<PatternField> fields;  // in document order, one per path
};

struct ParsedPattern
{
    std::vector<PatternBranch> branches;
};

// `$or` alternatives multiply; past this many branches a pattern is rejected
// (a few hundred bytes of nested `$or` could otherwise ask for billions).
inline constexpr std::size_t kMaxPatternBranches = 10000;

bool parsePattern(std::string_view text, ParsedPattern &out, PatternError &error);

} // namespace ef::pattern
