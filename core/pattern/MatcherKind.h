#pragma once

// The catalogue of matchers: one enum of kinds, one struct, one predicate.
// Adding an operator means a new kind here, its parsing in PatternParser and
// its case in accepts(); the index and the explainer work from this list.

#include "core/pattern/CaseFolding.h"
#include "core/pattern/EventValue.h"
#include "core/pattern/IpAddress.h"
#include "core/pattern/Wildcard.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ef::pattern {

enum class MatchKind : std::uint8_t {
    ExactString,          // "s" (not an IP literal), {"exactly": "s"}
    ExactNumber,          // 5: numeric equality when comparable, else the literal text
    ExactTrue,
    ExactFalse,
    ExactNull,
    IpAddress,            // a string that is an IP literal: compared as an address
    Prefix,
    Suffix,
    EqualsIgnoreCase,
    PrefixIgnoreCase,
    SuffixIgnoreCase,
    Wildcard,
    Numeric,              // {"numeric": [...]}: one interval (or a point for "=")
    Cidr,
    Exists,               // {"exists": true}
    Absent,               // {"exists": false}: decided by the path, not by a value
    AnythingButStrings,
    AnythingButNumbers,
    AnythingButPrefix,
    AnythingButSuffix,
    AnythingButIgnoreCase,
    AnythingButWildcard,
};

struct Matcher
{
    MatchKind kind = MatchKind::ExactString;
    std::string text;                  // the string operand, or a number's literal text
    std::vector<std::string> texts;    // anything-but string lists (sorted, unique)
    std::vector<double> numbers;       // anything-but numbers (sorted, unique)
    NumberValue number;                // ExactNumber
    bool hasLow = false, hasHigh = false, lowOpen = false, highOpen = false;
    double low = 0, high = 0;          // Numeric
    IpAddress ip;                      // IpAddress
    IpRange range;                     // Cidr
    std::vector<CaseFoldedText> folds; // *IgnoreCase kinds
    std::vector<Wildcard> wildcards;   // Wildcard, AnythingButWildcard
    std::string key;                   // equal keys <=> same predicate (for sharing)
    std::string source;                // the matcher as written, compact JSON (for explain)
};

// Does this event value satisfy the matcher? (Absent never accepts a value.)
bool accepts(const Matcher &m, const EventValue &v);

// Fills `key` from the kind and operands.
void computeKey(Matcher &m);

} // namespace ef::pattern
