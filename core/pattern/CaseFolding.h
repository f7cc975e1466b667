#pragma once

// equals-ignore-case as the service defines it: each UTF-16 character of the
// pattern matches its lower-case or its upper-case form (Unicode's
// locale-independent mappings, which may change the length: "ß" matches "ß"
// or "SS", never "ss"). Characters outside the BMP are mapped as whole code
// points, so emoji compare correctly. The event's bytes are never transformed.

#include <string>
#include <string_view>
#include <vector>

namespace ef::pattern {

class CaseFoldedText
{
public:
    explicit CaseFoldedText(std::string_view pattern = {});

    bool equals(std::string_view s) const;
    bool isPrefixOf(std::string_view s) const;
    bool isSuffixOf(std::string_view s) const;

    // Pure-ASCII patterns match exactly the strings equal to asciiLower() after
    // ASCII lower-casing, which lets an index use a hash lookup.
    bool isAscii() const { return m_ascii; }
    const std::string &asciiLower() const { return m_asciiLower; }

private:
    // Where the pattern can end in `s` when matched from `from` onward.
    void forwardEnds(std::string_view s, std::vector<std::size_t> &ends) const;

    std::vector<std::vector<std::string>> m_units;  // alternatives per character
    bool m_ascii = true;
    std::string m_asciiLower;
};

// ASCII-only lower-casing (other bytes unchanged), for the index lookup.
void asciiLowerInto(std::string_view s, std::string &out);

} // namespace ef::pattern
