#pragma once

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace ef::bus {

// Writes `T` (16-byte aligned, size a multiple of 16) to `to` without
// reading the destination line into the cache. The trace and log rings are
// written at every step of every delivery and read rarely; ordinary stores
// would evict the rules and functions the next delivery needs. Readers on
// this thread see the data at once; fence() orders it for other threads.
template <typename T>
inline void streamStore(T *to, const T &from)
{
    static_assert(sizeof(T) % 16 == 0 && alignof(T) >= 16);
#if defined(__SSE2__)
    auto *dst = reinterpret_cast<__m128i *>(to);
    const auto *src = reinterpret_cast<const __m128i *>(&from);
    for (std::size_t i = 0; i < sizeof(T) / 16; ++i)
        _mm_stream_si128(dst + i, _mm_load_si128(src + i));
#else
    std::memcpy(static_cast<void *>(to), &from, sizeof(T));
#endif
}

// The same for 8-byte words already in registers (movnti): writing a record
// word by word avoids reloading a just-built struct in 16-byte pieces, which
// would stall on store forwarding.
inline void streamWord(void *to, std::uint64_t word)
{
#if defined(__SSE2__) && defined(__x86_64__)
    _mm_stream_si64(static_cast<long long *>(to), static_cast<long long>(word));
#else
    std::memcpy(to, &word, sizeof word);
#endif
}

inline void streamFence()
{
#if defined(__SSE2__)
    _mm_sfence();
#endif
}

} // namespace ef::bus
