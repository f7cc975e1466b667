// Array consistency: two fields that land inside objects of the same event
// array must be satisfied by the same element. The check is a search over the
// branch's fields in the reference matcher's order: each field picks a value
// whose array elements agree with the elements picked so far; an
// `exists: false` field holds when no value at its path agrees with them.
//
// Linear in the event: values of a path are looked up by (array, element)
// instead of scanned, and a failed (field, relevant elements) state is never
// searched twice, so two big arrays never multiply.

#include "core/pattern/RuleSetImpl.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace ef::pattern {

namespace {

struct Element
{
    std::uint32_t array, index;
};

std::uint64_t elementKey(std::uint32_t array, std::uint32_t index)
{
    return (std::uint64_t(array) << 32) | index;
}

class Search
{
public:
    // Only fields whose path has values inside arrays take part: every other
    // field is consistent with any choice, and the set algebra already decided it.
    Search(const RuleSetData &set, const BranchEntry &branch, const MatchScratch &s)
        : m_set(set), m_s(s)
    {
        const auto &members = s.flat.memberships;
        for (std::size_t f = 0; f < branch.fields.size(); ++f) {
            const FieldRef &field = branch.fields[f];
            if (s.pathMemberStamp[field.path] != s.generation)
                continue;
            m_levels.emplace_back();
            Level &level = m_levels.back();
            level.field = &field;
            level.fieldIndex = f;
            for (std::uint32_t i = s.pathHead[field.path]; i != ValueIndex::kNone; i = s.next[i]) {
                level.values.push_back(i);
                for (std::uint32_t m = s.flat.values[i].membership; m; m = members[m].parent) {
                    level.byElement[elementKey(members[m].array, members[m].index)].push_back(i);
                    level.arrays.insert(members[m].array);
                }
            }
        }
        // Arrays that still matter from each level on (for the failure memo).
        for (std::size_t l = m_levels.size(); l-- > 0;) {
            m_levels[l].relevant = m_levels[l].arrays;
            if (l + 1 < m_levels.size())
                m_levels[l].relevant.insert(m_levels[l + 1].relevant.begin(),
                                            m_levels[l + 1].relevant.end());
        }
    }

    // Depth-first over the levels with an explicit stack (a pattern may have
    // any number of fields). On success `chosen` holds, per branch field, the
    // value that satisfied it (-1: absence or not part of the search).
    bool run(std::vector<long> &chosen, std::size_t fieldCount)
    {
        chosen.assign(fieldCount, -1);
        const std::size_t n = m_levels.size();
        std::vector<Frame> frames;
        frames.reserve(n + 1);
        if (!enter(frames, 0))
            return false;
        for (;;) {
            const std::size_t l = frames.size() - 1;
            if (l == n)
                return true;
            Frame &f = frames[l];
            Level &level = m_levels[l];
            m_constraints.resize(f.mark);
            bool descended = false;
            while (f.pos < f.values->size()) {
                const std::uint32_t i = (*f.values)[f.pos++];
                const EventValue &v = m_s.flat.values[i];
                if (!consistent(v.membership))
                    continue;
                f.anyConsistent = true;
                if (!m_set.fieldAccepts(*level.field, v))
                    continue;
                constrain(v.membership);
                chosen[level.fieldIndex] = long(i);
                descended = enter(frames, l + 1);
                if (descended)
                    break;
                m_constraints.resize(f.mark);
            }
            if (descended)
                continue;
            if (level.field->absent && !f.anyConsistent && !f.triedAbsent) {
                f.triedAbsent = true;
                chosen[level.fieldIndex] = -1;
                if (enter(frames, l + 1))
                    continue;
            }
            m_failed.insert(frames[l].key);
            frames.pop_back();
            if (frames.empty())
                return false;
        }
    }

private:
    struct Level
    {
        const FieldRef *field = nullptr;
        std::size_t fieldIndex = 0;
        std::vector<std::uint32_t> values;
        std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> byElement;
        std::unordered_set<std::uint32_t> arrays, relevant;
    };
    struct Frame
    {
        const std::vector<std::uint32_t> *values = nullptr;
        std::size_t pos = 0;
        std::size_t mark = 0;  // constraints in force when this level was entered
        bool anyConsistent = false;
        bool triedAbsent = false;
        std::string key;
    };

    // Pushes level l unless it is known to fail under the current constraints.
    bool enter(std::vector<Frame> &frames, std::size_t l)
    {
        Frame f;
        f.mark = m_constraints.size();
        if (l < m_levels.size()) {
            f.key = memoKey(l);
            if (m_failed.count(f.key))
                return false;
            f.values = &candidates(m_levels[l]);
        }
        frames.push_back(std::move(f));
        return true;
    }

    bool consistent(std::uint32_t membership) const
    {
        const auto &members = m_s.flat.memberships;
        for (std::uint32_t m = membership; m; m = members[m].parent) {
            for (const Element &c : m_constraints) {
                if (c.array == members[m].array && c.index != members[m].index)
                    return false;
            }
        }
        return true;
    }

    void constrain(std::uint32_t membership)
    {
        const auto &members = m_s.flat.memberships;
        for (std::uint32_t m = membership; m; m = members[m].parent) {
            const bool known = std::any_of(m_constraints.begin(), m_constraints.end(),
                                           [&](const Element &c) {
                                               return c.array == members[m].array;
                                           });
            if (!known)
                m_constraints.push_back(Element{members[m].array, members[m].index});
        }
    }

    // The values of a level that can agree with the current constraints.
    const std::vector<std::uint32_t> &candidates(const Level &level) const
    {
        static const std::vector<std::uint32_t> none;
        for (const Element &c : m_constraints) {
            if (level.arrays.count(c.array)) {
                const auto it = level.byElement.find(elementKey(c.array, c.index));
                return it == level.byElement.end() ? none : it->second;
            }
        }
        return level.values;
    }

    std::string memoKey(std::size_t l) const
    {
        std::vector<Element> relevant;
        for (const Element &c : m_constraints) {
            if (m_levels[l].relevant.count(c.array))
                relevant.push_back(c);
        }
        std::sort(relevant.begin(), relevant.end(), [](const Element &a, const Element &b) {
            return a.array < b.array;
        });
        std::string key = std::to_string(l);
        for (const Element &c : relevant)
            key += ',' + std::to_string(c.array) + ':' + std::to_string(c.index);
        return key;
    }

    const RuleSetData &m_set;
    const MatchScratch &m_s;
    std::vector<Level> m_levels;
    std::vector<Element> m_constraints;
    std::unordered_set<std::string> m_failed;
};

} // namespace

bool RuleSetData::verifyBranch(std::uint32_t branch, const MatchScratch &s,
                               std::vector<long> *chosen) const
{
    Search search(*this, branches[branch], s);
    std::vector<long> picked;
    const bool ok = search.run(picked, branches[branch].fields.size());
    if (ok && chosen)
        *chosen = std::move(picked);
    return ok;
}

} // namespace ef::pattern
