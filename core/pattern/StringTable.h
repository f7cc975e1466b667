#pragma once

// A small open-addressing hash table from byte strings to values, for the
// lookups on the per-event path (keys of the path trie, exact values,
// prefix buckets). Power-of-two slots, one multiply-mix hash per lookup, no
// allocation when looking up. Erase is supported (backward-shift deletion).

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace ef::pattern {

inline std::uint64_t hashBytes(std::string_view s)
{
    const char *p = s.data();
    std::size_t n = s.size();
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ (n * 0xff51afd7ed558ccdULL);
    while (n >= 8) {
        std::uint64_t w;
        std::memcpy(&w, p, 8);
        h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 31;
        p += 8;
        n -= 8;
    }
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    h = (h ^ w) * 0x94d049bb133111ebULL;
    return h ^ (h >> 29);
}

template<typename Value>
class StringTable
{
public:
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }

    const Value *find(std::string_view key) const { return find(key, hashBytes(key)); }
    const Value *find(std::string_view key, std::uint64_t hash) const
    {
        if (m_slots.empty())
            return nullptr;
        const std::size_t mask = m_slots.size() - 1;
        for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
            const Slot &s = m_slots[i];
            if (!s.used)
                return nullptr;
            if (s.hash == hash && s.key.size() == key.size() &&
                std::memcmp(s.key.data(), key.data(), key.size()) == 0)
                return &s.value;
        }
    }
    Value *find(std::string_view key)
    {
        return const_cast<Value *>(static_cast<const StringTable *>(this)->find(key));
    }

    // Inserts (key, value) unless key is present; returns the stored value.
    Value &insert(std::string_view key, Value value)
    {
        if (Value *existing = find(key))
            return *existing;
        if ((m_size + 1) * 2 > m_slots.size())
            rehash(std::max<std::size_t>(8, m_slots.size() * 2));
        const std::uint64_t hash = hashBytes(key);
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = hash & mask;
        while (m_slots[i].used)
            i = (i + 1) & mask;
        m_slots[i] = Slot{std::string(key), hash, std::move(value), true};
        ++m_size;
        return m_slots[i].value;
    }

    bool erase(std::string_view key)
    {
        if (m_slots.empty())
            return false;
        const std::uint64_t hash = hashBytes(key);
        const std::size_t mask = m_slots.size() - 1;
        std::size_t i = hash & mask;
        for (;; i = (i + 1) & mask) {
            if (!m_slots[i].used)
                return false;
            if (m_slots[i].hash == hash && m_slots[i].key == key)
                break;
        }
        // Backward-shift: pull later members of the probe run into the hole.
        for (std::size_t j = (i + 1) & mask; m_slots[j].used; j = (j + 1) & mask) {
            const std::size_t home = m_slots[j].hash & mask;
            if (((j - home) & mask) >= ((j - i) & mask)) {
                m_slots[i] = std::move(m_slots[j]);
                i = j;
            }
        }
        m_slots[i] = Slot();
        --m_size;
        return true;
    }

    template<typename F>
    void forEach(F &&f) const
    {
        for (const Slot &s : m_slots) {
            if (s.used)
                f(std::string_view(s.key), s.value);
        }
    }

private:
    struct Slot
    {
        std::string key;
        std::uint64_t hash = 0;
        Value value{};
        bool used = false;
    };

    void rehash(std::size_t slots)
    {
        std::vector<Slot> old = std::move(m_slots);
        m_slots.assign(slots, Slot());
        const std::size_t mask = slots - 1;
        for (Slot &s : old) {
            if (!s.used)
                continue;
            std::size_t i = s.hash & mask;
            while (m_slots[i].used)
                i = (i + 1) & mask;
            m_slots[i] = std::move(s);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

} // namespace ef::pattern
