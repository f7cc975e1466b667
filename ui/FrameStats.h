#pragma once

// Frame timing where the visible view paints: the interval between the
// starts of successive paints and how long each paint took. The --ui bench
// and the status bar's fps readout read it.

#include <QElapsedTimer>

#include <cstdint>
#include <vector>

namespace ef::ui {

class FrameStats
{
public:
    FrameStats() { m_clock.start(); }

    void paintStarted();
    void paintFinished();
    void reset();

    std::uint64_t frames() const { return m_frames; }
    const std::vector<double> &intervalsMs() const { return m_intervals; }
    const std::vector<double> &paintMs() const { return m_paint; }
    // CPU time of the painting thread per paint: what a paint costs when the
    // machine is busy with other work and wall time says little.
    const std::vector<double> &paintCpuMs() const { return m_paintCpu; }
    // Frames per second over the last second or so.
    double recentFps() const { return m_recentFps; }

    static double percentile(std::vector<double> values, double p);

private:
    QElapsedTimer m_clock;
    qint64 m_lastStart = -1;
    qint64 m_start = 0;
    std::uint64_t m_frames = 0;
    std::vector<double> m_intervals;
    std::vector<double> m_paint;
    std::vector<double> m_paintCpu;
    double m_startCpu = 0;
    qint64 m_fpsWindowStart = 0;
    int m_fpsFrames = 0;
    double m_recentFps = 0;
};

} // namespace ef::ui
