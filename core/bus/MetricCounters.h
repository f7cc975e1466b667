#pragma once

#include "core/bus/MetricStore.h"

#include <array>
#include <cstdint>
#include <limits>

namespace ef::bus {

// A whole second of simulation time (rounded down, negative times too). The
// delivery path counts several metrics at one time: it computes this once
// and hands it to every add().
struct Second
{
    std::int64_t value = 0;
};

inline Second secondOf(SimTime t)
{
    return {t >= 0 ? t / kMicrosPerSecond : (t - kMicrosPerSecond + 1) / kMicrosPerSecond};
}

// Counts of the current second for a few series of one owner (a rule, a
// function), kept together in one cache line; they reach the series when the
// second changes or before anyone reads metrics (flush()). This keeps the
// per-delivery cost of metrics to a few increments.
template <std::size_t N>
class CounterBlock
{
public:
    void bind(std::size_t index, MetricSeries *series) { m_series[index] = series; }

    void add(Second second, std::size_t index)
    {
        if (second.value != m_second) [[unlikely]]
            startSecond(second.value);
        ++m_counts[index];
    }

    void flush()
    {
        if (m_second == kNoSecond)
            return;
        for (std::size_t i = 0; i < N; ++i) {
            if (m_counts[i]) {
                m_series[i]->addCount(m_second, m_counts[i]);
                m_counts[i] = 0;
            }
        }
        m_second = kNoSecond;
    }

private:
    [[gnu::noinline]] void startSecond(std::int64_t second)
    {
        flush();
        m_second = second;
    }

    static constexpr std::int64_t kNoSecond = std::numeric_limits<std::int64_t>::min();
    // The counts first: they share a cache line; the series are read on flush only.
    std::int64_t m_second = kNoSecond;
    std::array<std::uint32_t, N> m_counts{};
    std::array<MetricSeries *, N> m_series{};
};

// The same for a measured value (Lambda's Duration): one second's sum,
// count, minimum and maximum.
class ValueAccumulator
{
public:
    void bind(MetricSeries *series) { m_series = series; }

    void add(Second second, double value)
    {
        if (second.value != m_second) [[unlikely]] {
            flush();
            m_second = second.value;
            m_min = m_max = value;
        }
        m_sum += value;
        ++m_count;
        m_min = std::min(m_min, value);
        m_max = std::max(m_max, value);
    }

    void flush()
    {
        if (m_count)
            m_series->addSummary(m_second, m_sum, m_count, m_min, m_max);
        m_count = 0;
        m_sum = 0;
        m_second = std::numeric_limits<std::int64_t>::min();
    }

private:
    std::int64_t m_second = std::numeric_limits<std::int64_t>::min();
    double m_sum = 0, m_min = 0, m_max = 0;
    std::uint32_t m_count = 0;
    MetricSeries *m_series = nullptr;
};

} // namespace ef::bus
