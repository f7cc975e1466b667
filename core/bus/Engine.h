#pragma once

// The engine facade: the one way the window, the local AWS endpoint and the
// command line reach the simulated EventBridge + Lambda + SQS + CloudWatch.
// One method per service operation, plain structs in and out, failures as a
// ServiceError in the service's words.
//
// Threading contract: an Engine is owned by one thread and every member
// function must be called on that thread (the HTTP server marshals requests
// onto it, e.g. with QMetaObject::invokeMethod). Trace observers are called
// on that thread, synchronously, with batches of happenings at the end of the
// engine call that produced them (and at least every 4,096 happenings); an
// observer that feeds another thread copies the batch and hands it over
// itself. Observers may read the engine (describe(), eventHistory(), ...) but
// must not change it from inside the call (post a task instead). On the real clock the engine uses a QTimer, so its thread must run
// a Qt event loop; on the virtual clock nothing happens until advanceTo(),
// advanceBy(), step() or runUntilIdle() is called.
//
// Determinism: with the virtual clock and the same seed, the same calls give
// the same event ids, latencies, failures and happenings.

#include "core/bus/EventsTypes.h"
#include "core/bus/ServiceError.h"
#include "core/bus/SimTime.h"
#include "core/bus/TelemetryTypes.h"
#include "core/bus/Trace.h"
#include "core/io/Scenario.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QPointF>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <vector>

namespace ef {

enum class ClockMode {
    Virtual,  // time moves only when told (tests, `eventflow run`)
    Real,     // anchored to wall-clock UTC, scaled by speed, pausable
};

struct EngineOptions
{
    std::uint64_t seed = 1;
    // Where the virtual clock starts: 2026-01-01T00:00:00Z.
    SimTime virtualStart = 1767225600LL * kMicrosPerSecond;
    std::size_t traceCapacity = std::size_t(1) << 16;  // happenings kept for history
    std::size_t eventCapacity = std::size_t(1) << 16;  // envelopes kept (pending ones always)
    std::size_t logRecords = std::size_t(1) << 18;     // invocations kept, all log groups
    int metricHistorySeconds = 3 * 3600;               // per-second bins kept per series
    std::size_t queueMessagesRetained = 10000;         // messages kept per queue
};

// A simulated Lambda function (a consumer).
struct ConsumerInfo
{
    QString name;
    QString arn;
    QString logGroupName;
    bool autoCreated = false;  // created because a target named an unknown function
    bool referenced = false;   // some target (or producer) uses it: shown on the canvas
    int inFlight = 0;          // invocations running now
    QJsonObject definition;    // the consumer definition (core/consumers JSON)
};

struct QueueInfo
{
    QString name;
    QString arn;
    std::uint64_t messagesReceived = 0;
    std::size_t messagesRetained = 0;
    bool referenced = false;   // a target or a dead-letter config names it
};

struct QueueMessage
{
    QString messageId;
    SimTime sentTimestamp = 0;
    QString body;
    QString eventId;
    // Dead-letter messages carry ERROR_CODE, ERROR_MESSAGE, RULE_ARN, TARGET_ARN,
    // RETRY_ATTEMPTS as the service sets them; empty for ordinary deliveries.
    QList<QPair<QString, QString>> attributes;
};

struct ProducerInfo
{
    QString name;          // also its function name: log group /aws/lambda/<name>
    QString eventBusName;
    QString source;
    QStringList eventTypes;
};

// What a producer answers to one request, as the lab's HTTP API returns it.
struct ProducerResponse
{
    int statusCode = 200;  // 200, 400 (unknown type / bad body), 500 (publish failed)
    QByteArray body;       // JSON text
    QString eventId;       // empty when nothing was published or the bus refused it
};

// Totals for the "nothing unaccounted" check and the status bar.
struct EngineCounters
{
    std::uint64_t entriesAccepted = 0;
    std::uint64_t entriesRejected = 0;
    std::uint64_t eventsWithoutMatch = 0;
    std::uint64_t deliveriesCreated = 0;  // event x target
    std::uint64_t delivered = 0;
    std::uint64_t deadLettered = 0;
    std::uint64_t dropped = 0;
    std::uint64_t pending = 0;            // deliveriesCreated - the three above
    std::uint64_t happenings = 0;
};

class Engine
{
public:
    explicit Engine(EngineOptions options = {});
    ~Engine();
    Engine(const Engine &) = delete;
    Engine &operator=(const Engine &) = delete;

    const EngineOptions &options() const;

    // ---- scenario ------------------------------------------------------------
    // Validates the whole scenario first; on any error nothing changes. On
    // success everything (buses, rules, consumers, queues, producers, settings,
    // pending deliveries, telemetry) is replaced; the clock keeps its mode.
    Status applyScenario(const Scenario &scenario);
    Scenario snapshot() const;
    const ScenarioSettings &settings() const;

    // ---- EventBridge: event buses --------------------------------------------
    Result<EventBusInfo> createEventBus(const CreateEventBusRequest &request);
    Result<EventBusInfo> describeEventBus(const QString &nameOrArn) const;  // empty = default
    Result<ListEventBusesResponse> listEventBuses(const ListEventBusesRequest &request) const;
    Status deleteEventBus(const QString &name);

