#pragma once

// Strict JSON (RFC 8259) tokenising shared by the pattern parser and the
// event flattener, so a text is valid or invalid the same way everywhere.
// Our own reader rather than a library because the matcher needs what
// general-purpose parsers drop or forbid: every duplicate key in order, the
// literal text of numbers, skipping unused subtrees without building them,
// a nesting limit, and no allocation on the event path.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ef::pattern {

// Deeper nesting is an error, never a crash: every recursive walk is bounded by it.
inline constexpr int kMaxJsonDepth = 1100;

class JsonReader
{
public:
    explicit JsonReader(std::string_view text)
        : m_begin(text.data()), m_p(text.data()), m_end(text.data() + text.size())
    {
    }

    void skipSpace()
    {
        while (m_p < m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }
    bool atEnd() const { return m_p >= m_end; }
    // The next byte, or 0 at the end (a NUL byte in the text is never valid JSON here).
    char peek() const { return m_p < m_end ? *m_p : '\0'; }
    void advance() { ++m_p; }
    std::size_t offset() const { return std::size_t(m_p - m_begin); }

    // Expects `c` (after optional whitespace); sets an error otherwise.
    bool expect(char c)
    {
        if (m_p < m_end && *m_p == c) {
            ++m_p;
            return true;
        }
        return expectSlow(c);
    }

    // At '"': reads a string. Without escapes `out` views the input; with
    // escapes the decoded bytes are appended to `buf` and `out` views them
    // (the caller keeps `buf` from reallocating while views are alive).
    bool readString(std::string_view &out, std::string &buf);
    // At '"': validates a string without decoding it.
    bool skipString();
    // At '-' or a digit: the literal text of a number.
    bool readNumber(std::string_view &out);
    // At 't', 'f' or 'n'.
    bool readLiteral(std::string_view literal);
    // Validates one value of any kind at nesting `depth` (the caller's depth).
    bool skipValue(int depth);

    bool fail(const char *what);
    bool failDepth() { return fail("JSON nested deeper than 1100 levels"); }
    bool failed() const { return m_error != nullptr; }
    // "Malformed JSON at line L, column C: <what>".
    std::string errorMessage() const;

private:
    bool expectSlow(char c);
    bool skipContainer(int depth);

    const char *m_begin;
    const char *m_p;
    const char *m_end;
    const char *m_error = nullptr;
    std::size_t m_errorOffset = 0;
};

// Appends `s` as a JSON string literal (quotes and escapes included).
void appendJsonString(std::string &out, std::string_view s);

} // namespace ef::pattern
