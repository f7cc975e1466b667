#include "core/pattern/IpAddress.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace ef::pattern {

namespace {

bool parseIpv4(std::string_view t, IpAddress &out)
{
    int part = 0;
    std::size_t i = 0;
    while (part < 4) {
        const std::size_t start = i;
        unsigned value = 0;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
            value = value * 10 + unsigned(t[i] - '0');
            if (value > 255)
                return false;
            ++i;
        }
        if (i == start)
            return false;
        out.bytes[std::size_t(part++)] = std::uint8_t(value);
        if (part < 4) {
            if (i >= t.size() || t[i] != '.')
                return false;
            ++i;
        }
    }
    if (i != t.size())
        return false;
    out.family = 4;
    return true;
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

bool parseIpv6(std::string_view t, IpAddress &out)
{
    if (t.size() < 2)
        return false;
    std::vector<std::uint16_t> head, tail;
    bool compressed = false;
    std::size_t i = 0;
    if (t.substr(0, 2) == "::") {
        compressed = true;
        i = 2;
        if (i == t.size()) {
            out.family = 6;
            out.bytes = {};
            return true;
        }
    } else if (t[0] == ':') {
        return false;
    }
    for (;;) {
        unsigned value = 0;
        int n = 0;
        while (i < t.size() && hexDigit(t[i]) >= 0) {
            if (++n > 4)
                return false;
            value = value * 16 + unsigned(hexDigit(t[i]));
            ++i;
        }
        if (n == 0)
            return false;
        (compressed ? tail : head).push_back(std::uint16_t(value));
        if (i == t.size())
            break;
        if (t[i] != ':')
            return false;
        ++i;
        if (i < t.size() && t[i] == ':') {
            if (compressed)
                return false;
            compressed = true;
            ++i;
            if (i == t.size())
                break;
        } else if (i == t.size()) {
            return false;  // trailing single colon
        }
    }
    const std::size_t groups = head.size() + tail.size();
    if (compressed ? groups > 7 : groups != 8)
        return false;
    out.bytes = {};
    std::size_t g = 0;
    for (const std::uint16_t v : head) {
        out.bytes[2 * g] = std::uint8_t(v >> 8);
        out.bytes[2 * g + 1] = std::uint8_t(v);
        ++g;
    }
    g = 8 - tail.size();
    for (const std::uint16_t v : tail) {
        out.bytes[2 * g] = std::uint8_t(v >> 8);
        out.bytes[2 * g + 1] = std::uint8_t(v);
        ++g;
    }
    out.family = 6;
    return true;
}

bool looksLikeIpv4(std::string_view t)
{
    // [0-9]+ . [0-9]+ . [0-9]+ . [0-9]+
    int dots = 0;
    bool digitBefore = false;
    for (const char c : t) {
        if (c >= '0' && c <= '9') {
            digitBefore = true;
        } else if (c == '.' && digitBefore) {
            ++dots;
            digitBefore = false;
        } else {
            return false;
        }
    }
    return dots == 3 && digitBefore;
}

bool looksLikeIpv6(std::string_view t)
{
    bool colon = false;
    for (const char c : t) {
        if (c == ':')
            colon = true;
        else if (hexDigit(c) < 0)
            return false;
    }
    return colon;
}

} // namespace

bool parseIpLiteral(std::string_view text, IpAddress &out)
{
    out = IpAddress();
    if (text.empty() || text.size() > 64)
        return false;
    const char c = text[0];
    if (c >= '0' && c <= '9' && looksLikeIpv4(text))
        return parseIpv4(text, out);
    if (looksLikeIpv6(text))
        return parseIpv6(text, out);
    return false;
}

IpKey ipKeyOf(const std::array<std::uint8_t, 16> &bytes, std::uint8_t family)
{
    IpKey k;
    k.family = family;
    for (int i = 0; i < 8; ++i) {
        k.high = (k.high << 8) | bytes[std::size_t(i)];
        k.low = (k.low << 8) | bytes[std::size_t(i + 8)];
    }
    return k;
}

bool IpRange::contains(const IpAddress &ip) const
{
    if (ip.family != family)
        return false;
    const std::size_t n = family == 4 ? 4 : 16;
    return std::memcmp(ip.bytes.data(), low.data(), n) >= 0 &&
           std::memcmp(ip.bytes.data(), high.data(), n) <= 0;
}

bool parseCidr(std::string_view text, IpRange &out, std::string &error)
{
    // Split on '/' as Java's String.split does: trailing empty parts vanish.
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || text[i] == '/') {
            parts.push_back(text.substr(start, i - start));
            start = i + 1;
        }
    }
    while (parts.size() > 1 && parts.back().empty())
        parts.pop_back();
    if (parts.size() != 2) {
        error = "Malformed CIDR, one '/' required";
        return false;
    }
    // Integer.parseInt: optional sign, decimal digits, fits in 32 bits.
    std::string_view mask = parts[1];
    bool negative = false;
    std::size_t i = 0;
    if (!mask.empty() && (mask[0] == '+' || mask[0] == '-')) {
        negative = mask[0] == '-';
        i = 1;
    }
    long long bits = 0;
    if (i >= mask.size()) {
        error = "Malformed CIDR, mask bits must be an integer";
        return false;
    }
    for (; i < mask.size(); ++i) {
        if (mask[i] < '0' || mask[i] > '9' || bits > 2147483648LL) {
            error = "Malformed CIDR, mask bits must be an integer";
            return false;
        }
        bits = bits * 10 + (mask[i] - '0');
    }
    if (negative)
        bits = -bits;
    if (bits > 2147483647LL || bits < -2147483648LL) {
        error = "Malformed CIDR, mask bits must be an integer";
        return false;
    }
    if (bits < 0) {
        error = "Malformed CIDR, mask bits must not be negative";
        return false;
    }
    IpAddress ip;
    const std::string_view address = parts[0];
    const bool shaped = (!address.empty() && address[0] >= '0' && address[0] <= '9' &&
                         looksLikeIpv4(address)) ||
                        looksLikeIpv6(address);
    if (!shaped) {
        error = "Nonstandard IP address: " + std::string(address);
        return false;
    }
    if (!parseIpLiteral(address, ip)) {
        error = "Invalid IP address: " + std::string(address);
        return false;
    }
    if (ip.family == 4 && bits > 31) {
        error = "IPv4 mask bits must be < 32";
        return false;
    }
    if (ip.family == 6 && bits > 127) {
        error = "IPv6 mask bits must be < 128";
        return false;
    }
    out = IpRange();
    out.family = ip.family;
    out.maskBits = int(bits);
    const int total = ip.family == 4 ? 32 : 128;
    for (int b = 0; b < total / 8; ++b) {
        const int keep = std::max(0, std::min(8, int(bits) - 8 * b));
        const std::uint8_t maskByte = std::uint8_t(keep == 0 ? 0 : (0xFF << (8 - keep)) & 0xFF);
        out.low[std::size_t(b)] = ip.bytes[std::size_t(b)] & maskByte;
        out.high[std::size_t(b)] = std::uint8_t(ip.bytes[std::size_t(b)] | ~maskByte);
    }
    return true;
}

} // namespace ef::pattern
