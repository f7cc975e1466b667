#include "core/bus/Random.h"

namespace ef::bus {

void formatUuid(std::uint64_t hi, std::uint64_t lo, char *out)
{
    static const char hex[] = "0123456789abcdef";
    // Version 4 and the RFC 4122 variant, the rest from the two words.
    hi = (hi & ~0xF000ULL) | 0x4000ULL;
    lo = (lo & ~(0xC000ULL << 48)) | (0x8000ULL << 48);
    int pos = 0;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out[pos++] = '-';
        const std::uint64_t word = i < 8 ? hi : lo;
        const int shift = (7 - (i % 8)) * 8;
        const auto byte = static_cast<unsigned>((word >> shift) & 0xFF);
        out[pos++] = hex[byte >> 4];
        out[pos++] = hex[byte & 15];
    }
}

} // namespace ef::bus
