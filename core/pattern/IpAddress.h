#pragma once

// IP literals and CIDR blocks. A string that is an IPv4 or IPv6 literal is
// compared as an address (2001:db8::1 = 2001:0DB8:0:0:0:0:0:1, 10.0.0.1 =
// 10.0.0.001). IPv4 and IPv6 never match each other.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ef::pattern {

struct IpAddress
{
    std::uint8_t family = 0;  // 4 or 6; 0 when not an address
    std::array<std::uint8_t, 16> bytes{};  // IPv4 uses the first 4

    bool operator==(const IpAddress &) const = default;
};

struct IpRange
{
    std::uint8_t family = 0;
    std::array<std::uint8_t, 16> low{}, high{};
    int maskBits = 0;

    bool contains(const IpAddress &ip) const;
};

// Dotted-quad IPv4 (each part 0-255, leading zeros allowed) or hex-and-colons
// IPv6 (at most one "::"); anything else, including IPv4-in-IPv6 and zone ids,
// is not an IP literal.
bool parseIpLiteral(std::string_view text, IpAddress &out);

// An address as an ordered key (family first, then the bytes big-endian).
struct IpKey
{
    std::uint8_t family = 0;
    std::uint64_t high = 0, low = 0;

    bool operator<(const IpKey &o) const
    {
        if (family != o.family)
            return family < o.family;
        return high != o.high ? high < o.high : low < o.low;
    }
};
IpKey ipKeyOf(const std::array<std::uint8_t, 16> &bytes, std::uint8_t family);

// "a.b.c.d/n" (n < 32) or "v6/n" (n < 128); host bits are ignored. On failure
// `error` holds the reason in the service's words.
bool parseCidr(std::string_view text, IpRange &out, std::string &error);

} // namespace ef::pattern
