#pragma once

// Numeric ranges and CIDR blocks of one path as elementary regions: the
// sorted distinct interval ends cut the key space into points and open gaps,
// and each region stores the set of branches whose interval covers it. An
// event value is then one binary search and one set union, however many
// ranges the rules use. Updated in place when rules come and go.

#include <algorithm>
#include <cstdint>
#include <vector>

namespace ef::pattern {

template<typename Key>
class RangeIndex
{
public:
    struct Interval
    {
        bool hasLow = false, hasHigh = false, lowOpen = false, highOpen = false;
        Key low{}, high{};
    };

    bool empty() const { return m_bounds.empty(); }

    void resizeWords(std::size_t words)
    {
        m_words = words;
        for (auto &s : m_sets)
            s.resize(words, 0);
    }

    // Marks `branch` in every region the interval covers.
    void add(const Interval &iv, std::uint32_t branch)
    {
        if (m_sets.empty())
            m_sets.emplace_back(m_words, 0);  // the whole line, before any bound
        if (iv.hasLow)
            insertBound(iv.low);
        if (iv.hasHigh)
            insertBound(iv.high);
        for (std::size_t r = 0; r < m_sets.size(); ++r) {
            if (covers(iv, r))
                m_sets[r][branch >> 6] |= std::uint64_t(1) << (branch & 63);
        }
    }

    // Forgets `branch` everywhere (a branch has one field per path, so all its
    // intervals here go at once).
    void removeBranch(std::uint32_t branch)
    {
        for (auto &s : m_sets)
            s[branch >> 6] &= ~(std::uint64_t(1) << (branch & 63));
    }

    // The branches whose intervals contain `k`, or nullptr when none can.
    const std::uint64_t *find(const Key &k) const
    {
        if (m_sets.empty())
            return nullptr;
        const auto it = std::lower_bound(m_bounds.begin(), m_bounds.end(), k);
        const std::size_t i = std::size_t(it - m_bounds.begin());
        const bool onBound = it != m_bounds.end() && !(k < *it);
        return m_sets[onBound ? 2 * i + 1 : 2 * i].data();
    }

private:
    // Region 2i is the open gap before bound i; region 2i+1 is bound i itself.
    void insertBound(const Key &k)
    {
        const auto it = std::lower_bound(m_bounds.begin(), m_bounds.end(), k);
        if (it != m_bounds.end() && !(k < *it))
            return;
        const std::size_t i = std::size_t(it - m_bounds.begin());
        m_bounds.insert(it, k);
        // The gap that contained k becomes gap, point, gap: all as covered as before.
        const std::vector<std::uint64_t> gap = m_sets[2 * i];
        m_sets.insert(m_sets.begin() + std::ptrdiff_t(2 * i), 2, gap);
    }

    bool covers(const Interval &iv, std::size_t region) const
    {
        const std::size_t i = region / 2;
        if (region % 2) {
            const Key &x = m_bounds[i];
            if (iv.hasLow && (iv.lowOpen ? !(iv.low < x) : x < iv.low))
                return false;
            if (iv.hasHigh && (iv.highOpen ? !(x < iv.high) : iv.high < x))
                return false;
            return true;
        }
        // Open gap (bounds[i-1], bounds[i]): interval ends are bounds, so the gap
        // is inside iff the low end is at or before its start and the high end
        // at or after its end.
        if (iv.hasLow && (i == 0 || m_bounds[i - 1] < iv.low))
            return false;
        if (iv.hasHigh && (i == m_bounds.size() || iv.high < m_bounds[i]))
            return false;
        return true;
    }

    std::vector<Key> m_bounds;
    std::vector<std::vector<std::uint64_t>> m_sets;
    std::size_t m_words = 0;
};

} // namespace ef::pattern
