#pragma once

// Engine internals, shared by the Engine*.cpp files. Nothing outside
// core/bus includes this.

#include "core/bus/Engine.h"
#include "core/bus/InputTransformer.h"
#include "core/bus/JsonText.h"
#include "core/bus/LogStore.h"
#include "core/bus/MetricCounters.h"
#include "core/bus/MetricStore.h"
#include "core/bus/Producer.h"
#include "core/bus/Random.h"
#include "core/bus/ScheduleExpression.h"
#include "core/consumers/ConsumerDefinition.h"
#include "core/bus/Scheduler.h"
#include "core/pattern/EventPattern.h"

#include <QHash>
#include <QTimer>

#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace ef::bus {

constexpr std::uint32_t kNone = 0xffffffffu;

class NameTable
{
public:
    NameTable() { m_names.emplace_back(); }
    NameId intern(const QString &name)
    {
        if (name.isEmpty())
            return 0;
        auto it = m_ids.constFind(name);
        if (it != m_ids.constEnd())
            return *it;
        m_names.push_back(name);
        const auto id = static_cast<NameId>(m_names.size() - 1);
        m_ids.insert(name, id);
        return id;
    }
    const QString &name(NameId id) const
    {
        return id < m_names.size() ? m_names[id] : m_names[0];
    }

private:
    std::vector<QString> m_names;
    QHash<QString, NameId> m_ids;
};

// The AWS/Events metrics of one rule (by bus and name: a rule deleted and
// put again continues its series, as in CloudWatch). Never freed, so
// deliveries of removed targets can still count.
enum RuleMetric : std::size_t {
    MatchedEvents,
    TriggeredRules,
    Invocations,
    FailedInvocations,
    ThrottledRules,
    InvocationAttempts,
    SuccessfulInvocationAttempts,
    RetryInvocationAttempts,
    InvocationsSentToDlq,
    InvocationsFailedToBeSentToDlq,
    DeadLetterInvocations,
    RuleMetricCount
};
// On a cache line of its own: a delivery counts into it, and it is one of
// ~1,000 a busy rule set touches in turn.
struct alignas(64) RuleMetrics : CounterBlock<RuleMetricCount>
{
};

enum FunctionMetric : std::size_t {
    FunctionInvocations,
    FunctionErrors,
    FunctionThrottles,
    FunctionMetricCount
};

enum class TargetKind : std::uint8_t { Lambda, EventBus, Sqs };

struct ConsumerRecord;

// One target as put, frozen: deliveries in flight keep using the record
// they started with, even when PutTargets replaces or RemoveTargets removes it.
// The fields a delivery reads share the first cache line.
struct alignas(64) TargetRecord
{
    TargetKind kind = TargetKind::Lambda;
    bool retired = false;
    bool hasDlq = false;
    bool destinationInAccount = true;
    bool hasTransform = false;       // `transform` is set
    std::uint32_t consumer = kNone;  // Lambda: kNone = no such function
    ConsumerRecord *function = nullptr;  // consumers[consumer] (records are never freed)
    std::uint32_t queue = kNone;     // Sqs: kNone = no such queue
    std::uint32_t dlq = kNone;       // kNone with hasDlq: the DLQ does not exist
    std::uint32_t pending = 0;
    NameId idName = 0;
    NameId ruleName = 0;
    NameId busName = 0;
    int maxRetries = 185;
    RuleMetrics *metrics = nullptr;
    SimTime maxAge = 86400 * kMicrosPerSecond;
    std::optional<TargetInputTransform> transform;  // unset: the whole event
    QString ruleArn;
    QString destinationBus;          // EventBus: bus name (looked up at delivery)
    Target config;
};

// A rule's targets in place (at most 5), so dispatch needs no extra allocation.
class TargetList
{
public:
    const std::uint32_t *begin() const { return m_ids; }
    const std::uint32_t *end() const { return m_ids + m_size; }
    std::uint32_t *begin() { return m_ids; }
    std::uint32_t *end() { return m_ids + m_size; }
    bool empty() const { return m_size == 0; }
    std::size_t size() const { return m_size; }
    void push_back(std::uint32_t id) { m_ids[m_size++] = id; }
    void erase(std::uint32_t *at)
    {
        std::copy(at + 1, end(), at);
        --m_size;
    }

private:
    std::uint32_t m_ids[5] = {};
    std::uint32_t m_size = 0;
};