    // ---- EventBridge: rules ------------------------------------------------------
    Result<QString> putRule(const PutRuleRequest &request);  // the RuleArn
    Result<RuleInfo> describeRule(const RuleRef &rule) const;
    Result<ListRulesResponse> listRules(const ListRulesRequest &request) const;
    Status enableRule(const RuleRef &rule);
    Status disableRule(const RuleRef &rule);
    Status deleteRule(const DeleteRuleRequest &request);

    // ---- EventBridge: targets ------------------------------------------------------
    Result<PutTargetsResponse> putTargets(const PutTargetsRequest &request);
    Result<ListTargetsByRuleResponse>
    listTargetsByRule(const ListTargetsByRuleRequest &request) const;
    Result<RemoveTargetsResponse> removeTargets(const RemoveTargetsRequest &request);
    Result<ListRuleNamesByTargetResponse>
    listRuleNamesByTarget(const ListRuleNamesByTargetRequest &request) const;

    // ---- EventBridge: events ---------------------------------------------------------
    // Per-entry results; the call itself fails only for the request as a whole
    // (no entries, more than 10, more than 256 KB computed size).
    Result<PutEventsResponse> putEvents(std::span<const PutEventsRequestEntry> entries);
    Result<bool> testEventPattern(const TestEventPatternRequest &request) const;

    // ---- producers (scenario-defined functions behind POST /events) --------------------
    // `producer` empty = the scenario's first producer. Always answers (400 for
    // an unknown event type or a body that is not a JSON object).
    ProducerResponse invokeProducer(const QString &producer, const QByteArray &body);
    std::vector<ProducerInfo> producers() const;

    // ---- consumers (simulated Lambda functions) and queues ---------------------------
    // Adds or replaces a consumer from its definition JSON (core/consumers).
    Status putConsumer(const QJsonObject &definition);
    std::vector<ConsumerInfo> consumers() const;
    std::vector<QueueInfo> queues() const;
    Result<std::vector<QueueMessage>> queueMessages(const QString &queueName) const;
    Status purgeQueue(const QString &queueName);

    // ---- CloudWatch metrics ------------------------------------------------------------
    Result<GetMetricStatisticsResponse>
    getMetricStatistics(const GetMetricStatisticsRequest &request) const;
    ListMetricsResponse listMetrics(const ListMetricsRequest &request) const;
    // Per-second values of one series for live plots (seconds without data omitted).
    std::vector<MetricPoint> metricSeries(const MetricId &metric, Statistic statistic,
                                          SimTime from, SimTime to) const;

    // ---- CloudWatch Logs ----------------------------------------------------------------
    Result<DescribeLogGroupsResponse>
    describeLogGroups(const DescribeLogGroupsRequest &request) const;
    Result<DescribeLogStreamsResponse>
    describeLogStreams(const DescribeLogStreamsRequest &request) const;
    Result<GetLogEventsResponse> getLogEvents(const GetLogEventsRequest &request) const;
    Result<FilterLogEventsResponse> filterLogEvents(const FilterLogEventsRequest &request) const;
    // For live log views: the lines of the invocations `logGroupName` recorded
    // since `from` (0: all kept; else what the previous call returned), at most
    // the newest `maxRecords` of them, oldest first. Returns where to continue.
    std::uint64_t tailLogEvents(const QString &logGroupName, std::uint64_t from,
                                std::size_t maxRecords, std::vector<OutputLogEvent> &out) const;
    // Log groups and metrics outlive the resources, as on AWS, until cleared.
    void clearTelemetry();

    // ---- trace and per-event history -------------------------------------------------------
    int addTraceObserver(TraceObserver observer);  // returns a handle
    void removeTraceObserver(int handle);
    HappeningView describe(const Happening &happening) const;
    QString name(NameId id) const;
    QString eventId(EventSeq event) const;  // empty when no longer retained
    // What happened to event `eventId`: every delivery's outcome and who acted.
    EventHistory eventHistory(const QString &eventId) const;
    EngineCounters counters() const;

    // ---- clock ------------------------------------------------------------------------------
    ClockMode clockMode() const;
    void setClockMode(ClockMode mode);  // Real re-anchors to wall-clock UTC now
    SimTime now() const;
    double speed() const;
    Status setSpeed(double factor);     // 0.1 .. 10 (ValidationException otherwise)
    bool isPaused() const;
    void setPaused(bool paused);
    // Moves the clock to the next scheduled happening and runs everything due
    // then. Returns false when nothing is scheduled.
    bool step();
    // Virtual clock: runs everything due up to `t` in order, then sets now = t.
    void advanceTo(SimTime t);
    void advanceBy(SimTime delta);
    // Virtual clock: runs deliveries (and the schedules due meanwhile) until
    // none is pending, or `horizon` of simulation time has passed. Returns the
    // number of scheduled items run.
    std::size_t runUntilIdle(SimTime horizon = 7LL * 24 * 3600 * kMicrosPerSecond);
    std::optional<SimTime> nextDue() const;
    bool hasPendingDeliveries() const;

    // ---- canvas layout (travels with the scenario) ---------------------------------------------
    void setNodePosition(const QString &node, QPointF position);
    QHash<QString, QPointF> nodePositions() const;

    struct Impl;

private:
    std::unique_ptr<Impl> d;
};

} // namespace ef
