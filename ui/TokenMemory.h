#pragma once

// What the canvas remembers about recent events for a while: how far behind
// the engine an event's token runs at each node (so its next hop starts when
// the previous one arrives) and the event's colour. A fixed table allocated
// once: lookups and updates never allocate, rehash or sweep. Under load the
// canvas touches ~10,000 (event, node) pairs a second, and a hash map of them
// that grew, rehashed and was swept every two seconds made frames late.
// An entry not touched for `horizon` is free again; when all the slots an
// entry may take are live, the stalest goes (that event's next hop then
// starts on time instead of after its lag: a small visual slip, never a
// wrong count).

#include "core/bus/SimTime.h"
#include "core/bus/Trace.h"

#include <cstdint>
#include <vector>

namespace ef::ui {

class TokenMemory
{
public:
    // `entries` is rounded up to a power of two.
    TokenMemory(std::size_t entries, SimTime horizon);

    // The value stored for (event, key) touched within the horizon before
    // `now`, or -1.
    std::int64_t find(EventSeq event, std::uint32_t key, SimTime now) const;
    void store(EventSeq event, std::uint32_t key, std::int64_t value, SimTime now);
    void clear();
    std::size_t capacity() const { return m_slots.size(); }

private:
    struct Entry
    {
        std::uint64_t id = 0;  // 0: never used
        std::int64_t value = 0;
        SimTime touched = 0;
    };
    static constexpr std::size_t kWays = 4;  // slots an entry may take
    std::size_t bucketOf(std::uint64_t id) const;
    static std::uint64_t idOf(EventSeq event, std::uint32_t key);

    std::vector<Entry> m_slots;
    int m_shift;
    SimTime m_horizon;
};

} // namespace ef::ui
