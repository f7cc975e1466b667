#include "ui/FrameStats.h"

#include <algorithm>
#include <cmath>
#include <ctime>

namespace ef::ui {

static double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

// Kept for a long run (an hour at 60 fps is ~1.7 MB), then the oldest half goes.
constexpr std::size_t kMaxSamples = 1 << 18;

void FrameStats::paintStarted()
{
    m_start = m_clock.nsecsElapsed();
    m_startCpu = threadCpuMs();
    if (m_lastStart >= 0) {
        if (m_intervals.size() >= kMaxSamples)
            m_intervals.erase(m_intervals.begin(), m_intervals.begin() + kMaxSamples / 2);
        m_intervals.push_back(static_cast<double>(m_start - m_lastStart) / 1e6);
    }
    m_lastStart = m_start;
    ++m_frames;
    ++m_fpsFrames;
    if (m_start - m_fpsWindowStart >= 1000000000LL) {
        m_recentFps = m_fpsFrames * 1e9 / static_cast<double>(m_start - m_fpsWindowStart);
        m_fpsWindowStart = m_start;
        m_fpsFrames = 0;
    }
}

void FrameStats::paintFinished()
{
    if (m_paint.size() >= kMaxSamples)
        m_paint.erase(m_paint.begin(), m_paint.begin() + kMaxSamples / 2);
    m_paint.push_back(static_cast<double>(m_clock.nsecsElapsed() - m_start) / 1e6);
    if (m_paintCpu.size() >= kMaxSamples)
        m_paintCpu.erase(m_paintCpu.begin(), m_paintCpu.begin() + kMaxSamples / 2);
    m_paintCpu.push_back(threadCpuMs() - m_startCpu);
}

void FrameStats::reset()
{
    m_lastStart = -1;
    m_frames = 0;
    m_intervals.clear();
    m_paint.clear();
    m_paintCpu.clear();
}

double FrameStats::percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    const auto k = static_cast<std::size_t>(
        std::clamp(std::ceil(p / 100.0 * static_cast<double>(values.size())) - 1, 0.0,
                   static_cast<double>(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

} // namespace ef::ui
