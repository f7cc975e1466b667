#include "core/pattern/JsonReader.h"

#include <bit>
#include <cstring>

namespace ef::pattern {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

void appendUtf8(std::string &out, std::uint32_t cp)
{
    if (cp < 0x80) {
        out.push_back(char(cp));
    } else if (cp < 0x800) {
        out.push_back(char(0xC0 | (cp >> 6)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(char(0xE0 | (cp >> 12)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(char(0xF0 | (cp >> 18)));
        out.push_back(char(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(char(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(char(0x80 | (cp & 0x3F)));
    }
}

// Length of the valid UTF-8 sequence starting at p (a byte >= 0x80), or 0.
int utf8SequenceLength(const unsigned char *p, const unsigned char *end)
{
    const unsigned char c = p[0];
    auto cont = [&](int i) { return p + i < end && (p[i] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF)
        return cont(1) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (!cont(1) || !cont(2))
            return 0;
        if (c == 0xE0 && p[1] < 0xA0)
            return 0;  // overlong
        if (c == 0xED && p[1] > 0x9F)
            return 0;  // UTF-16 surrogate
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (!cont(1) || !cont(2) || !cont(3))
            return 0;
        if (c == 0xF0 && p[1] < 0x90)
            return 0;
        if (c == 0xF4 && p[1] > 0x8F)
            return 0;
        return 4;
    }
    return 0;
}

// The first byte at or after p that is a quote, a backslash, a control
// character or non-ASCII (or end). Eight bytes at a time: with the usual
// borrow tricks the lowest flagged byte is always a true hit.
const char *findSpecial(const char *p, const char *end)
{
    static_assert(std::endian::native == std::endian::little);
    constexpr std::uint64_t ones = 0x0101010101010101ULL;
    constexpr std::uint64_t highs = 0x8080808080808080ULL;
    while (end - p >= 8) {
        std::uint64_t x;
        std::memcpy(&x, p, 8);
        const std::uint64_t quote = x ^ (ones * '"');
        const std::uint64_t slash = x ^ (ones * '\\');
        const std::uint64_t special = (((quote - ones) & ~quote) | ((slash - ones) & ~slash) |
                                       ((x - ones * 0x20) & ~x) | x) &
                                      highs;
        if (special)
            return p + (std::countr_zero(special) >> 3);
        p += 8;
    }
    while (p < end) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80)
            break;
        ++p;
    }
    return p;
}

} // namespace

bool JsonReader::fail(const char *what)
{
    if (!m_error) {
        m_error = what;
        m_errorOffset = offset();
    }
    return false;
}

std::string JsonReader::errorMessage() const
{
    std::size_t line = 1, column = 1;
    for (const char *q = m_begin; q < m_begin + m_errorOffset && q < m_end; ++q) {
        if (*q == '\n') {
            ++line;
            column = 1;
        } else if ((static_cast<unsigned char>(*q) & 0xC0) != 0x80) {
            ++column;
        }
    }
    return "Malformed JSON at line " + std::to_string(line) + ", column " +
           std::to_string(column) + ": " + (m_error ? m_error : "unknown error");
}

bool JsonReader::expectSlow(char c)
{
    skipSpace();
    if (m_p < m_end && *m_p == c) {
        ++m_p;
        return true;
    }
    if (m_p >= m_end)
        return fail("unexpected end of input");
    switch (c) {
    case ':': return fail("expected ':' after an object key");
    case '"': return fail("expected a string");
    default: return fail("unexpected character");
    }
}

bool JsonReader::readString(std::string_view &out, std::string &buf)
{
    ++m_p;  // opening quote
    const char *start = m_p;
    // Fast path: no escapes, plain ASCII or valid UTF-8.
    for (;;) {
        m_p = findSpecial(m_p, m_end);
        if (m_p >= m_end)
            break;
        const unsigned char c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            out = std::string_view(start, std::size_t(m_p - start));
            ++m_p;
            return true;
        }
        if (c == '\\')
            break;
        if (c < 0x20)
            return fail("control character in a string");
        const int n = utf8SequenceLength(reinterpret_cast<const unsigned char *>(m_p),
                                         reinterpret_cast<const unsigned char *>(m_end));
        if (!n)
            return fail("invalid UTF-8 in a string");
        m_p += n;
    }
    if (m_p >= m_end)
        return fail("unterminated string");

    // Slow path: decode escapes into buf.
    const std::size_t outStart = buf.size();
    buf.append(start, std::size_t(m_p - start));
    while (m_p < m_end) {
        const unsigned char c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            ++m_p;
            out = std::string_view(buf.data() + outStart, buf.size() - outStart);
            return true;
        }
        if (c < 0x20)
            return fail("control character in a string");
        if (c >= 0x80) {
            const int n = utf8SequenceLength(reinterpret_cast<const unsigned char *>(m_p),
                                             reinterpret_cast<const unsigned char *>(m_end));
            if (!n)
                return fail("invalid UTF-8 in a string");
            buf.append(m_p, std::size_t(n));
            m_p += n;
            continue;
        }
        if (c != '\\') {
            buf.push_back(char(c));
            ++m_p;
            continue;
        }
        ++m_p;
        if (m_p >= m_end)
            return fail("unterminated string");
        const char e = *m_p++;
        switch (e) {
        case '"': buf.push_back('"'); break;
        case '\\': buf.push_back('\\'); break;
        case '/': buf.push_back('/'); break;
        case 'b': buf.push_back('\b'); break;
        case 'f': buf.push_back('\f'); break;
        case 'n': buf.push_back('\n'); break;
        case 'r': buf.push_back('\r'); break;
        case 't': buf.push_back('\t'); break;
        case 'u': {
            auto hex4 = [&](std::uint32_t &v) {
                if (m_end - m_p < 4)
                    return false;
                v = 0;
                for (int i = 0; i < 4; ++i) {
                    const int h = hexValue(m_p[i]);
                    if (h < 0)
                        return false;
                    v = v * 16 + std::uint32_t(h);
                }
                m_p += 4;
                return true;
            };
            std::uint32_t cp = 0;
            if (!hex4(cp))
                return fail("invalid \\u escape");
            if (cp >= 0xD800 && cp <= 0xDBFF && m_end - m_p >= 6 && m_p[0] == '\\' &&
                m_p[1] == 'u') {
                const char *save = m_p;
                m_p += 2;
                std::uint32_t low = 0;
                if (hex4(low) && low >= 0xDC00 && low <= 0xDFFF)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                else
                    m_p = save;  // a lone surrogate, kept as is (as Java strings do)
            }
            appendUtf8(buf, cp);
            break;
        }
        default:
            return fail("invalid escape in a string");
        }
    }
    return fail("unterminated string");
}

bool JsonReader::skipString()
{
    ++m_p;
    while (m_p < m_end) {
        m_p = findSpecial(m_p, m_end);
        if (m_p >= m_end)
            break;
        const unsigned char c = static_cast<unsigned char>(*m_p);
        if (c == '"') {
            ++m_p;
            return true;
        }
        if (c < 0x20)
            return fail("control character in a string");
        if (c == '\\') {
            ++m_p;
            if (m_p >= m_end)
                break;
            const char e = *m_p++;
            if (e == 'u') {
                if (m_end - m_p < 4)
                    return fail("invalid \\u escape");
                for (int i = 0; i < 4; ++i) {
                    if (hexValue(m_p[i]) < 0)
                        return fail("invalid \\u escape");
                }
                m_p += 4;
            } else if (!std::strchr("\"\\/bfnrt", e) || e == '\0') {
                return fail("invalid escape in a string");
            }
            continue;
        }
        const int n = utf8SequenceLength(reinterpret_cast<const unsigned char *>(m_p),
                                         reinterpret_cast<const unsigned char *>(m_end));
        if (!n)
            return fail("invalid UTF-8 in a string");
        m_p += n;
    }
    return fail("unterminated string");
}

bool JsonReader::readNumber(std::string_view &out)
{
    const char *start = m_p;
    auto digit = [&] { return m_p < m_end && *m_p >= '0' && *m_p <= '9'; };
    if (*m_p == '-')
        ++m_p;
    if (!digit())
        return fail("invalid number");
    if (*m_p == '0') {
        ++m_p;
        if (digit())
            return fail("leading zeroes are not allowed in a number");
    } else {
        while (digit())
            ++m_p;
    }
    if (m_p < m_end && *m_p == '.') {
        ++m_p;
        if (!digit())
            return fail("invalid number");
        while (digit())
            ++m_p;
    }
    if (m_p < m_end && (*m_p == 'e' || *m_p == 'E')) {
        ++m_p;
        if (m_p < m_end && (*m_p == '+' || *m_p == '-'))
            ++m_p;
        if (!digit())
            return fail("invalid number");
        while (digit())
            ++m_p;
    }
    out = std::string_view(start, std::size_t(m_p - start));
    return true;
}

bool JsonReader::readLiteral(std::string_view literal)
{
    if (std::size_t(m_end - m_p) < literal.size() ||
        std::memcmp(m_p, literal.data(), literal.size()) != 0)
        return fail("unrecognized token");
    m_p += literal.size();
    return true;
}

bool JsonReader::skipValue(int depth)
{
    skipSpace();
    if (m_p >= m_end)
        return fail("unexpected end of input");
    switch (*m_p) {
    case '"': return skipString();
    case '{':
    case '[': return skipContainer(depth + 1);
    case 't': return readLiteral("true");
    case 'f': return readLiteral("false");
    case 'n': return readLiteral("null");
    default: {
        if (*m_p == '-' || (*m_p >= '0' && *m_p <= '9')) {
            std::string_view ignored;
            return readNumber(ignored);
        }
        return fail("expected a value");
    }
    }
}

bool JsonReader::skipContainer(int depth)
{
    // Iterative over one container level; nested containers recurse, bounded by depth.
    if (depth > kMaxJsonDepth)
        return failDepth();
    const bool object = *m_p == '{';
    const char close = object ? '}' : ']';
    ++m_p;
    skipSpace();
    if (m_p < m_end && *m_p == close) {
        ++m_p;
        return true;
    }
    for (;;) {
        if (object) {
            skipSpace();
            if (m_p >= m_end)
                return fail("unexpected end of input");
            if (*m_p != '"')
                return fail("expected a string as object key");
            if (!skipString() || !expect(':'))
                return false;
        }
        if (!skipValue(depth))
            return false;
        skipSpace();
        if (m_p >= m_end)
            return fail("unexpected end of input");
        if (*m_p == ',') {
            ++m_p;
            continue;
        }
        if (*m_p == close) {
            ++m_p;
            return true;
        }
        return fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
    }
}

void appendJsonString(std::string &out, std::string_view s)
{
    static const char hex[] = "0123456789abcdef";
    out.push_back('"');
    for (const char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out.push_back(hex[c >> 4]);
                out.push_back(hex[c & 15]);
            } else {
                out.push_back(char(c));
            }
        }
    }
    out.push_back('"');
}

} // namespace ef::pattern