struct alignas(64) RuleRecord
{
    // Hot fields first (one cache line): matching reads these.
    RuleState state = RuleState::Enabled;
    NameId nameId = 0;
    RuleMetrics *metrics = nullptr;
    TargetList targets;  // TargetRecord indices, in put order
    std::uint32_t bus = 0;
    SimTime created = 0;
    std::uint64_t scheduleGeneration = 0;
    QString name;
    QString arn;
    QString description, eventPattern, scheduleExpression, roleArn;
    std::optional<ScheduleExpression> schedule;
};

struct BusRecord
{
    QString name;
    NameId nameId = 0;
    QString arn;
    QString description;
    SimTime created = 0;
    SimTime modified = 0;
    bool alive = true;
    std::map<QString, std::unique_ptr<RuleRecord>> rules;
    pattern::RuleSet ruleSet;  // ENABLED rules with a pattern
    std::vector<RuleRecord *> byRuleId;  // cache: RuleSet id -> rule
};

// Lambda's side of a function, taken from its definition once.
struct FunctionBehaviour
{
    // What every invocation reads first.
    SimTime latencyMin = 0;
    SimTime latencyMax = 0;
    double failureRate = 0;
    int concurrency = 1000;
    bool missingPermission = false;
    bool hasOnFailure = false;
    int maxRetryAttempts = 2;  // Lambda asynchronous invocation retries
    std::uint32_t onFailureQueue = kNone;  // failure destination queue
    SimTime maxEventAge = 6 * 3600 * kMicrosPerSecond;  // Lambda's async event age
};

struct alignas(64) ConsumerRecord
{
    // Hot fields first (the first cache line holds what an invocation reads,
    // the next ones what it counts).
    int inFlight = 0;
    NameId nameId = 0;
    std::uint32_t stream0 = 0;  // the log stream of the first execution environment
    std::uint32_t logGroup = 0;  // logs->index()
    LogGroup *logs = nullptr;
    FunctionBehaviour behaviour;
    ValueAccumulator duration;
    CounterBlock<FunctionMetricCount> counters;
    std::uint64_t streamSeed = 0;
    QString name;
    QString arn;
    bool autoCreated = false;
    int references = 0;
    QJsonObject definitionJson;
    std::shared_ptr<const consumers::ConsumerDefinition> model;
};

struct StoredMessage
{
    std::uint64_t seq = 0;
    SimTime sent = 0;
    EventSeq event = 0;
    std::string body;
    QList<QPair<QString, QString>> attributes;
};

struct QueueRecord
{
    QString name;
    NameId nameId = 0;
    QString arn;
    int references = 0;
    std::uint64_t received = 0;
    std::vector<StoredMessage> ring;
    std::size_t first = 0;
};

struct EventSlot
{
    EventSeq seq = 0;
    char id[36] = {};
    std::string text;   // the envelope, with kJsonPadding spare capacity
    NameId bus = 0;
    SimTime ingestion = 0;
    std::uint32_t deliveries = 0, delivered = 0, deadLettered = 0, dropped = 0, pending = 0;
    std::uint64_t lastHappening = 0;
    EventSeq parent = 0;             // forwarded copies: the original
    std::vector<EventSeq> children;  // forwarded copies of this event
    std::vector<NameId> route;       // buses already visited (loop protection)
    QString idString() const { return QString::fromLatin1(id, 36); }
};

struct Delivery
{
    enum class Phase : std::uint8_t { Handoff, FunctionComplete, LambdaRetry };
    EventSeq event = 0;
    std::uint32_t target = 0;
    std::uint16_t attempts = 0;        // EventBridge hand-off attempts so far
    std::uint8_t lambdaAttempts = 0;   // function runs so far
    std::uint8_t lambdaThrottles = 0;
    Phase phase = Phase::Handoff;
    std::uint32_t requestSeq = 0;
    std::uint32_t stream = 0;
    SimTime started = 0;               // function start (FunctionComplete)
    SimTime lambdaQueued = 0;          // when Lambda took the event (its max age)
};

