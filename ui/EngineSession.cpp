#include "ui/EngineSession.h"

#include "ui/LoadGenerator.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace ef::ui {

EngineSession::EngineSession(Engine *engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_load(std::make_unique<LoadGenerator>())
{
    m_engine->setClockMode(ClockMode::Virtual);
    m_observer = m_engine->addTraceObserver(
        [this](std::span<const Happening> happenings) { onTrace(happenings); });
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kFrameIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this]() {
        // When this tick was due: Qt moves a repeating precise timer's
        // timeout on by one interval per tick, unless that is already past.
        const qint64 tick = m_profile.now();
        constexpr qint64 interval = qint64(kFrameIntervalMs) * 1000000;
        m_deadlineNs = m_deadlineNs + interval >= m_lastTickNs ? m_deadlineNs + interval
                                                                : m_lastTickNs + interval;
        m_lastTickNs = tick;
        m_profile.beginFrame(m_deadlineNs);
        const qint64 ns = m_wall.nsecsElapsed();
        // A frame never covers more than 100 ms: after a stall the picture
        // slows down instead of jumping.
        const SimTime wall = std::min<qint64>((ns - m_lastWallNs) / 1000, 100 * kMicrosPerMilli);
        m_lastWallNs = ns;
        advanceFrame(wall);
    });
}

EngineSession::~EngineSession()
{
    m_timer.stop();
    m_engine->removeTraceObserver(m_observer);
}

EngineOptions EngineSession::windowEngineOptions()
{
    EngineOptions options;
    options.virtualStart = QDateTime::currentMSecsSinceEpoch() * kMicrosPerMilli;
    options.eventCapacity = std::size_t(1) << 14;
    options.logRecords = std::size_t(1) << 16;
    return options;
}

void EngineSession::startFrames()
{
    m_wall.start();
    m_lastWallNs = 0;
    m_deadlineNs = m_lastTickNs = m_profile.now();
    m_timer.start();
}

void EngineSession::stopFrames() { m_timer.stop(); }

int EngineSession::origin(const QString &name)
{
    const auto i = m_originNames.indexOf(name);
    if (i >= 0)
        return static_cast<int>(i);
    m_originNames.append(name);
    return static_cast<int>(m_originNames.size() - 1);
}

void EngineSession::setSender(const QString &name)
{
    m_currentOrigin = name.isEmpty() ? -1 : origin(name);
}

void EngineSession::onTrace(std::span<const Happening> happenings)
{
    m_batch.happenings.insert(m_batch.happenings.end(), happenings.begin(), happenings.end());
    for (const Happening &h : happenings) {
        m_batch.origins.push_back(h.kind == HappeningKind::EntryAccepted ? m_currentOrigin : -1);
    }
}

void EngineSession::advanceFrame(SimTime wallMicros)
{
    if (m_engine->isPaused()) {
        emitFrame(0);
        return;
    }
    const SimTime start = m_engine->now();
    const auto delta = static_cast<SimTime>(static_cast<double>(wallMicros) * m_engine->speed());
    const SimTime target = start + delta;
    {
        FrameProfile::Scope timed(m_profile, FrameProfile::Sends);
        runScheduledSends(target);
    }
    if (m_load->isRunning()) {
        FrameProfile::Scope timed(m_profile, FrameProfile::Sends);
        std::vector<PutEventsRequestEntry> entries;
        m_load->generate(delta, entries);
        const int origin = this->origin(QStringLiteral("load generator"));
        for (std::size_t i = 0; i < entries.size(); i += 10) {
            const std::size_t n = std::min<std::size_t>(10, entries.size() - i);
            m_currentOrigin = origin;
            (void)m_engine->putEvents(std::span(entries.data() + i, n));
            m_currentOrigin = -1;
        }
    }
    {
        FrameProfile::Scope timed(m_profile, FrameProfile::Advance);
        m_engine->advanceTo(target);
    }
    emitFrame(target - start);
}

