#pragma once

#include "core/bus/SimTime.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <vector>

namespace ef::bus {

struct Task
{
    SimTime due = 0;
    std::uint64_t order = 0;  // ties at the same time run in the order scheduled
    std::uint32_t kind = 0;
    std::uint32_t index = 0;
};

// Items due now go to a FIFO (the zero-latency common case: no heap work);
// later ones to a binary heap. pop() merges the two by (due, order). Both are
// plain vectors that keep their capacity: no allocation per item once warm.
class Scheduler
{
public:
    void push(SimTime due, SimTime now, std::uint32_t kind, std::uint32_t index)
    {
        const Task task{due, m_nextOrder++, kind, index};
        if (due <= now && (m_fifo.size() == m_head || m_fifo.back().due <= due)) {
            m_fifo.push_back(task);
            return;
        }
        m_heap.push_back(task);
        std::push_heap(m_heap.begin(), m_heap.end(), later);
    }

    std::optional<SimTime> nextDue() const
    {
        const Task *t = peek();
        return t ? std::optional<SimTime>(t->due) : std::nullopt;
    }

    // The next task due at or before `until`, removed; nullopt otherwise.
    std::optional<Task> pop(SimTime until)
    {
        const Task *t = peek();
        if (!t || t->due > until)
            return std::nullopt;
        Task out = *t;
        if (m_head < m_fifo.size() && t == &m_fifo[m_head]) {
            if (++m_head == m_fifo.size()) {
                m_fifo.clear();
                m_head = 0;
            }
        } else {
            std::pop_heap(m_heap.begin(), m_heap.end(), later);
            m_heap.pop_back();
        }
        return out;
    }

    std::size_t size() const { return m_fifo.size() - m_head + m_heap.size(); }
    void clear()
    {
        m_fifo.clear();
        m_heap.clear();
        m_head = 0;
    }

private:
    static bool later(const Task &a, const Task &b)
    {
        return a.due != b.due ? a.due > b.due : a.order > b.order;
    }
    const Task *peek() const
    {
        const Task *f = m_head < m_fifo.size() ? &m_fifo[m_head] : nullptr;
        const Task *h = m_heap.empty() ? nullptr : &m_heap.front();
        if (!f)
            return h;
        if (!h)
            return f;
        return later(*f, *h) ? h : f;
    }

    std::vector<Task> m_fifo;
    std::size_t m_head = 0;
    std::vector<Task> m_heap;
    std::uint64_t m_nextOrder = 0;
};

} // namespace ef::bus