struct TargetRecord;
struct ConsumerRecord;

// The delivery a step of the hot path works on, looked up once and passed
// along (reloading it through the vectors after each store costs more than
// the work itself).
struct Step
{
    std::uint32_t index;
    Delivery &dl;
    TargetRecord &target;
    EventSlot &ev;
    SimTime t;
};

struct ScheduleEntry
{
    NameId bus = 0;
    NameId rule = 0;
    std::uint64_t generation = 0;
};

enum class TaskKind : std::uint32_t { Delivery, Schedule };

} // namespace ef::bus

namespace ef {

struct Engine::Impl
{
    explicit Impl(const EngineOptions &options);

    EngineOptions options;
    ScenarioSettings settings;
    bus::NameTable names;
    bus::Random random;
    std::uint64_t idMask = 0;
    QString scenarioName, scenarioDescription;

    // resources
    std::map<QString, std::unique_ptr<bus::BusRecord>> buses;
    std::vector<std::unique_ptr<bus::TargetRecord>> targets;
    std::vector<std::uint32_t> freeTargets;
    std::vector<std::unique_ptr<bus::ConsumerRecord>> consumers;
    QHash<QString, std::uint32_t> consumerByName;
    std::vector<std::unique_ptr<bus::QueueRecord>> queues;
    QHash<QString, std::uint32_t> queueByName;
    std::vector<Producer> producers;
    std::vector<ScenarioSampleEvent> sampleEvents;
    QHash<QString, QPointF> nodePositions;

    // events and deliveries
    std::vector<bus::EventSlot> ring;
    std::size_t ringMask = 0;  // ring.size() - 1 (a power of two)
    std::unordered_map<EventSeq, bus::EventSlot> pinned;
    EventSeq nextEvent = 1;
    std::vector<bus::Delivery> deliveries;
    // Free deliveries as a stack linked through Delivery::event (index + 1;
    // 0 = none): taking and giving back one is a few instructions, inline.
    std::uint32_t freeDelivery = 0;
    std::vector<bus::ScheduleEntry> schedules;
    std::vector<std::uint32_t> freeSchedules;
    bus::Scheduler scheduler;
    std::uint32_t requestSeq = 0;
    std::uint64_t messageSeq = 0;
    std::string scratch;
    std::string accountUtf8, regionUtf8;  // settings, ready for envelopes
    bus::BusRecord *defaultBus = nullptr;
    std::string inputScratch;
    std::vector<pattern::RuleId> matched;
    bus::JsonObjectCheck jsonCheck;

    // telemetry
    bus::MetricStore metrics;
    std::deque<bus::RuleMetrics> ruleMetrics;  // stable addresses, close together
    QHash<QString, bus::RuleMetrics *> ruleMetricsByKey;
    bus::LogStore logs;
    std::vector<Happening> trace;  // ring, indexed by seq % size
    std::uint64_t happeningSeq = 0;
    std::vector<Happening> batch;
    std::vector<std::pair<int, TraceObserver>> observers;
    int nextObserver = 1;
    EngineCounters counters;

    // clock
    ClockMode mode = ClockMode::Virtual;
    SimTime virtualNow = 0;
    SimTime anchorSim = 0;
    qint64 anchorWall = 0;  // steady clock, microseconds
    double speed = 1.0;
    bool paused = false;
    SimTime pausedAt = 0;
    bool inTask = false;
    SimTime taskTime = 0;
    std::unique_ptr<QTimer> timer;

