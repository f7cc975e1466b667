#pragma once

// Where one frame's time goes on the GUI thread: the frame timer firing,
// the engine's advance, each panel's share of the frame signal, and the
// window's paint. Frames are late when some of this lands in one frame in a
// chunk, which the average CPU figure hides; the --ui bench prints the
// breakdown per phase and for the late frames. Reading the clock a dozen
// times a frame costs well under a microsecond.

#include <QElapsedTimer>

#include <array>
#include <cstdint>
#include <vector>

namespace ef::ui {

class FrameProfile
{
public:
    enum Phase : std::uint8_t {
        Sends,        // scheduled sends and the load generator's PutEvents
        Advance,      // the engine's clock advance (deliveries, consumers)
        Canvas,       // tokens, node counts, edge rates from the batch
        Metrics,      // plot data re-read and replot requested
        Logs,         // new log lines appended
        Inspector,
        Controls,     // clock readout
        Status,       // status bar counts
        WindowPaint,  // the whole window's paint and flush (canvas included)
        CanvasPaint,  // the flow canvas's paint alone
        kPhases
    };
    static const char *phaseName(int phase);

    struct Frame
    {
        qint64 tickNs = 0;      // frame timer fired (profile clock)
        qint64 deadlineNs = 0;  // when it was due
        qint64 paintNs = -1;    // canvas paint started, -1 when none yet
        qint64 presentNs = -1;  // the window's paint with the canvas in it ended (flushed)
        // CPU time of the GUI thread from the tick to the present: what the
        // frame cost, however busy the machine was.
        float cpuMs = 0;
        std::array<float, kPhases> ms{};
    };

    FrameProfile();

    // The frame timer fired for the frame due at `deadlineNs`.
    void beginFrame(qint64 deadlineNs);
    void add(Phase phase, qint64 ns);
    void canvasPaintStarted();
    void windowPaintFinished();
    qint64 now() const { return m_clock.nsecsElapsed(); }
    void reset();
    const std::vector<Frame> &frames() const { return m_frames; }

    // Times a block into the current frame's `phase`.
    class Scope
    {
    public:
        Scope(FrameProfile &profile, Phase phase)
            : m_profile(profile), m_phase(phase), m_start(profile.now())
        {
        }
        ~Scope() { m_profile.add(m_phase, m_profile.now() - m_start); }
        Scope(const Scope &) = delete;
        Scope &operator=(const Scope &) = delete;

    private:
        FrameProfile &m_profile;
        Phase m_phase;
        qint64 m_start;
    };

private:
    QElapsedTimer m_clock;
    std::vector<Frame> m_frames;
    double m_tickCpuMs = 0;
};

} // namespace ef::ui
