#pragma once

// A set of branch ids as a plain bitset. All sets of one RuleSet have the
// same number of words, so set algebra is a straight loop over words.

#include <cstdint>
#include <vector>

namespace ef::pattern {

class BranchSet
{
public:
    void resize(std::size_t words) { m_words.resize(words, 0); }
    std::size_t words() const { return m_words.size(); }
    void set(std::uint32_t i) { m_words[i >> 6] |= std::uint64_t(1) << (i & 63); }
    void reset(std::uint32_t i) { m_words[i >> 6] &= ~(std::uint64_t(1) << (i & 63)); }
    bool test(std::uint32_t i) const { return (m_words[i >> 6] >> (i & 63)) & 1; }
    bool any() const
    {
        for (const std::uint64_t w : m_words) {
            if (w)
                return true;
        }
        return false;
    }
    const std::uint64_t *data() const { return m_words.data(); }
    std::uint64_t *data() { return m_words.data(); }

private:
    std::vector<std::uint64_t> m_words;
};

} // namespace ef::pattern