void EngineSession::emitFrame(SimTime advanced)
{
    m_batch.now = m_engine->now();
    m_batch.advanced = advanced;
    ++m_batch.frame;
    emit frame(m_batch);
    m_batch.happenings.clear();
    m_batch.origins.clear();
}

void EngineSession::setPaused(bool paused)
{
    if (paused == m_engine->isPaused())
        return;
    m_engine->setPaused(paused);
    emit clockChanged();
}

Status EngineSession::setSpeed(double factor)
{
    Status s = m_engine->setSpeed(factor);
    emit clockChanged();
    return s;
}

bool EngineSession::step()
{
    const std::optional<SimTime> engineDue = m_engine->nextDue();
    const SimTime before = m_engine->now();
    bool ran = false;
    if (!m_scheduled.empty() && (!engineDue || m_scheduled.front().due <= *engineDue)) {
        const SimTime due = std::max(m_scheduled.front().due, before);
        m_engine->advanceTo(due);
        runScheduledSends(due);
        ran = true;
    } else {
        ran = m_engine->step();
    }
    emitFrame(m_engine->now() - before);
    return ran;
}

void EngineSession::runScheduledSends(SimTime upTo)
{
    while (!m_scheduled.empty() && m_scheduled.front().due <= upTo) {
        const ScheduledSend next = m_scheduled.front();
        m_scheduled.pop_front();
        if (next.due > m_engine->now())
            m_engine->advanceTo(next.due);
        sendItem(next.item);
    }
}

Result<PutEventsResponse> EngineSession::putEvents(std::span<const PutEventsRequestEntry> entries,
                                                   const QString &origin)
{
    m_currentOrigin = this->origin(origin);
    auto result = m_engine->putEvents(entries);
    m_currentOrigin = -1;
    return result;
}

ProducerResponse EngineSession::invokeProducer(const QString &producer, const QByteArray &body)
{
    QString name = producer;
    if (name.isEmpty()) {
        const auto all = m_engine->producers();
        name = all.empty() ? QStringLiteral("producer") : all.front().name;
    }
    m_currentOrigin = origin(name);
    ProducerResponse response = m_engine->invokeProducer(producer, body);
    m_currentOrigin = -1;
    return response;
}

void EngineSession::sendSequence(const std::vector<ScenarioSampleEvent> &items, SimTime spacing)
{
    SimTime due = m_engine->now();
    if (!m_scheduled.empty())
        due = std::max(due, m_scheduled.back().due + spacing);
    for (const ScenarioSampleEvent &item : items) {
        m_scheduled.push_back({due, item});
        due += spacing;
    }
    runScheduledSends(m_engine->now());
    emitFrame(0);
}

static std::string text(const QJsonValue &v)
{
    if (v.isString())
        return v.toString().toStdString();
    if (v.isObject())
        return QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact).toStdString();
    return {};
}

void EngineSession::sendItem(const ScenarioSampleEvent &item)
{
    if (!item.producer.isEmpty()) {
        const ProducerResponse r = invokeProducer(
            item.producer, QJsonDocument(item.body).toJson(QJsonDocument::Compact));
        if (!r.eventId.isEmpty())
            emit sampleSent(r.eventId);
        return;
    }
    // A saved PutEvents entry, with the API's member names.
    PutEventsRequestEntry entry;
    entry.source = text(item.body.value(QStringLiteral("Source")));
    entry.detailType = text(item.body.value(QStringLiteral("DetailType")));
    entry.detail = text(item.body.value(QStringLiteral("Detail")));
    entry.eventBusName = text(item.body.value(QStringLiteral("EventBusName")));
    if (item.body.contains(QStringLiteral("Time")))
        entry.time = text(item.body.value(QStringLiteral("Time")));
    const auto r = putEvents(std::span(&entry, 1), QStringLiteral("PutEvents API"));
    if (r && !r.value().entries.empty() && r.value().entries.front().ok())
        emit sampleSent(r.value().entries.front().eventId);
}

void EngineSession::clear()
{
    m_engine->clearTelemetry();
    m_scheduled.clear();
    m_batch.happenings.clear();
    m_batch.origins.clear();
    emit cleared();
}

} // namespace ef::ui
