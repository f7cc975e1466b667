#include "ui/FrameProfile.h"

#include <ctime>

namespace ef::ui {

namespace {
// Nine minutes at 60 fps; then the oldest half goes. Reserved up front so
// a long session neither copies nor grows the buffer as it runs.
constexpr std::size_t kMaxFrames = 1 << 15;

double threadCpuMs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}
} // namespace

const char *FrameProfile::phaseName(int phase)
{
    static const char *const names[kPhases] = {
        "sends",  "advance", "canvas", "metrics", "logs",
        "inspector", "controls", "status", "window paint", "canvas paint",
    };
    return phase >= 0 && phase < kPhases ? names[phase] : "?";
}

FrameProfile::FrameProfile()
{
    m_clock.start();
    m_frames.reserve(kMaxFrames);
}

void FrameProfile::beginFrame(qint64 deadlineNs)
{
    if (m_frames.size() >= kMaxFrames)
        m_frames.erase(m_frames.begin(), m_frames.begin() + kMaxFrames / 2);
    m_tickCpuMs = threadCpuMs();
    Frame f;
    f.tickNs = now();
    f.deadlineNs = deadlineNs;
    m_frames.push_back(f);
}

void FrameProfile::add(Phase phase, qint64 ns)
{
    if (!m_frames.empty())
        m_frames.back().ms[phase] += static_cast<float>(ns) / 1e6f;
}

void FrameProfile::canvasPaintStarted()
{
    if (!m_frames.empty() && m_frames.back().paintNs < 0)
        m_frames.back().paintNs = now();
}

void FrameProfile::windowPaintFinished()
{
    if (!m_frames.empty() && m_frames.back().paintNs >= 0 && m_frames.back().presentNs < 0) {
        m_frames.back().presentNs = now();
        m_frames.back().cpuMs = static_cast<float>(threadCpuMs() - m_tickCpuMs);
    }
}

void FrameProfile::reset() { m_frames.clear(); }

} // namespace ef::ui
