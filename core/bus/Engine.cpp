// The control plane of the engine: buses, rules, targets, consumers, queues,
// scenario apply/snapshot and the clock. Events and delivery are in
// EngineDelivery.cpp; metrics, logs and trace queries in EngineTelemetry.cpp.

#include "core/bus/EngineImpl.h"

#include "core/bus/Arn.h"

#include <QDateTime>
#include <QRegularExpression>

#include <bit>
#include <chrono>

namespace ef {

using namespace bus;

namespace {

const QString kDefaultBus = QStringLiteral("default");

qint64 steadyMicros()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// A value echoed in a message: a 10 MB name would bury the reason.
QString elided(const QString &value)
{
    if (value.size() <= 256)
        return value;
    return value.left(64) + QStringLiteral("... (%1 characters)").arg(value.size());
}

ServiceError constraint(const QString &value, const QString &member, const QString &what)
{
    return ServiceError::validation(
        QStringLiteral("1 validation error detected: Value '%1' at '%2' failed to satisfy "
                       "constraint: %3")
            .arg(elided(value), member, what));
}

std::optional<ServiceError> checkName(const QString &value, const QString &member, int maxLength,
                                      const char *charset, const QString &pattern)
{
    if (value.isEmpty())
        return constraint(value, member,
                          QStringLiteral("Member must have length greater than or equal to 1"));
    if (value.size() > maxLength)
        return constraint(value, member,
                          QStringLiteral("Member must have length less than or equal to %1")
                              .arg(maxLength));
    const QLatin1String allowed(charset);
    for (QChar c : value) {
        if (!(c.isLetterOrNumber() && c.unicode() < 128) && !allowed.contains(c))
            return constraint(value, member,
                              QStringLiteral("Member must satisfy regular expression pattern: %1")
                                  .arg(pattern));
    }
    return std::nullopt;
}

std::optional<ServiceError> checkRuleName(const QString &name, const QString &member)
{
    return checkName(name, member, 64, ".-_", QStringLiteral("[\\.\\-_A-Za-z0-9]+"));
}

std::optional<ServiceError> checkBusName(const QString &name)
{
    return checkName(name, QStringLiteral("name"), 256, "/.-_",
                     QStringLiteral("[/\\.\\-_A-Za-z0-9]+"));
}

template <typename T>
std::pair<std::size_t, std::size_t> page(const std::vector<T> &all, const QString &token,
                                         int limit, QString &next, ServiceError *error)
{
    std::size_t start = 0;
    if (!token.isEmpty()) {
        bool ok = false;
        start = token.toULongLong(&ok);
        if (!ok || start > all.size()) {
            *error = ServiceError::validation(QStringLiteral("The NextToken provided is invalid."));
            return {0, 0};
        }
    }
    std::size_t end = all.size();
    if (limit > 0 && start + static_cast<std::size_t>(limit) < all.size()) {
        end = start + static_cast<std::size_t>(limit);
        next = QString::number(end);
    }
    return {start, end};
}

std::optional<ServiceError> checkLimit(int limit)
{
    if (limit < 0 || limit > 100)
        return constraint(QString::number(limit), QStringLiteral("limit"),
                          limit < 0 ? QStringLiteral("Member must have value greater than or "
                                                     "equal to 1")
                                    : QStringLiteral("Member must have value less than or "
                                                     "equal to 100"));
    return std::nullopt;
}

} // namespace

static Status putConsumerAt(Engine::Impl *d, const QJsonObject &definition, const QString &path);

QString ruleStateName(RuleState state)
{
    return state == RuleState::Enabled ? QStringLiteral("ENABLED") : QStringLiteral("DISABLED");
}

Scenario Scenario::emptied() const
{
    Scenario s;
    s.name = name;
    s.description = description;
    s.settings = settings;
    s.producers = producers;
    return s;
}

// ---------------------------------------------------------------------------
// Impl basics

Engine::Impl::Impl(const EngineOptions &o)
    : options(o), random(o.seed), metrics(static_cast<std::size_t>(
                                          std::max(o.metricHistorySeconds, 1))),
      logs(o.logRecords, settings.region, settings.account)
{
    idMask = mix64(o.seed ^ 0x5eedULL) & 0xffffffffffffULL;
    // Powers of two, so a sequence number finds its slot with a mask.
    ring.resize(std::bit_ceil(std::max<std::size_t>(o.eventCapacity, 16)));
    ringMask = ring.size() - 1;
    trace.resize(std::bit_ceil(std::max<std::size_t>(o.traceCapacity, 16)));
    virtualNow = o.virtualStart;
    scratch.reserve(4096);
    logs.setRenderer([this](const LogGroup &group, const LogRecord &record,
                            const std::string *payload,
                            std::vector<std::pair<SimTime, QString>> &lines) {
        renderLog(group, record, payload, lines);
    });
    createBus(kDefaultBus, QString());
}

SimTime Engine::Impl::clockNow() const
{
    if (mode == ClockMode::Virtual)
        return virtualNow;
    if (paused)
        return pausedAt;
    const double elapsed = static_cast<double>(steadyMicros() - anchorWall) * speed;
    return anchorSim + static_cast<SimTime>(elapsed);
}

BusRecord &Engine::Impl::createBus(const QString &name, const QString &description)
{
    auto bus = std::make_unique<BusRecord>();
    bus->name = name;
    bus->nameId = names.intern(name);
    bus->arn = Arn::eventBus(settings.region, settings.account, name);
    bus->description = description;
    bus->created = bus->modified = now();
    BusRecord &ref = *bus;
    buses[name] = std::move(bus);
    if (name == kDefaultBus)
        defaultBus = &ref;
    accountUtf8 = settings.account.toStdString();
    regionUtf8 = settings.region.toStdString();
    return ref;
}

const BusRecord *Engine::Impl::findBus(const QString &nameOrArn, ServiceError *error) const
{
    QString name = nameOrArn.isEmpty() ? kDefaultBus : nameOrArn;
    if (name.startsWith(QLatin1String("arn:"))) {
        const auto arn = Arn::parse(name);
        const bool ours = arn && arn->service == QLatin1String("events")
                          && arn->resource.startsWith(QLatin1String("event-bus/"))
                          && arn->region == settings.region && arn->account == settings.account;
        if (!ours) {
            if (error)
                *error = ServiceError::notFound(
                    QStringLiteral("Event bus %1 does not exist.").arg(elided(nameOrArn)));
            return nullptr;
        }
        name = arn->resource.mid(10);
    }
    auto it = buses.find(name);
    if (it == buses.end()) {
        if (error)
            *error = ServiceError::notFound(
                QStringLiteral("Event bus %1 does not exist.").arg(elided(name)));
        return nullptr;
    }
    return it->second.get();
}

BusRecord *Engine::Impl::findBus(const QString &nameOrArn, ServiceError *error)
{
    return const_cast<BusRecord *>(std::as_const(*this).findBus(nameOrArn, error));
}

const RuleRecord *Engine::Impl::findRule(const RuleRef &ref, ServiceError *error) const
{
    const BusRecord *bus = findBus(ref.eventBusName, error);
    if (!bus)
        return nullptr;
    auto it = bus->rules.find(ref.name);
    if (it == bus->rules.end()) {
        if (error)
            *error = ServiceError::notFound(QStringLiteral("Rule %1 does not exist on EventBus %2.")
                                                .arg(ref.name, bus->name));
        return nullptr;
    }
    return it->second.get();
}

RuleRecord *Engine::Impl::findRule(const RuleRef &ref, ServiceError *error)
{
    return const_cast<RuleRecord *>(std::as_const(*this).findRule(ref, error));
}

void Engine::Impl::initRuleMetrics(RuleRecord &rule, const BusRecord &bus)
{
    const QString key = bus.name + QLatin1Char('/') + rule.name;
    if (RuleMetrics *existing = ruleMetricsByKey.value(key)) {
        rule.metrics = existing;
        return;
    }
    std::vector<Dimension> dims{{QStringLiteral("RuleName"), rule.name}};
    if (bus.name != kDefaultBus)
        dims.push_back({QStringLiteral("EventBusName"), bus.name});
    const QString ns = QStringLiteral("AWS/Events");
    static const char *const names[RuleMetricCount] = {
        "MatchedEvents", "TriggeredRules", "Invocations", "FailedInvocations", "ThrottledRules",
        "InvocationAttempts", "SuccessfulInvocationAttempts", "RetryInvocationAttempts",
        "InvocationsSentToDlq", "InvocationsFailedToBeSentToDlq", "DeadLetterInvocations"};
    ruleMetrics.emplace_back();
    RuleMetrics *m = &ruleMetrics.back();
    for (std::size_t i = 0; i < RuleMetricCount; ++i)
        m->bind(i, metrics.series(ns, QLatin1String(names[i]), dims, QStringLiteral("Count"),
                                  bus.name));
    ruleMetricsByKey.insert(key, m);
    rule.metrics = m;
}

void Engine::Impl::flushMetrics()
{
    for (RuleMetrics &m : ruleMetrics)
        m.flush();
    for (auto &c : consumers) {
        c->counters.flush();
        c->duration.flush();
    }
}

void Engine::Impl::syncRuleSet(BusRecord &bus, RuleRecord &rule)
{
    const std::string key = rule.name.toStdString();
    const bool wanted = rule.state == RuleState::Enabled && !rule.eventPattern.isEmpty();
    if (wanted)
        bus.ruleSet.add(key, rule.eventPattern.toStdString());
    else
        bus.ruleSet.remove(key);
    bus.byRuleId.clear();  // ids may have changed: resolve again lazily
}

void Engine::Impl::scheduleRule(RuleRecord &rule, SimTime after)
{
    ++rule.scheduleGeneration;
    if (!rule.schedule || rule.state != RuleState::Enabled)
        return;
    const auto next = rule.schedule->nextAfter(after, rule.created);
    if (!next)
        return;
    // Each pending firing owns an entry until it runs (then it is reused).
    const ScheduleEntry entry{defaultBus->nameId, rule.nameId, rule.scheduleGeneration};
    std::uint32_t index;
    if (!freeSchedules.empty()) {
        index = freeSchedules.back();
        freeSchedules.pop_back();
        schedules[index] = entry;
    } else {
        schedules.push_back(entry);
        index = static_cast<std::uint32_t>(schedules.size() - 1);
    }
    scheduler.push(*next, now(), static_cast<std::uint32_t>(TaskKind::Schedule), index);
}

std::uint32_t Engine::Impl::consumerFor(const QString &name, bool autoCreate)
{
    auto it = consumerByName.constFind(name);
    if (it != consumerByName.constEnd())
        return *it;
    if (!autoCreate)
        return kNone;
    auto c = std::make_unique<ConsumerRecord>();
    c->name = name;
    c->autoCreated = true;
    c->model = std::make_shared<const consumers::ConsumerDefinition>(
        consumers::defaultConsumer(name));
    c->definitionJson = c->model->toJson();
    consumers.push_back(std::move(c));
    const auto index = static_cast<std::uint32_t>(consumers.size() - 1);
    consumerByName.insert(name, index);
    applyBehaviour(*consumers.back());
    return index;
}

void Engine::Impl::applyBehaviour(ConsumerRecord &c)
{
    c.nameId = names.intern(c.name);
    c.arn = Arn::lambdaFunction(settings.region, settings.account, c.name);
    const consumers::ConsumerDefinition &m = *c.model;
    FunctionBehaviour &b = c.behaviour;
    b = FunctionBehaviour();
    b.latencyMin = SimTime(m.latency.minMs) * kMicrosPerMilli;
    b.latencyMax = SimTime(m.latency.maxMs) * kMicrosPerMilli;
    b.failureRate = m.failureRate;
    b.concurrency = m.concurrency;
    b.missingPermission = m.missingInvokePermission;
    if (!m.onFailure.isEmpty()) {
        b.hasOnFailure = true;
        const auto arn = Arn::parse(m.onFailure);
        if (arn && arn->service == QLatin1String("sqs") && arn->region == settings.region
            && arn->account == settings.account)
            b.onFailureQueue = queueFor(arn->resource, true);
    }
    c.logs = logs.group(QStringLiteral("/aws/lambda/") + c.name, now());
    c.logGroup = c.logs->index();
    c.streamSeed = mix64(qHash(c.name) ^ options.seed);
    c.stream0 = c.logs->streamFor(0, now(), c.streamSeed);
    const std::vector<Dimension> dims{{QStringLiteral("FunctionName"), c.name}};
    const QString ns = QStringLiteral("AWS/Lambda");
    // Re-binding (putConsumer again) keeps the series: same name, same metrics.
    c.counters.flush();
    c.duration.flush();
    c.counters.bind(FunctionInvocations, metrics.series(ns, QStringLiteral("Invocations"), dims,
                                                        QStringLiteral("Count")));
    c.counters.bind(FunctionErrors,
                    metrics.series(ns, QStringLiteral("Errors"), dims, QStringLiteral("Count")));
    c.counters.bind(FunctionThrottles, metrics.series(ns, QStringLiteral("Throttles"), dims,
                                                      QStringLiteral("Count")));
    c.duration.bind(metrics.series(ns, QStringLiteral("Duration"), dims,
                                   QStringLiteral("Milliseconds")));
}

std::uint32_t Engine::Impl::queueFor(const QString &name, bool autoCreate)
{
    auto it = queueByName.constFind(name);
    if (it != queueByName.constEnd())
        return *it;
    if (!autoCreate)
        return kNone;
    auto q = std::make_unique<QueueRecord>();
    q->name = name;
    q->nameId = names.intern(name);
    q->arn = Arn::sqsQueue(settings.region, settings.account, name);
    queues.push_back(std::move(q));
    const auto index = static_cast<std::uint32_t>(queues.size() - 1);
    queueByName.insert(name, index);
    return index;
}

// Problems with one target that the service reports as a failed entry.
QString Engine::Impl::validateTarget(const Target &t) const
{
    const auto arn = Arn::parse(t.arn);
    if (!arn)
        return QStringLiteral("Parameter %1 is not valid.").arg(t.arn);
    const bool lambda = arn->service == QLatin1String("lambda")
                        && arn->resource.startsWith(QLatin1String("function:"))
                        && arn->resource.size() > 9;
    const bool bus = arn->service == QLatin1String("events")
                     && arn->resource.startsWith(QLatin1String("event-bus/"))
                     && arn->resource.size() > 10;
    const bool sqs = arn->service == QLatin1String("sqs");
    if (sqs && !Arn::isSqsQueueName(arn->resource))
        return QStringLiteral("Parameter %1 is not valid.").arg(t.arn);
    if (!lambda && !bus && !sqs)
        return QStringLiteral("Target %1 is not supported here: EventFlow simulates Lambda "
                              "function, event bus and SQS queue targets.")
            .arg(t.arn);
    if (t.deadLetterConfig) {
        const auto dlq = Arn::parse(t.deadLetterConfig->arn);
        if (!dlq || dlq->service != QLatin1String("sqs") || !Arn::isSqsQueueName(dlq->resource))
            return QStringLiteral("Parameter(s) DeadLetterConfig.Arn is not valid: the "
                                  "dead-letter queue must be an SQS queue ARN.");
    }
    return validateTargetInput(t);
}

std::uint32_t Engine::Impl::makeTarget(const Target &t, RuleRecord &rule, BusRecord &bus)
{
    std::uint32_t index;
    if (!freeTargets.empty()) {
        index = freeTargets.back();
        freeTargets.pop_back();
        *targets[index] = TargetRecord();
    } else {
        targets.push_back(std::make_unique<TargetRecord>());
        index = static_cast<std::uint32_t>(targets.size() - 1);
    }
    TargetRecord &r = *targets[index];
    r.config = t;
    r.idName = names.intern(t.id);
    r.ruleName = rule.nameId;
    r.busName = bus.nameId;
    r.ruleArn = rule.arn;
    r.metrics = rule.metrics;
    const RetryPolicy policy = t.retryPolicy.value_or(RetryPolicy());
    r.maxRetries = policy.maximumRetryAttempts;
    r.maxAge = SimTime(policy.maximumEventAgeInSeconds) * kMicrosPerSecond;
    const Arn arn = *Arn::parse(t.arn);
    r.destinationInAccount = arn.region == settings.region && arn.account == settings.account;
    if (arn.service == QLatin1String("lambda")) {
        r.kind = TargetKind::Lambda;
        const QString fn = arn.resource.mid(9).section(QLatin1Char(':'), 0, 0);
        r.consumer = r.destinationInAccount ? consumerFor(fn, true) : kNone;
        if (r.consumer != kNone) {
            r.function = consumers[r.consumer].get();
            ++r.function->references;
        }
    } else if (arn.service == QLatin1String("events")) {
        r.kind = TargetKind::EventBus;
        r.destinationBus = arn.resource.mid(10);
    } else {
        r.kind = TargetKind::Sqs;
        r.queue = r.destinationInAccount ? queueFor(arn.resource, true) : kNone;
        if (r.queue != kNone)
            ++queues[r.queue]->references;
    }
    if (t.deadLetterConfig) {
        r.hasDlq = true;
        const Arn dlq = *Arn::parse(t.deadLetterConfig->arn);
        if (dlq.region == settings.region && dlq.account == settings.account) {
            r.dlq = queueFor(dlq.resource, true);
            ++queues[r.dlq]->references;
        }
    }
    QString error;
    r.transform = TargetInputTransform::compile(targetInputOf(t), t.id, &error);
    if (r.transform && r.transform->passesWholeEvent())
        r.transform.reset();
    r.hasTransform = r.transform.has_value();
    return index;
}

void Engine::Impl::retireTarget(std::uint32_t index)
{
    TargetRecord &r = *targets[index];
    r.retired = true;
    if (r.consumer != kNone)
        --consumers[r.consumer]->references;
    if (r.queue != kNone)
        --queues[r.queue]->references;
    if (r.dlq != kNone)
        --queues[r.dlq]->references;
    releaseTarget(index);
}

void Engine::Impl::releaseTarget(std::uint32_t index)
{
    const TargetRecord &r = *targets[index];
    if (r.retired && r.pending == 0)
        freeTargets.push_back(index);
}

void Engine::Impl::arm()
{
    if (mode != ClockMode::Real || paused) {
        if (timer)
            timer->stop();
        return;
    }
    if (!timer)
        return;  // applyScenario on the real clock: the timer is made once the state is in
    const auto next = scheduler.nextDue();
    if (!next) {
        timer->stop();
        return;
    }
    const double wallMicros = static_cast<double>(*next - clockNow()) / speed;
    const int ms = wallMicros <= 0 ? 0
                                   : static_cast<int>(std::min(wallMicros / 1000.0 + 1, 3.6e6));
    timer->start(ms);
}

void Engine::Impl::afterCall()
{
    flush();
    if (mode == ClockMode::Real)
        arm();
}

// ---------------------------------------------------------------------------
// Engine: construction, scenario

Engine::Engine(EngineOptions options) : d(std::make_unique<Impl>(options)) {}
Engine::~Engine() = default;

const EngineOptions &Engine::options() const { return d->options; }
const ScenarioSettings &Engine::settings() const { return d->settings; }

Status Engine::applyScenario(const Scenario &scenario)
{
    // Build the whole scenario in a fresh engine first: on any error the
    // current state is untouched.
    auto fresh = std::make_unique<Impl>(d->options);
    fresh->settings = scenario.settings;
    fresh->logs.setAccount(scenario.settings.region, scenario.settings.account);
    fresh->buses.clear();
    fresh->createBus(kDefaultBus, QString());
    fresh->mode = d->mode;
    fresh->virtualNow = d->virtualNow;
    fresh->anchorSim = d->anchorSim;
    fresh->anchorWall = d->anchorWall;
    fresh->speed = d->speed;
    fresh->paused = d->paused;
    fresh->pausedAt = d->pausedAt;
    fresh->observers = d->observers;
    fresh->nextObserver = d->nextObserver;
    fresh->scenarioName = scenario.name;
    fresh->scenarioDescription = scenario.description;
    std::swap(d, fresh);  // operate through the public API on the new state
    auto fail = [&](const QString &path, const ServiceError &e) -> Status {
        std::swap(d, fresh);
        return ServiceError{e.code, path + QStringLiteral(": ") + e.message};
    };
    for (std::size_t i = 0; i < scenario.consumers.size(); ++i) {
        const Status s = putConsumerAt(d.get(), scenario.consumers[i],
                                       QStringLiteral("$.consumers[%1]").arg(i));
        if (!s) {
            std::swap(d, fresh);
            return s.error();
        }
    }
    for (std::size_t i = 0; i < scenario.queues.size(); ++i) {
        const QString &name = scenario.queues[i].name;
        if (auto e = checkName(name, QStringLiteral("name"), 80, "-_",
                               QStringLiteral("[-_A-Za-z0-9]+")))
            return fail(QStringLiteral("$.queues[%1].name").arg(i), *e);
        d->queueFor(name, true);
    }
    for (std::size_t i = 0; i < scenario.buses.size(); ++i) {
        const auto r = createEventBus(scenario.buses[i]);
        if (!r)
            return fail(QStringLiteral("$.buses[%1]").arg(i), r.error());
    }
    for (std::size_t i = 0; i < scenario.rules.size(); ++i) {
        const ScenarioRule &rule = scenario.rules[i];
        const auto r = putRule(rule.rule);
        if (!r)
            return fail(QStringLiteral("$.rules[%1]").arg(i), r.error());
        if (rule.targets.empty())
            continue;
        const auto t = putTargets({rule.rule.name, rule.rule.eventBusName, rule.targets});
        if (!t)
            return fail(QStringLiteral("$.rules[%1].targets").arg(i), t.error());
        if (t->failedEntryCount > 0) {
            const FailedTargetEntry &f = t->failedEntries.front();
            int at = 0;
            for (std::size_t k = 0; k < rule.targets.size(); ++k) {
                if (rule.targets[k].id == f.targetId)
                    at = static_cast<int>(k);
            }
            return fail(QStringLiteral("$.rules[%1].targets[%2]").arg(i).arg(at),
                        {f.errorCode, f.errorMessage});
        }
    }
    for (std::size_t i = 0; i < scenario.producers.size(); ++i) {
        QString error;
        auto p = Producer::fromJson(scenario.producers[i], QStringLiteral("$.producers[%1]").arg(i),
                                    &error);
        if (!p) {
            std::swap(d, fresh);
            return ServiceError::validation(error);
        }
        if (const std::uint32_t c = d->consumerFor(p->name(), false); c != kNone) {
            std::swap(d, fresh);
            return ServiceError::validation(
                QStringLiteral("$.producers[%1].name: \"%2\" is already a consumer's name")
                    .arg(i)
                    .arg(p->name()));
        }
        d->logs.group(QStringLiteral("/aws/lambda/") + p->name(), d->now());
        d->producers.push_back(std::move(*p));
    }
    d->sampleEvents = scenario.sampleEvents;
    d->nodePositions = scenario.nodePositions;
    // Success: the old state goes; the clock keeps running.
    if (fresh->timer) {
        fresh->timer->stop();
    }
    if (d->mode == ClockMode::Real) {
        d->timer = std::make_unique<QTimer>();
        d->timer->setSingleShot(true);
        d->timer->setTimerType(Qt::PreciseTimer);
        Impl *impl = d.get();
        Engine *self = this;
        QObject::connect(d->timer.get(), &QTimer::timeout, [impl, self]() {
            if (self->d.get() != impl)
                return;
            impl->runDue(impl->clockNow());
            impl->afterCall();
        });
    }
    d->afterCall();
    return Done{};
}

Scenario Engine::snapshot() const
{
    Scenario s;
    s.name = d->scenarioName;
    s.description = d->scenarioDescription;
    s.settings = d->settings;
    for (const auto &[name, bus] : d->buses) {
        if (name != kDefaultBus)
            s.buses.push_back({name, bus->description});
    }
    // Rules of the default bus first, then by bus name (the map's order).
    std::vector<const BusRecord *> order;
    order.push_back(d->buses.at(kDefaultBus).get());
    for (const auto &[name, bus] : d->buses) {
        if (name != kDefaultBus)
            order.push_back(bus.get());
    }
    for (const BusRecord *bus : order) {
        for (const auto &[name, rule] : bus->rules) {
            ScenarioRule sr;
            sr.rule.name = name;
            sr.rule.eventBusName = bus->name == kDefaultBus ? QString() : bus->name;
            if (!rule->eventPattern.isEmpty())
                sr.rule.eventPattern = rule->eventPattern;
            if (!rule->scheduleExpression.isEmpty())
                sr.rule.scheduleExpression = rule->scheduleExpression;
            sr.rule.state = ruleStateName(rule->state);
            if (!rule->description.isEmpty())
                sr.rule.description = rule->description;
            if (!rule->roleArn.isEmpty())
                sr.rule.roleArn = rule->roleArn;
            for (std::uint32_t t : rule->targets)
                sr.targets.push_back(d->targets[t]->config);
            s.rules.push_back(std::move(sr));
        }
    }
    for (const auto &c : d->consumers) {
        if (!c->autoCreated)
            s.consumers.push_back(c->definitionJson);
    }
    for (const auto &q : d->queues)
        s.queues.push_back({q->name});
    for (const Producer &p : d->producers)
        s.producers.push_back(p.toJson());
    s.sampleEvents = d->sampleEvents;
    s.nodePositions = d->nodePositions;
    return s;
}

// ---------------------------------------------------------------------------
// Event buses

Result<EventBusInfo> Engine::createEventBus(const CreateEventBusRequest &request)
{
    if (auto e = checkBusName(request.name))
        return *e;
    if (request.name.contains(QLatin1Char('/')))
        return ServiceError::validation(
            QStringLiteral("Event bus name must not contain '/': only partner event buses "
                           "have '/' in their names."));
    if (request.name == kDefaultBus)
        return ServiceError::validation(
            QStringLiteral("The event bus name 'default' is reserved for the default event bus."));
    if (request.description.size() > 512)
        return constraint(request.description, QStringLiteral("description"),
                          QStringLiteral("Member must have length less than or equal to 512"));
    if (d->buses.count(request.name))
        return ServiceError::alreadyExists(
            QStringLiteral("Event bus %1 already exists.").arg(request.name));
    BusRecord &bus = d->createBus(request.name, request.description);
    d->afterCall();
    return EventBusInfo{bus.name, bus.arn, bus.description, bus.created, bus.modified};
}

Result<EventBusInfo> Engine::describeEventBus(const QString &nameOrArn) const
{
    ServiceError error;
    const BusRecord *bus = d->findBus(nameOrArn, &error);
    if (!bus)
        return error;
    return EventBusInfo{bus->name, bus->arn, bus->description, bus->created, bus->modified};
}

Result<ListEventBusesResponse> Engine::listEventBuses(const ListEventBusesRequest &request) const
{
    if (auto e = checkLimit(request.limit))
        return *e;
    std::vector<EventBusInfo> all;
    for (const auto &[name, bus] : d->buses) {
        if (name.startsWith(request.namePrefix))
            all.push_back({bus->name, bus->arn, bus->description, bus->created, bus->modified});
    }
    ListEventBusesResponse out;
    ServiceError error;
    const auto [from, to] = page(all, request.nextToken, request.limit, out.nextToken, &error);
    if (!error.code.isEmpty())
        return error;
    out.eventBuses.assign(all.begin() + static_cast<std::ptrdiff_t>(from),
                          all.begin() + static_cast<std::ptrdiff_t>(to));
    return out;
}

Status Engine::deleteEventBus(const QString &name)
{
    if (name == kDefaultBus || name.isEmpty())
        return ServiceError::validation(QStringLiteral("Cannot delete event bus default."));
    if (auto e = checkBusName(name))
        return *e;
    auto it = d->buses.find(name);
    if (it == d->buses.end())
        return Done{};  // the service answers success for a bus that is not there
    if (!it->second->rules.empty())
        return ServiceError::validation(
            QStringLiteral("Event bus can't be deleted since it has rules."));
    d->buses.erase(it);
    d->afterCall();
    return Done{};
}

// ---------------------------------------------------------------------------
// Rules

Result<QString> Engine::putRule(const PutRuleRequest &request)
{
    if (auto e = checkRuleName(request.name, QStringLiteral("name")))
        return *e;
    ServiceError error;
    BusRecord *bus = d->findBus(request.eventBusName, &error);
    if (!bus)
        return error;
    const bool hasPattern = request.eventPattern && !request.eventPattern->isEmpty();
    const bool hasSchedule = request.scheduleExpression && !request.scheduleExpression->isEmpty();
    if (!hasPattern && !hasSchedule)
        return ServiceError::validation(
            QStringLiteral("Parameter(s) EventPattern or ScheduleExpression must be specified."));
    if (request.description && request.description->size() > 512)
        return constraint(*request.description, QStringLiteral("description"),
                          QStringLiteral("Member must have length less than or equal to 512"));
    // The service's model limit (its default quota is lower, 2048).
    if (hasPattern && request.eventPattern->size() > 4096)
        return constraint(*request.eventPattern, QStringLiteral("eventPattern"),
                          QStringLiteral("Member must have length less than or equal to 4096"));
    RuleState state = RuleState::Enabled;
    if (request.state) {
        if (*request.state == QLatin1String("DISABLED"))
            state = RuleState::Disabled;
        else if (*request.state != QLatin1String("ENABLED"))
            return constraint(*request.state, QStringLiteral("state"),
                              QStringLiteral("Member must satisfy enum value set: [ENABLED, "
                                             "DISABLED]"));
    }
    if (hasPattern) {
        const std::string pattern = request.eventPattern->toStdString();
        const auto compiled = pattern::validatePattern(pattern);
        if (!compiled)
            return ServiceError{QStringLiteral("InvalidEventPatternException"),
                                QString::fromStdString(compiled.error.message())};
    }
    std::optional<ScheduleExpression> schedule;
    if (hasSchedule) {
        if (bus->name != kDefaultBus)
            return ServiceError::validation(
                QStringLiteral("ScheduleExpression is supported only on the default event bus."));
        QString message;
        schedule = ScheduleExpression::parse(*request.scheduleExpression, &message);
        if (!schedule)
            return ServiceError::validation(message);
    }
    auto &slot = bus->rules[request.name];
    const bool created = !slot;
    if (created) {
        slot = std::make_unique<RuleRecord>();
        slot->name = request.name;
        slot->nameId = d->names.intern(request.name);
        slot->arn = Arn::rule(d->settings.region, d->settings.account, bus->name, request.name);
        slot->created = d->now();
        d->initRuleMetrics(*slot, *bus);
    }
    RuleRecord &rule = *slot;
    rule.eventPattern = hasPattern ? *request.eventPattern : QString();
    rule.scheduleExpression = hasSchedule ? *request.scheduleExpression : QString();
    rule.schedule = std::move(schedule);
    rule.state = state;
    rule.description = request.description.value_or(QString());
    rule.roleArn = request.roleArn.value_or(QString());
    d->syncRuleSet(*bus, rule);
    d->scheduleRule(rule, d->now());
    d->afterCall();
    return rule.arn;
}

Result<RuleInfo> Engine::describeRule(const RuleRef &ref) const
{
    if (auto e = checkRuleName(ref.name, QStringLiteral("name")))
        return *e;
    ServiceError error;
    const RuleRecord *rule = d->findRule(ref, &error);
    if (!rule)
        return error;
    const BusRecord *bus = d->findBus(ref.eventBusName, nullptr);
    return RuleInfo{rule->name, rule->arn, bus->name, rule->eventPattern,
                    rule->scheduleExpression, rule->state, rule->description, rule->roleArn,
                    rule->created};
}

Result<ListRulesResponse> Engine::listRules(const ListRulesRequest &request) const
{
    if (auto e = checkLimit(request.limit))
        return *e;
    ServiceError error;
    const BusRecord *bus = d->findBus(request.eventBusName, &error);
    if (!bus)
        return error;
    std::vector<RuleInfo> all;
    for (const auto &[name, rule] : bus->rules) {
        if (name.startsWith(request.namePrefix))
            all.push_back({rule->name, rule->arn, bus->name, rule->eventPattern,
                           rule->scheduleExpression, rule->state, rule->description,
                           rule->roleArn, rule->created});
    }
    ListRulesResponse out;
    const auto [from, to] = page(all, request.nextToken, request.limit, out.nextToken, &error);
    if (!error.code.isEmpty())
        return error;
    out.rules.assign(all.begin() + static_cast<std::ptrdiff_t>(from),
                     all.begin() + static_cast<std::ptrdiff_t>(to));
    return out;
}

static Status setRuleState(Engine::Impl &d, const RuleRef &ref, RuleState state)
{
    if (auto e = checkRuleName(ref.name, QStringLiteral("name")))
        return *e;
    ServiceError error;
    RuleRecord *rule = d.findRule(ref, &error);
    if (!rule)
        return error;
    if (rule->state != state) {
        rule->state = state;
        d.syncRuleSet(*d.findBus(ref.eventBusName, nullptr), *rule);
        d.scheduleRule(*rule, d.now());
    }
    d.afterCall();
    return Done{};
}

Status Engine::enableRule(const RuleRef &rule)
{
    return setRuleState(*d, rule, RuleState::Enabled);
}

Status Engine::disableRule(const RuleRef &rule)
{
    return setRuleState(*d, rule, RuleState::Disabled);
}

Status Engine::deleteRule(const DeleteRuleRequest &request)
{
    if (auto e = checkRuleName(request.name, QStringLiteral("name")))
        return *e;
    ServiceError error;
    BusRecord *bus = d->findBus(request.eventBusName, &error);
    if (!bus)
        return error;
    auto it = bus->rules.find(request.name);
    if (it == bus->rules.end())
        return Done{};  // deleting what is not there succeeds, as on the service
    RuleRecord &rule = *it->second;
    if (!rule.targets.empty())
        return ServiceError::validation(
            QStringLiteral("Rule can't be deleted since it has targets."));
    rule.state = RuleState::Disabled;
    d->syncRuleSet(*bus, rule);
    ++rule.scheduleGeneration;
    bus->rules.erase(it);
    d->afterCall();
    return Done{};
}

// ---------------------------------------------------------------------------
// Targets

Result<PutTargetsResponse> Engine::putTargets(const PutTargetsRequest &request)
{
    if (auto e = checkRuleName(request.rule, QStringLiteral("rule")))
        return *e;
    if (request.targets.empty() || request.targets.size() > 10)
        return constraint(QStringLiteral("[...]"), QStringLiteral("targets"),
                          request.targets.empty()
                              ? QStringLiteral("Member must have length greater than or equal to 1")
                              : QStringLiteral("Member must have length less than or equal to 10"));
    for (std::size_t i = 0; i < request.targets.size(); ++i) {
        const Target &t = request.targets[i];
        const QString member = QStringLiteral("targets.%1.member.").arg(i + 1);
        if (auto e = checkName(t.id, member + QStringLiteral("id"), 64, ".-_",
                               QStringLiteral("[\\.\\-_A-Za-z0-9]+")))
            return *e;
        if (t.arn.isEmpty() || t.arn.size() > 1600)
            return constraint(t.arn, member + QStringLiteral("arn"),
                              t.arn.isEmpty()
                                  ? QStringLiteral("Member must have length greater than or "
                                                   "equal to 1")
                                  : QStringLiteral("Member must have length less than or equal "
                                                   "to 1600"));
        if (t.retryPolicy) {
            const RetryPolicy &p = *t.retryPolicy;
            if (p.maximumRetryAttempts < 0 || p.maximumRetryAttempts > 185)
                return constraint(QString::number(p.maximumRetryAttempts),
                                  member + QStringLiteral("retryPolicy.maximumRetryAttempts"),
                                  p.maximumRetryAttempts < 0
                                      ? QStringLiteral("Member must have value greater than or "
                                                       "equal to 0")
                                      : QStringLiteral("Member must have value less than or "
                                                       "equal to 185"));
            if (p.maximumEventAgeInSeconds < 60 || p.maximumEventAgeInSeconds > 86400)
                return constraint(QString::number(p.maximumEventAgeInSeconds),
                                  member + QStringLiteral("retryPolicy.maximumEventAgeInSeconds"),
                                  p.maximumEventAgeInSeconds < 60
                                      ? QStringLiteral("Member must have value greater than or "
                                                       "equal to 60")
                                      : QStringLiteral("Member must have value less than or "
                                                       "equal to 86400"));
        }
        for (std::size_t k = 0; k < i; ++k) {
            if (request.targets[k].id == t.id)
                return ServiceError::validation(
                    QStringLiteral("The request contains duplicate target ids: %1.").arg(t.id));
        }
    }
    ServiceError error;
    BusRecord *bus = d->findBus(request.eventBusName, &error);
    if (!bus)
        return error;
    RuleRecord *rule = d->findRule({request.rule, request.eventBusName}, &error);
    if (!rule)
        return error;
    PutTargetsResponse out;
    std::vector<const Target *> accepted;
    for (const Target &t : request.targets) {
        const QString problem = d->validateTarget(t);
        if (!problem.isEmpty()) {
            out.failedEntries.push_back({t.id, QStringLiteral("ValidationException"), problem});
            continue;
        }
        accepted.push_back(&t);
    }
    // The 5-target limit counts the targets the rule would have afterwards.
    int after = static_cast<int>(rule->targets.size());
    for (const Target *t : accepted) {
        const bool replaces = std::any_of(rule->targets.begin(), rule->targets.end(),
                                          [&](std::uint32_t i) {
                                              return d->targets[i]->config.id == t->id;
                                          });
        after += replaces ? 0 : 1;
    }
    if (after > 5)
        return ServiceError{QStringLiteral("LimitExceededException"),
                            QStringLiteral("The requested resource exceeds the maximum number "
                                           "allowed: a rule can have at most 5 targets.")};
    for (const Target *t : accepted) {
        const std::uint32_t index = d->makeTarget(*t, *rule, *bus);
        auto existing = std::find_if(rule->targets.begin(), rule->targets.end(),
                                     [&](std::uint32_t i) {
                                         return d->targets[i]->config.id == t->id;
                                     });
        if (existing != rule->targets.end()) {
            d->retireTarget(*existing);
            *existing = index;
        } else {
            rule->targets.push_back(index);
        }
    }
    out.failedEntryCount = static_cast<int>(out.failedEntries.size());
    d->afterCall();
    return out;
}

Result<ListTargetsByRuleResponse>
Engine::listTargetsByRule(const ListTargetsByRuleRequest &request) const
{
    if (auto e = checkRuleName(request.rule, QStringLiteral("rule")))
        return *e;
    if (auto e = checkLimit(request.limit))
        return *e;
    ServiceError error;
    const RuleRecord *rule = d->findRule({request.rule, request.eventBusName}, &error);
    if (!rule)
        return error;
    std::vector<Target> all;
    for (std::uint32_t t : rule->targets)
        all.push_back(d->targets[t]->config);
    ListTargetsByRuleResponse out;
    const auto [from, to] = page(all, request.nextToken, request.limit, out.nextToken, &error);
    if (!error.code.isEmpty())
        return error;
    out.targets.assign(all.begin() + static_cast<std::ptrdiff_t>(from),
                       all.begin() + static_cast<std::ptrdiff_t>(to));
    return out;
}

Result<RemoveTargetsResponse> Engine::removeTargets(const RemoveTargetsRequest &request)
{
    if (auto e = checkRuleName(request.rule, QStringLiteral("rule")))
        return *e;
    if (request.ids.isEmpty() || request.ids.size() > 100)
        return constraint(QStringLiteral("[...]"), QStringLiteral("ids"),
                          request.ids.isEmpty()
                              ? QStringLiteral("Member must have length greater than or equal to 1")
                              : QStringLiteral("Member must have length less than or equal to 100"));
    ServiceError error;
    RuleRecord *rule = d->findRule({request.rule, request.eventBusName}, &error);
    if (!rule)
        return error;
    RemoveTargetsResponse out;
    for (const QString &id : request.ids) {
        auto it = std::find_if(rule->targets.begin(), rule->targets.end(),
                               [&](std::uint32_t i) { return d->targets[i]->config.id == id; });
        if (it == rule->targets.end())
            continue;  // removing an absent id is not an error on the service
        d->retireTarget(*it);
        rule->targets.erase(it);
    }
    d->afterCall();
    return out;
}

Result<ListRuleNamesByTargetResponse>
Engine::listRuleNamesByTarget(const ListRuleNamesByTargetRequest &request) const
{
    if (request.targetArn.isEmpty())
        return constraint(request.targetArn, QStringLiteral("targetArn"),
                          QStringLiteral("Member must have length greater than or equal to 1"));
    if (auto e = checkLimit(request.limit))
        return *e;
    ServiceError error;
    const BusRecord *bus = d->findBus(request.eventBusName, &error);
    if (!bus)
        return error;
    std::vector<QString> all;
    for (const auto &[name, rule] : bus->rules) {
        const bool uses = std::any_of(rule->targets.begin(), rule->targets.end(),
                                      [&](std::uint32_t i) {
                                          return d->targets[i]->config.arn == request.targetArn;
                                      });
        if (uses)
            all.push_back(name);
    }
    ListRuleNamesByTargetResponse out;
    const auto [from, to] = page(all, request.nextToken, request.limit, out.nextToken, &error);
    if (!error.code.isEmpty())
        return error;
    for (std::size_t i = from; i < to; ++i)
        out.ruleNames << all[i];
    return out;
}

// ---------------------------------------------------------------------------
// Consumers, queues, producers

static Status putConsumerAt(Engine::Impl *d, const QJsonObject &definition, const QString &path)
{
    QString error;
    auto model = consumers::ConsumerDefinition::fromJson(definition, path, &error);
    if (!model)
        return ServiceError::validation(error);
    const QString name = model->name;
    std::uint32_t index = d->consumerFor(name, true);
    ConsumerRecord &c = *d->consumers[index];
    c.autoCreated = false;
    c.model = std::make_shared<const consumers::ConsumerDefinition>(std::move(*model));
    c.definitionJson = c.model->toJson();
    d->applyBehaviour(c);
    d->afterCall();
    return Done{};
}

Status Engine::putConsumer(const QJsonObject &definition)
{
    return putConsumerAt(d.get(), definition, QStringLiteral("$"));
}

std::vector<ConsumerInfo> Engine::consumers() const
{
    std::vector<ConsumerInfo> out;
    for (const auto &c : d->consumers) {
        out.push_back({c->name, c->arn, c->logs->name(), c->autoCreated, c->references > 0,
                       c->inFlight, c->definitionJson});
    }
    return out;
}

std::vector<QueueInfo> Engine::queues() const
{
    std::vector<QueueInfo> out;
    for (const auto &q : d->queues)
        out.push_back({q->name, q->arn, q->received, q->ring.size(), q->references > 0});
    return out;
}

Result<std::vector<QueueMessage>> Engine::queueMessages(const QString &queueName) const
{
    const std::uint32_t index = d->queueByName.value(queueName, kNone);
    if (index == kNone)
        return ServiceError{QStringLiteral("AWS.SimpleQueueService.NonExistentQueue"),
                            QStringLiteral("The specified queue does not exist.")};
    const QueueRecord &q = *d->queues[index];
    std::vector<QueueMessage> out;
    for (std::size_t i = 0; i < q.ring.size(); ++i) {
        const StoredMessage &m = q.ring[(q.first + i) % q.ring.size()];
        char id[36];
        formatUuid(mix64(m.seq ^ 0x51515151ULL), mix64(m.seq), id);
        const EventSlot *ev = d->slot(m.event);
        out.push_back({QString::fromLatin1(id, 36), m.sent, QString::fromStdString(m.body),
                       ev ? ev->idString() : QString(), m.attributes});
    }
    return out;
}

Status Engine::purgeQueue(const QString &queueName)
{
    const std::uint32_t index = d->queueByName.value(queueName, kNone);
    if (index == kNone)
        return ServiceError{QStringLiteral("AWS.SimpleQueueService.NonExistentQueue"),
                            QStringLiteral("The specified queue does not exist.")};
    d->queues[index]->ring.clear();
    d->queues[index]->first = 0;
    return Done{};
}

std::vector<ProducerInfo> Engine::producers() const
{
    std::vector<ProducerInfo> out;
    for (const Producer &p : d->producers)
        out.push_back({p.name(), p.eventBusName(), p.source(), p.eventTypes()});
    return out;
}

ProducerResponse Engine::invokeProducer(const QString &name, const QByteArray &body)
{
    const Producer *producer = nullptr;
    for (const Producer &p : d->producers) {
        if (name.isEmpty() || p.name() == name) {
            producer = &p;
            break;
        }
    }
    ProducerResponse out;
    if (!producer) {
        out.statusCode = 404;
        out.body = QByteArrayLiteral("{\"error\":\"No such producer\"}");
        return out;
    }
    const SimTime now = d->now();
    Producer::Prepared prepared = producer->prepare(body, d->random, now);
    if (!prepared.ok) {
        out.statusCode = prepared.statusCode;
        out.body = prepared.errorBody;
        return out;
    }
    PutEventsRequestEntry entry;
    entry.source = producer->source().toStdString();
    entry.detailType = prepared.detailType;
    entry.detail = prepared.detail;
    entry.eventBusName = producer->eventBusName().toStdString();
    const auto result = putEvents(std::span<const PutEventsRequestEntry>(&entry, 1));
    if (!result) {
        out.statusCode = 500;
        out.body = producer->errorBody(result.error().message);
        return out;
    }
    const PutEventsResultEntry &r = result->entries.front();
    out.eventId = r.eventId;
    out.body = producer->successBody(prepared, r.eventId);
    // The producer is a function too: its log group shows what it published.
    LogGroup *group = d->logs.group(QStringLiteral("/aws/lambda/") + producer->name(), now);
    LogRecord rec;
    rec.start = now;
    rec.stream = static_cast<std::uint16_t>(
        group->streamFor(0, now, mix64(qHash(producer->name()))));
    rec.requestSeq = ++d->requestSeq;
    const EventSeq published = d->seqFromId(r.eventId);
    rec.event = published;
    d->logs.append(*group, rec);
    if (!d->slot(published))
        d->logs.setLastPayload(producer->unpublishedEnvelope(prepared));
    const std::vector<Dimension> dims{{QStringLiteral("FunctionName"), producer->name()}};
    const QString ns = QStringLiteral("AWS/Lambda");
    d->metrics.series(ns, QStringLiteral("Invocations"), dims, QStringLiteral("Count"))->add(now, 1);
    d->metrics.series(ns, QStringLiteral("Duration"), dims, QStringLiteral("Milliseconds"))
        ->add(now, 0);
    d->afterCall();
    return out;
}

// ---------------------------------------------------------------------------
// Clock

ClockMode Engine::clockMode() const { return d->mode; }

void Engine::setClockMode(ClockMode mode)
{
    if (mode == d->mode)
        return;
    if (mode == ClockMode::Real) {
        const SimTime wall = QDateTime::currentMSecsSinceEpoch() * kMicrosPerMilli;
        d->anchorSim = wall;
        d->anchorWall = steadyMicros();
        d->pausedAt = wall;
        d->mode = mode;
        if (!d->timer) {
            d->timer = std::make_unique<QTimer>();
            d->timer->setSingleShot(true);
            d->timer->setTimerType(Qt::PreciseTimer);
            Impl *impl = d.get();
            Engine *self = this;
            QObject::connect(d->timer.get(), &QTimer::timeout, [impl, self]() {
                if (self->d.get() != impl)
                    return;
                impl->runDue(impl->clockNow());
                impl->afterCall();
            });
        }
    } else {
        d->virtualNow = d->clockNow();
        d->mode = mode;
        if (d->timer)
            d->timer->stop();
    }
    d->afterCall();
}

SimTime Engine::now() const { return d->clockNow(); }
double Engine::speed() const { return d->speed; }

Status Engine::setSpeed(double factor)
{
    if (!(factor >= 0.1 && factor <= 10.0))
        return ServiceError::validation(
            QStringLiteral("Speed must be between 0.1x and 10x (got %1x).").arg(factor));
    const SimTime current = d->clockNow();
    d->anchorSim = current;
    d->anchorWall = steadyMicros();
    d->speed = factor;
    d->afterCall();
    return Done{};
}

bool Engine::isPaused() const { return d->paused; }

void Engine::setPaused(bool paused)
{
    if (paused == d->paused)
        return;
    if (paused) {
        d->pausedAt = d->clockNow();
        d->paused = true;
    } else {
        d->anchorSim = d->pausedAt;
        d->anchorWall = steadyMicros();
        d->paused = false;
    }
    d->afterCall();
}

bool Engine::step()
{
    const auto next = d->scheduler.nextDue();
    if (!next)
        return false;
    const SimTime target = std::max(*next, d->clockNow());
    if (d->mode == ClockMode::Virtual) {
        d->runDue(target);
        d->virtualNow = target;
    } else {
        d->anchorSim = target;
        d->anchorWall = steadyMicros();
        d->pausedAt = target;
        d->runDue(target);
    }
    d->afterCall();
    return true;
}

void Engine::advanceTo(SimTime t)
{
    if (d->mode != ClockMode::Virtual)
        return;
    if (t > d->virtualNow || d->scheduler.size() > 0)
        d->runDue(std::max(t, d->virtualNow));
    d->virtualNow = std::max(t, d->virtualNow);
    d->afterCall();
}

void Engine::advanceBy(SimTime delta)
{
    advanceTo(d->virtualNow + std::max<SimTime>(delta, 0));
}

std::size_t Engine::runUntilIdle(SimTime horizon)
{
    if (d->mode != ClockMode::Virtual)
        return 0;
    const SimTime end = d->virtualNow + horizon;
    std::size_t ran = 0;
    while (d->counters.pending > 0) {
        const auto next = d->scheduler.nextDue();
        if (!next || *next > end)
            break;
        const SimTime t = std::max(*next, d->virtualNow);
        ran += d->runDue(t);
        d->virtualNow = t;
        if (d->batch.size() >= 4096)
            d->flush();
    }
    d->afterCall();
    return ran;
}

std::optional<SimTime> Engine::nextDue() const { return d->scheduler.nextDue(); }
bool Engine::hasPendingDeliveries() const { return d->counters.pending > 0; }

void Engine::setNodePosition(const QString &node, QPointF position)
{
    d->nodePositions.insert(node, position);
}

QHash<QString, QPointF> Engine::nodePositions() const { return d->nodePositions; }

} // namespace ef
