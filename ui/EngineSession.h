#pragma once

// The window's hold on the engine: it paces the engine's clock once per frame
// (the engine runs on its virtual clock; the session advances it by the wall
// time elapsed times the speed, unless paused), collects the engine's trace
// happenings as they come and hands them to the panels in one batch per
// frame, and remembers who sent each event (producer panel, load generator,
// sample sequence) so the canvas can start its token at the right node.
// Event rate never drives paint rate: whatever arrives between two frames is
// one batch.

#include "core/bus/Engine.h"
#include "ui/FrameProfile.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <deque>
#include <functional>
#include <memory>
#include <vector>

namespace ef::ui {

class LoadGenerator;

// Happenings of one frame, with the origin of each accepted entry.
struct FrameBatch
{
    std::vector<Happening> happenings;
    // Parallel to `happenings`: for EntryAccepted, the sender's name
    // (EngineSession::origin()); -1 otherwise or when unknown.
    std::vector<int> origins;
    SimTime now = 0;          // engine clock after the frame's advance
    SimTime advanced = 0;     // simulation time this frame covered
    std::uint64_t frame = 0;  // frames emitted so far, this one included (FrameSlots)
};

class EngineSession : public QObject
{
    Q_OBJECT
public:
    static constexpr int kFrameIntervalMs = 16;

    // The engine's clock is set to virtual, starting where `engine` is now.
    explicit EngineSession(Engine *engine, QObject *parent = nullptr);

    // How the window's engine is made: its clock starts at the wall clock,
    // and its histories are bounded for a window. Under 10,000 events/s the
    // engine's defaults (65,536 envelopes, 262,144 invocations' logs) took
    // 6 to 8 s to fill and ~45 MB; these fill in about 2 s and take ~12 MB,
    // and still keep hours of a class's history.
    static EngineOptions windowEngineOptions();
    ~EngineSession() override;

    Engine &engine() { return *m_engine; }
    const Engine &engine() const { return *m_engine; }
    LoadGenerator &loadGenerator() { return *m_load; }
    // Where each frame's time goes (the panels time their share of frame()).
    FrameProfile &profile() { return m_profile; }

    // Runs frames on a 16 ms timer (the window) or not at all (tests and
    // --screenshot drive advanceFrame() themselves).
    void startFrames();
    void stopFrames();
    bool framesRunning() const { return m_timer.isActive(); }

    // One frame: advances the clock by wallMicros x speed unless paused,
    // runs scheduled sends and the load generator, emits frame().
    void advanceFrame(SimTime wallMicros);

    // Controls (they set the engine's own clock state: the engine is the truth).
    void setPaused(bool paused);
    bool isPaused() const { return m_engine->isPaused(); }
    Status setSpeed(double factor);
    double speed() const { return m_engine->speed(); }
    // Moves the clock to the next scheduled happening (scheduled sends
    // included), runs it and emits a frame; false when nothing is scheduled.
    bool step();

    // Sending. The origin names the sender node on the canvas.
    Result<PutEventsResponse> putEvents(std::span<const PutEventsRequestEntry> entries,
                                        const QString &origin);
    ProducerResponse invokeProducer(const QString &producer, const QByteArray &body);
    // Sends each item `spacing` of simulation time after the previous one
    // (the first now), so a class can follow them one by one.
    void sendSequence(const std::vector<ScenarioSampleEvent> &items, SimTime spacing);
    int pendingSends() const { return static_cast<int>(m_scheduled.size()); }

    int origin(const QString &name);  // interned origin index
    // Entries accepted while a sender is set start at that sender's node
    // (the local endpoint sets its clients around each request); an empty
    // name unsets it.
    void setSender(const QString &name);
    QString originName(int index) const { return m_originNames.value(index); }

    // Emitted after applyScenario() or any change of resources made through
    // the session, so the canvas rebuilds itself.
    void notifyScenarioChanged() { emit scenarioChanged(); }
    // Clears telemetry in the engine and tells the panels to forget what they show.
    void clear();

signals:
    void frame(const ef::ui::FrameBatch &batch);
    void scenarioChanged();
    void cleared();
    void clockChanged();  // pause / speed changed
    void sampleSent(const QString &eventId);  // a sample of sendSequence() was published

private:
    struct ScheduledSend
    {
        SimTime due = 0;
        ScenarioSampleEvent item;
    };
    void onTrace(std::span<const Happening> happenings);
    void runScheduledSends(SimTime upTo);
    void sendItem(const ScenarioSampleEvent &item);
    void emitFrame(SimTime advanced);

    Engine *m_engine;
    int m_observer = 0;
    std::unique_ptr<LoadGenerator> m_load;
    QTimer m_timer;
    QElapsedTimer m_wall;
    qint64 m_lastWallNs = 0;
    qint64 m_deadlineNs = 0;  // when the current frame was due (profile clock)
    qint64 m_lastTickNs = 0;
    FrameProfile m_profile;
    FrameBatch m_batch;
    int m_currentOrigin = -1;
    QStringList m_originNames;
    std::deque<ScheduledSend> m_scheduled;
};

} // namespace ef::ui