    // ---- helpers (Engine.cpp) ----
    SimTime clockNow() const;
    SimTime now() const { return inTask ? taskTime : clockNow(); }
    bus::BusRecord *findBus(const QString &nameOrArn, ServiceError *error);
    const bus::BusRecord *findBus(const QString &nameOrArn, ServiceError *error) const;
    bus::RuleRecord *findRule(const RuleRef &ref, ServiceError *error);
    const bus::RuleRecord *findRule(const RuleRef &ref, ServiceError *error) const;
    bus::BusRecord &createBus(const QString &name, const QString &description);
    void initRuleMetrics(bus::RuleRecord &rule, const bus::BusRecord &bus);
    void flushMetrics();
    void syncRuleSet(bus::BusRecord &bus, bus::RuleRecord &rule);
    void scheduleRule(bus::RuleRecord &rule, SimTime after);
    std::uint32_t consumerFor(const QString &name, bool autoCreate);
    std::uint32_t queueFor(const QString &name, bool autoCreate);
    QString validateTarget(const Target &target) const;
    std::uint32_t makeTarget(const Target &target, bus::RuleRecord &rule, bus::BusRecord &bus);
    void retireTarget(std::uint32_t index);
    void releaseTarget(std::uint32_t index);
    void applyBehaviour(bus::ConsumerRecord &consumer);
    void arm();
    void afterCall();

    // ---- events and delivery (EngineDelivery.cpp) ----
    PutEventsResultEntry putEntry(const PutEventsRequestEntry &entry, int index);
    bus::EventSlot &allocateEvent();
    // Every step of a delivery finds its event: the ring hit is inline, the
    // (rare) pinned lookup is not.
    bus::EventSlot *slot(EventSeq seq)
    {
        bus::EventSlot &s = ring[seq & ringMask];
        return s.seq == seq && seq != 0 ? &s : pinnedSlot(seq);
    }
    const bus::EventSlot *slot(EventSeq seq) const
    {
        return const_cast<Engine::Impl *>(this)->slot(seq);
    }
    bus::EventSlot *pinnedSlot(EventSeq seq);
    EventSeq seqFromId(const QString &id) const;
    void route(EventSeq event, bus::BusRecord &bus);
    bus::RuleRecord *resolveRule(bus::BusRecord &bus, pattern::RuleId id);
    // MatchedEvents/TriggeredRules, RuleMatched, and one delivery per target.
    void ruleMatched(bus::EventSlot &event, NameId bus, bus::RuleRecord &rule, SimTime t);
    void runTask(const bus::Task &task);
    void handoff(std::uint32_t delivery);
    void handoffOther(std::uint32_t delivery, SimTime t, bus::Second second);
    void startFunction(const bus::Step &step, bus::ConsumerRecord &consumer, bool handedOff);
    void completeFunction(const bus::Step &step, bus::ConsumerRecord &consumer);
    void functionFailed(std::uint32_t delivery, SimTime t, SimTime duration);
    void lambdaRetry(std::uint32_t delivery);
    void retryOrFail(std::uint32_t delivery, Reason cause);
    void failPermanently(std::uint32_t delivery, Reason cause, Reason why);
    void finish(std::uint32_t delivery, DeliveryOutcome outcome);
    void finish(const bus::Step &step, DeliveryOutcome outcome);
    void fireSchedule(std::uint32_t entry);
    bool enqueue(std::uint32_t queue, EventSeq event, std::string body,
                 QList<QPair<QString, QString>> attributes);
    const std::string &inputFor(const bus::TargetRecord &target, const bus::EventSlot &event,
                                bool &plain);
    // Fills in h.seq and h.event (and the history chain), then stores h.
    void record(Happening &h, bus::EventSlot *event);
    void observe(std::uint64_t w0, std::uint64_t w1, std::uint64_t w2, std::uint64_t w3,
                 std::uint64_t w4, std::uint64_t w5, std::uint64_t w6, std::uint64_t w7);
    // A happening about one target (its bus, rule and target id filled in).
    static Happening targetHappening(const bus::TargetRecord &target, SimTime t,
                                     HappeningKind kind);
    void flush();
    std::size_t runDue(SimTime until);

    // ---- telemetry (EngineTelemetry.cpp) ----
    void renderLog(const bus::LogGroup &group, const bus::LogRecord &record,
                   const std::string *payload,
                   std::vector<std::pair<SimTime, QString>> &lines) const;
    QString requestId(std::uint32_t requestSeq) const;
};

} // namespace ef
