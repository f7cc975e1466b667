#include "ui/TokenMemory.h"

#include <algorithm>
#include <bit>

namespace ef::ui {

TokenMemory::TokenMemory(std::size_t entries, SimTime horizon) : m_horizon(horizon)
{
    const std::size_t n = std::bit_ceil(std::max<std::size_t>(entries, 2 * kWays));
    m_slots.resize(n);
    m_shift = 64 - std::countr_zero(n);
}

std::uint64_t TokenMemory::idOf(EventSeq event, std::uint32_t key)
{
    // Event sequence numbers start at 1, so no id is 0.
    return (static_cast<std::uint64_t>(event) << 20) ^ key;
}

std::size_t TokenMemory::bucketOf(std::uint64_t id) const
{
    // Fibonacci hashing: consecutive events spread over the whole table.
    const std::uint64_t h = (id * 0x9E3779B97F4A7C15ULL) >> m_shift;
    return static_cast<std::size_t>(h) & ~(kWays - 1);
}

std::int64_t TokenMemory::find(EventSeq event, std::uint32_t key, SimTime now) const
{
    const std::uint64_t id = idOf(event, key);
    const std::size_t b = bucketOf(id);
    for (std::size_t i = b; i < b + kWays; ++i) {
        const Entry &e = m_slots[i];
        if (e.id == id)
            return e.touched >= now - m_horizon ? e.value : -1;
    }
    return -1;
}

void TokenMemory::store(EventSeq event, std::uint32_t key, std::int64_t value, SimTime now)
{
    const std::uint64_t id = idOf(event, key);
    const std::size_t b = bucketOf(id);
    Entry *victim = nullptr;
    for (std::size_t i = b; i < b + kWays && !victim; ++i) {
        if (m_slots[i].id == id)
            victim = &m_slots[i];
    }
    if (!victim) {
        // A free slot, else the one touched longest ago.
        victim = &m_slots[b];
        for (std::size_t i = b; i < b + kWays && victim->id; ++i) {
            if (!m_slots[i].id || m_slots[i].touched < victim->touched)
                victim = &m_slots[i];
        }
    }
    victim->id = id;
    victim->value = value;
    victim->touched = now;
}

void TokenMemory::clear() { std::fill(m_slots.begin(), m_slots.end(), Entry{}); }

} // namespace ef::ui
