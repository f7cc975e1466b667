#pragma once

// The wildcard operator: `*` matches any run of bytes (including none and
// `/`), `\*` is a literal star and `\\` a literal backslash. Any other escape,
// a trailing backslash and `**` are rejected, with 1-based UTF-8 byte positions.

#include <string>
#include <string_view>
#include <vector>

namespace ef::pattern {

struct Wildcard
{
    // Literal pieces between stars; one piece means no star (exact match).
    std::vector<std::string> pieces;

    bool matches(std::string_view s) const;
};

bool parseWildcard(std::string_view text, Wildcard &out, std::string &error);

} // namespace ef::pattern
