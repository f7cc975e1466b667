// PutEvents and delivery: the hot path. Envelopes are built as text, matched
// by the compiled rule set of their bus, and handed to targets through the
// scheduler; every step is recorded as a compact Happening.

#include "core/bus/EngineImpl.h"

#include "core/bus/Arn.h"
#include "core/bus/StreamingStore.h"

#include <cstring>

namespace ef {

using namespace bus;

namespace {

constexpr std::size_t kMaxEntrySize = 256 * 1024;
constexpr std::size_t kFlushEvery = 4096;
// The envelope's fixed text (keys, quotes, the id and the time) and a little
// room for escapes.
constexpr std::size_t kEnvelopeFrame = 192;

// EventBridge's retry: exponential back-off with jitter, capped.
SimTime eventBridgeBackoff(int attempt, Random &random)
{
    const SimTime base = std::min<SimTime>(SimTime(1) << std::min(attempt - 1, 20), 300)
                         * kMicrosPerSecond;
    return base / 2 + random.between(0, base / 2);
}

std::size_t entrySize(const PutEventsRequestEntry &e)
{
    std::size_t size = e.time ? 14 : 0;
    size += e.source.size() + e.detailType.size() + e.detail.size();
    for (const std::string &r : e.resources)
        size += r.size();
    return size;
}

PutEventsResultEntry entryError(const char *code, const QString &message)
{
    PutEventsResultEntry r;
    r.errorCode = QLatin1String(code);
    r.errorMessage = message;
    return r;
}

} // namespace

// ---------------------------------------------------------------------------
// Events

EventSlot *Engine::Impl::pinnedSlot(EventSeq seq)
{
    if (seq == 0)
        return nullptr;
    auto it = pinned.find(seq);
    return it == pinned.end() ? nullptr : &it->second;
}

EventSlot &Engine::Impl::allocateEvent()
{
    const EventSeq seq = nextEvent++;
    EventSlot &s = ring[seq & ringMask];
    if (s.seq != 0 && s.pending > 0)
        pinned.emplace(s.seq, std::move(s));  // still being delivered: keep it aside
    s.seq = seq;
    s.deliveries = s.delivered = s.deadLettered = s.dropped = s.pending = 0;
    s.lastHappening = 0;
    s.parent = 0;
    s.children.clear();
    s.route.clear();
    // The id carries the sequence number in its last 48 bits (masked), so a
    // lookup by id needs no index.
    const std::uint64_t hi = random.next();
    const std::uint64_t lo = (random.next() & 0xffff000000000000ULL) | ((seq ^ idMask) & 0xffffffffffffULL);
    formatUuid(hi, lo, s.id);
    return s;
}

EventSeq Engine::Impl::seqFromId(const QString &id) const
{
    if (id.size() != 36)
        return 0;
    bool ok = false;
    const std::uint64_t low = id.right(12).toULongLong(&ok, 16);
    if (!ok)
        return 0;
    const EventSeq seq = (low ^ idMask) & 0xffffffffffffULL;
    const EventSlot *s = slot(seq);
    if (!s || QLatin1String(s->id, 36) != id)
        return 0;
    return seq;
}

// Inline: a delivery records three happenings, and the caller's Happening
// then lives in registers only.
[[gnu::always_inline]] inline void Engine::Impl::record(Happening &h, EventSlot *event)
{
    h.seq = ++happeningSeq;
    if (event) {
        h.event = event->seq;
        h.prevForEvent = event->lastHappening;
        event->lastHappening = h.seq;
    }
    // Field by field into 8-byte words (see streamWord): the ring line is
    // never read, and the struct is not reloaded in wide pieces.
    const std::uint64_t w4 = h.bus | std::uint64_t(h.rule) << 32;
    const std::uint64_t w5 = h.target | std::uint64_t(h.consumer) << 32;
    const std::uint64_t w6 = h.requestSeq | std::uint64_t(h.note) << 32;
    const std::uint64_t w7 = static_cast<std::uint32_t>(h.value)
                             | std::uint64_t(static_cast<std::uint8_t>(h.kind)) << 32
                             | std::uint64_t(static_cast<std::uint8_t>(h.service)) << 40
                             | std::uint64_t(static_cast<std::uint8_t>(h.reason)) << 48
                             | std::uint64_t(h.attempt) << 56;
    auto *to = reinterpret_cast<std::uint64_t *>(&trace[h.seq & (trace.size() - 1)]);
    streamWord(to, h.seq);
    streamWord(to + 1, static_cast<std::uint64_t>(h.time));
    streamWord(to + 2, h.event);
    streamWord(to + 3, h.prevForEvent);
    streamWord(to + 4, w4);
    streamWord(to + 5, w5);
    streamWord(to + 6, w6);
    streamWord(to + 7, w7);
    if (!observers.empty()) [[unlikely]]
        observe(h.seq, static_cast<std::uint64_t>(h.time), h.event, h.prevForEvent, w4, w5, w6,
                w7);
}

// The same words, for the observers' batch (the layout is Happening's).
void Engine::Impl::observe(std::uint64_t w0, std::uint64_t w1, std::uint64_t w2,
                           std::uint64_t w3, std::uint64_t w4, std::uint64_t w5,
                           std::uint64_t w6, std::uint64_t w7)
{
    const std::uint64_t words[8] = {w0, w1, w2, w3, w4, w5, w6, w7};
    static_assert(sizeof words == sizeof(Happening));
    std::memcpy(static_cast<void *>(&batch.emplace_back()), words, sizeof words);
    if (batch.size() >= kFlushEvery)
        flush();
}

[[gnu::always_inline]] inline Happening
Engine::Impl::targetHappening(const TargetRecord &target, SimTime t, HappeningKind kind)
{
    Happening h;
    h.time = t;
    h.kind = kind;
    h.bus = target.busName;
    h.rule = target.ruleName;
    h.target = target.idName;
    return h;
}

void Engine::Impl::flush()
{
    streamFence();
    if (batch.empty())
        return;
    std::vector<Happening> out;
    out.swap(batch);
    const auto copy = observers;  // an observer may remove itself
    for (const auto &[handle, observer] : copy)
        observer(std::span<const Happening>(out.data(), out.size()));
    out.clear();
    if (batch.empty())
        batch.swap(out);  // keep the capacity
}

Result<PutEventsResponse> Engine::putEvents(std::span<const PutEventsRequestEntry> entries)
{
    if (entries.empty())
        return ServiceError::validation(
            QStringLiteral("1 validation error detected: Value '[]' at 'entries' failed to "
                           "satisfy constraint: Member must have length greater than or equal "
                           "to 1"));
    if (entries.size() > 10)
        return ServiceError::validation(
            QStringLiteral("1 validation error detected: Value at 'entries' failed to satisfy "
                           "constraint: Member must have length less than or equal to 10"));
    std::size_t total = 0;
    for (const PutEventsRequestEntry &e : entries)
        total += entrySize(e);
    if (total > kMaxEntrySize)
        return ServiceError::validation(
            QStringLiteral("Total size of the entries in the request is over the limit "
                           "(%1 bytes, at most 262144).")
                .arg(total));
    PutEventsResponse response;
    response.entries.reserve(entries.size());
    int index = 0;
    for (const PutEventsRequestEntry &e : entries) {
        response.entries.push_back(d->putEntry(e, index++));
        if (!response.entries.back().ok())
            ++response.failedEntryCount;
    }
    d->afterCall();
    return response;
}

PutEventsResultEntry Engine::Impl::putEntry(const PutEventsRequestEntry &e, int index)
{
    auto reject = [&](const char *code, const QString &message) {
        Happening h;
        h.time = now();
        h.kind = HappeningKind::EntryRejected;
        h.reason = Reason::InvalidEntry;
        h.value = index;
        h.note = names.intern(QLatin1String(code));
        // Only names of existing buses are interned: junk names from a client
        // must not grow the name table.
        const BusRecord *known = e.eventBusName.empty()
                                     ? defaultBus
                                     : findBus(QString::fromStdString(e.eventBusName), nullptr);
        h.bus = known ? known->nameId : 0;
        record(h, nullptr);
        ++counters.entriesRejected;
        return entryError(code, message);
    };
    if (e.source.empty())
        return reject("InvalidArgument",
                      QStringLiteral("Parameter Source is not valid. Reason: Source is a required "
                                     "argument."));
    if (e.source.compare(0, 4, "aws.") == 0)
        return reject("NotAuthorizedForSourceException",
                      QStringLiteral("Not authorized for the source."));
    if (e.detailType.empty())
        return reject("InvalidArgument",
                      QStringLiteral("Parameter DetailType is not valid. Reason: DetailType is a "
                                     "required argument."));
    if (e.detail.empty())
        return reject("InvalidArgument",
                      QStringLiteral("Parameter Detail is not valid. Reason: Detail is a required "
                                     "argument."));
    if (!jsonCheck.isObject(e.detail))
        return reject("MalformedDetail", QStringLiteral("Detail is malformed."));
    ServiceError busError;
    BusRecord *bus = e.eventBusName.empty() || e.eventBusName == "default"
                         ? defaultBus
                         : findBus(QString::fromStdString(e.eventBusName), &busError);
    if (!bus)
        return reject("ResourceNotFoundException", busError.message);
    const SimTime t = now();
    SimTime eventTime = t;
    if (e.time) {
        const auto parsed = parseTime(*e.time);
        if (!parsed)
            return reject("InvalidArgument",
                          QStringLiteral("Parameter Time is not valid. Reason: it must be an "
                                         "ISO 8601 timestamp or seconds since the epoch."));
        eventTime = *parsed;
    }

    // The envelope, as text: the Detail is already JSON text. Reserved at
    // once (the buffer may be a fresh slot's): one allocation at most.
    std::string &text = scratch;
    text.clear();
    text.reserve(kEnvelopeFrame + accountUtf8.size() + regionUtf8.size() + entrySize(e)
                 + 3 * e.resources.size() + kJsonPadding);
    text.append("{\"version\":\"0\",\"id\":\"");
    const std::size_t idAt = text.size();
    text.append(36, '0');
    text.append("\",\"detail-type\":");
    appendJsonString(text, e.detailType);
    text.append(",\"source\":");
    appendJsonString(text, e.source);
    text.append(",\"account\":\"");
    text.append(accountUtf8);
    text.append("\",\"time\":\"");
    appendIsoSeconds(text, eventTime);
    text.append("\",\"region\":\"");
    text.append(regionUtf8);
    text.append("\",\"resources\":[");
    for (std::size_t i = 0; i < e.resources.size(); ++i) {
        if (i)
            text.push_back(',');
        appendJsonString(text, e.resources[i]);
    }
    text.append("],\"detail\":");
    text.append(e.detail);
    text.push_back('}');
    if (text.capacity() < text.size() + kJsonPadding)
        text.reserve(text.size() + kJsonPadding);

    EventSlot &ev = allocateEvent();
    std::memcpy(text.data() + idAt, ev.id, 36);
    ev.text.swap(text);  // the slot's old buffer becomes the next scratch
    ev.bus = bus->nameId;
    ev.ingestion = t;
    ++counters.entriesAccepted;
    Happening h;
    h.time = t;
    h.kind = HappeningKind::EntryAccepted;
    h.bus = bus->nameId;
    h.value = index;
    record(h, &ev);
    PutEventsResultEntry result;
    result.eventId = ev.idString();
    route(ev.seq, *bus);
    return result;
}

void Engine::Impl::route(EventSeq seq, BusRecord &bus)
{
    EventSlot *ev = slot(seq);
    matched.clear();
    bus.ruleSet.match(std::string_view(ev->text), matched);
    const SimTime t = now();
    bool any = false;
    for (pattern::RuleId id : matched) {
        RuleRecord *rule = id < bus.byRuleId.size() ? bus.byRuleId[id] : nullptr;
        if (!rule) [[unlikely]]
            rule = resolveRule(bus, id);
        if (!rule || rule->state != RuleState::Enabled)
            continue;
        any = true;
        ruleMatched(*ev, bus.nameId, *rule, t);
    }
    if (!any) {
        ++counters.eventsWithoutMatch;
        Happening h;
        h.time = t;
        h.kind = HappeningKind::NoRuleMatched;
        h.bus = bus.nameId;
        record(h, ev);
    }
}

RuleRecord *Engine::Impl::resolveRule(BusRecord &bus, pattern::RuleId id)
{
    if (id >= bus.byRuleId.size())
        bus.byRuleId.resize(id + 1, nullptr);
    auto it = bus.rules.find(QString::fromStdString(bus.ruleSet.name(id)));
    bus.byRuleId[id] = it == bus.rules.end() ? nullptr : it->second.get();
    return bus.byRuleId[id];
}

void Engine::Impl::ruleMatched(EventSlot &ev, NameId bus, RuleRecord &rule, SimTime t)
{
    const Second second = secondOf(t);
    rule.metrics->add(second, MatchedEvents);
    rule.metrics->add(second, TriggeredRules);
    Happening h;
    h.time = t;
    h.kind = HappeningKind::RuleMatched;
    h.bus = bus;
    h.rule = rule.nameId;
    record(h, &ev);
    for (std::uint32_t target : rule.targets) {
        std::uint32_t index;
        if (freeDelivery != 0) {
            index = freeDelivery - 1;
            freeDelivery = static_cast<std::uint32_t>(deliveries[index].event);
        } else {
            deliveries.emplace_back();
            index = static_cast<std::uint32_t>(deliveries.size() - 1);
        }
        Delivery &dl = deliveries[index];
        dl = Delivery();
        dl.event = ev.seq;
        dl.target = target;
        ++targets[target]->pending;
        ++ev.deliveries;
        ++ev.pending;
        ++counters.deliveriesCreated;
        ++counters.pending;
        scheduler.push(t, t, static_cast<std::uint32_t>(TaskKind::Delivery), index);
    }
}

// ---------------------------------------------------------------------------
// Scheduler

std::size_t Engine::Impl::runDue(SimTime until)
{
    std::size_t ran = 0;
    while (auto task = scheduler.pop(until)) {
        inTask = true;
        taskTime = task->due;
        if (mode == ClockMode::Virtual && task->due > virtualNow)
            virtualNow = task->due;
        runTask(*task);
        inTask = false;
        ++ran;
    }
    return ran;
}

[[gnu::always_inline]] inline void Engine::Impl::runTask(const Task &task)
{
    if (task.kind == static_cast<std::uint32_t>(TaskKind::Schedule)) {
        fireSchedule(task.index);
        return;
    }
    switch (deliveries[task.index].phase) {
    case Delivery::Phase::Handoff: handoff(task.index); break;
    case Delivery::Phase::FunctionComplete: {
        Delivery &dl = deliveries[task.index];
        TargetRecord &target = *targets[dl.target];
        completeFunction({task.index, dl, target, *slot(dl.event), task.due},
                         *consumers[target.consumer]);
        break;
    }
    case Delivery::Phase::LambdaRetry: lambdaRetry(task.index); break;
    }
}

void Engine::Impl::fireSchedule(std::uint32_t index)
{
    const ScheduleEntry entry = schedules[index];
    freeSchedules.push_back(index);
    auto busIt = buses.find(names.name(entry.bus));
    if (busIt == buses.end())
        return;
    BusRecord &bus = *busIt->second;
    auto ruleIt = bus.rules.find(names.name(entry.rule));
    if (ruleIt == bus.rules.end())
        return;
    RuleRecord &rule = *ruleIt->second;
    if (rule.scheduleGeneration != entry.generation || rule.state != RuleState::Enabled)
        return;
    const SimTime t = now();
    // A scheduled event goes to this rule's targets only.
    EventSlot &ev = allocateEvent();
    std::string &text = ev.text;
    text.clear();
    text.append("{\"version\":\"0\",\"id\":\"");
    text.append(ev.id, 36);
    text.append("\",\"detail-type\":\"Scheduled Event\",\"source\":\"aws.events\",\"account\":\"");
    text.append(settings.account.toStdString());
    text.append("\",\"time\":\"");
    appendIsoSeconds(text, t);
    text.append("\",\"region\":\"");
    text.append(settings.region.toStdString());
    text.append("\",\"resources\":[");
    appendJsonString(text, rule.arn.toStdString());
    text.append("],\"detail\":{}}");
    text.reserve(text.size() + kJsonPadding);
    ev.bus = bus.nameId;
    ev.ingestion = t;
    ++counters.entriesAccepted;
    Happening accepted;
    accepted.time = t;
    accepted.kind = HappeningKind::EntryAccepted;
    accepted.bus = bus.nameId;
    accepted.rule = rule.nameId;
    record(accepted, &ev);
    ruleMatched(ev, bus.nameId, rule, t);
    scheduleRule(rule, t);
}

// ---------------------------------------------------------------------------
// Delivery

const std::string &Engine::Impl::inputFor(const TargetRecord &target, const EventSlot &event,
                                          bool &plain)
{
    plain = !target.transform;
    if (plain)
        return event.text;
    inputScratch.clear();
    const RuleContext context{names.name(target.ruleName), target.ruleArn,
                              isoSecondsQ(event.ingestion)};
    std::string error;
    if (!target.transform->apply(event.text, context, inputScratch, &error))
        inputScratch = event.text;
    return inputScratch;
}

// The hand-off of one attempt. The common case, a function that takes the
// event, runs here with startFunction() and completeFunction() inlined;
// refusals and the other target kinds are in handoffOther().
void Engine::Impl::handoff(std::uint32_t index)
{
    Delivery &dl = deliveries[index];
    TargetRecord &target = *targets[dl.target];
    const SimTime t = now();
    const Second second = secondOf(t);
    ++dl.attempts;
    target.metrics->add(second, InvocationAttempts);
    if (dl.attempts > 1)
        target.metrics->add(second, RetryInvocationAttempts);
    ConsumerRecord *c = target.kind == TargetKind::Lambda ? target.function : nullptr;
    if (!c || c->behaviour.missingPermission || c->inFlight >= c->behaviour.concurrency)
        [[unlikely]] {
        handoffOther(index, t, second);
        return;
    }
    // Lambda accepted the asynchronous invocation: EventBridge is done.
    target.metrics->add(second, Invocations);
    target.metrics->add(second, SuccessfulInvocationAttempts);
    dl.lambdaQueued = t;
    startFunction({index, dl, target, *slot(dl.event), t}, *c, true);
}

void Engine::Impl::handoffOther(std::uint32_t index, SimTime t, Second second)
{
    Delivery &dl = deliveries[index];
    TargetRecord &target = *targets[dl.target];
    EventSlot *ev = slot(dl.event);
    // One happening per attempt: TargetInvoked when the target took the
    // event, else what refused it.
    Happening h = targetHappening(target, t, HappeningKind::TargetInvoked);
    h.attempt = static_cast<std::uint8_t>(dl.attempts);
    // The target cannot take the event, and retrying will not change that.
    auto refuse = [&](HappeningKind kind, Reason reason, Service service) {
        h.kind = kind;
        h.reason = reason;
        h.service = service;
        record(h, ev);
        failPermanently(index, reason, reason);
    };
    switch (target.kind) {
    case TargetKind::Lambda: {
        if (target.consumer == kNone) {
            refuse(HappeningKind::TargetFailed, Reason::FunctionNotFound, Service::Lambda);
            return;
        }
        ConsumerRecord &c = *consumers[target.consumer];
        h.consumer = c.nameId;
        if (c.behaviour.missingPermission) {
            refuse(HappeningKind::PermissionDenied, Reason::PermissionDenied, Service::Lambda);
            return;
        }
        // What is left is the concurrency limit (handoff() took the rest).
        c.counters.add(second, FunctionThrottles);
        target.metrics->add(second, ThrottledRules);
        h.kind = HappeningKind::Throttled;
        h.reason = Reason::Throttled;
        h.service = Service::Lambda;
        record(h, ev);
        retryOrFail(index, Reason::Throttled);
        return;
    }
    case TargetKind::EventBus: {
        BusRecord *dest = nullptr;
        if (target.destinationInAccount) {
            auto it = buses.find(target.destinationBus);
            dest = it == buses.end() ? nullptr : it->second.get();
        }
        if (!dest) {
            refuse(HappeningKind::TargetFailed, Reason::EventBusNotFound, h.service);
            return;
        }
        h.consumer = dest->nameId;
        const bool loop = dest->nameId == ev->bus
                          || std::find(ev->route.begin(), ev->route.end(), dest->nameId)
                                 != ev->route.end();
        if (loop) {
            // Not invoked at all: DeadLetterInvocations, not a failed invocation.
            target.metrics->add(second, DeadLetterInvocations);
            h.kind = HappeningKind::Dropped;
            h.reason = Reason::LoopDetected;
            record(h, ev);
            finish(index, DeliveryOutcome::Dropped);
            return;
        }
        record(h, ev);
        target.metrics->add(second, Invocations);
        target.metrics->add(second, SuccessfulInvocationAttempts);
        // The same event (same id) continues on the other bus.
        std::vector<NameId> path = ev->route;
        path.push_back(ev->bus);
        const std::string text = ev->text;
        const EventSeq original = dl.event;
        const NameId destName = dest->nameId;
        EventSlot &copy = allocateEvent();
        std::memcpy(copy.id, slot(original)->id, 36);
        copy.text = text;
        copy.text.reserve(text.size() + kJsonPadding);
        copy.bus = destName;
        copy.ingestion = t;
        copy.parent = original;
        copy.route = std::move(path);
        const EventSeq copySeq = copy.seq;
        slot(original)->children.push_back(copySeq);
        ++counters.entriesAccepted;
        Happening accepted;
        accepted.time = t;
        accepted.kind = HappeningKind::EntryAccepted;
        accepted.bus = destName;
        record(accepted, slot(copySeq));
        Happening done = h;
        done.kind = HappeningKind::Delivered;
        record(done, slot(original));
        finish(index, DeliveryOutcome::Delivered);
        route(copySeq, *dest);
        return;
    }
    case TargetKind::Sqs: {
        if (target.queue == kNone) {
            refuse(HappeningKind::TargetFailed, Reason::QueueNotFound, Service::Sqs);
            return;
        }
        h.consumer = queues[target.queue]->nameId;
        record(h, ev);
        bool plain = true;
        const std::string &body = inputFor(target, *ev, plain);
        enqueue(target.queue, dl.event, body, {});
        target.metrics->add(second, Invocations);
        target.metrics->add(second, SuccessfulInvocationAttempts);
        h.kind = HappeningKind::Delivered;
        h.service = Service::Sqs;
        record(h, slot(dl.event));
        finish(index, DeliveryOutcome::Delivered);
        return;
    }
    }
}

// Inline (with completeFunction): together with handoff() they are the
// path every delivery to a function takes.
[[gnu::always_inline]] inline void
Engine::Impl::startFunction(const Step &s, ConsumerRecord &c, bool handedOff)
{
    Delivery &dl = s.dl;
    const SimTime t = s.t;
    ++dl.lambdaAttempts;
    ++c.inFlight;
    dl.requestSeq = ++requestSeq;
    dl.stream = c.inFlight == 1
                    ? c.stream0
                    : c.logs->streamFor(static_cast<std::uint32_t>(c.inFlight - 1), t, c.streamSeed);
    dl.started = t;
    dl.phase = Delivery::Phase::FunctionComplete;
    c.counters.add(secondOf(t), FunctionInvocations);
    // EventBridge's accepted hand-off starts the function (TargetInvoked);
    // Lambda's own retries show as FunctionStarted.
    Happening h = targetHappening(
        s.target, t, handedOff ? HappeningKind::TargetInvoked : HappeningKind::FunctionStarted);
    h.service = handedOff ? Service::EventBridge : Service::Lambda;
    h.consumer = c.nameId;
    h.attempt = static_cast<std::uint8_t>(handedOff ? dl.attempts : dl.lambdaAttempts);
    h.requestSeq = dl.requestSeq;
    record(h, &s.ev);
    const SimTime latency = c.behaviour.latencyMin == c.behaviour.latencyMax
                                ? c.behaviour.latencyMin
                                : random.between(c.behaviour.latencyMin, c.behaviour.latencyMax);
    if (latency == 0) {
        completeFunction(s, c);
        return;
    }
    scheduler.push(t + latency, t, static_cast<std::uint32_t>(TaskKind::Delivery), s.index);
}

namespace {

// The happening of a function run that ended (Delivered; FunctionFailed
// when it raised).
[[gnu::always_inline]] inline Happening completion(const TargetRecord &target,
                                                   const ConsumerRecord &c, const Delivery &dl,
                                                   SimTime t)
{
    Happening h = Engine::Impl::targetHappening(target, t, HappeningKind::Delivered);
    h.service = Service::Lambda;
    h.consumer = c.nameId;
    h.attempt = dl.lambdaAttempts;
    h.requestSeq = dl.requestSeq;
    h.value = static_cast<std::int32_t>(std::min<SimTime>(t - dl.started, INT32_MAX));
    return h;
}

} // namespace

[[gnu::always_inline]] inline void Engine::Impl::completeFunction(const Step &s,
                                                                 ConsumerRecord &c)
{
    Delivery &dl = s.dl;
    const SimTime t = s.t;
    --c.inFlight;
    const SimTime duration = t - dl.started;
    c.duration.add(secondOf(t), static_cast<double>(duration) / kMicrosPerMilli);
    const bool failed = c.behaviour.failureRate > 0 && random.uniform() < c.behaviour.failureRate;
    LogRecord log;
    log.start = dl.started;
    log.stream = static_cast<std::uint16_t>(dl.stream);
    log.durationUs = static_cast<std::uint32_t>(std::min<SimTime>(duration, 0xffffffffLL));
    log.event = dl.event;
    log.requestSeq = dl.requestSeq;
    log.failed = failed;
    logs.append(c.logGroup, log);
    if (s.target.hasTransform) [[unlikely]] {
        bool plain = true;
        logs.setLastPayload(inputFor(s.target, s.ev, plain));
    }
    if (failed) [[unlikely]] {
        functionFailed(s.index, t, duration);
        return;
    }
    Happening h = completion(s.target, c, dl, t);
    record(h, &s.ev);
    finish(s, DeliveryOutcome::Delivered);
}

// The function raised: Lambda's asynchronous retry, then its failure
// destination.
void Engine::Impl::functionFailed(std::uint32_t index, SimTime t, SimTime /*duration*/)
{
    Delivery &dl = deliveries[index];
    const TargetRecord &target = *targets[dl.target];
    ConsumerRecord &c = *consumers[target.consumer];
    EventSlot *ev = slot(dl.event);
    c.counters.add(secondOf(t), FunctionErrors);
    Happening h = completion(target, c, dl, t);
    h.kind = HappeningKind::FunctionFailed;
    h.reason = Reason::FunctionError;
    record(h, ev);
    // Lambda's asynchronous retry: 1 minute, then 2 minutes.
    if (dl.lambdaAttempts <= c.behaviour.maxRetryAttempts) {
        const SimTime delay = SimTime(dl.lambdaAttempts) * 60 * kMicrosPerSecond;
        if (t + delay - dl.lambdaQueued <= c.behaviour.maxEventAge) {
            dl.phase = Delivery::Phase::LambdaRetry;
            Happening r = h;
            r.kind = HappeningKind::Retried;
            r.reason = Reason::FunctionError;
            r.value = static_cast<std::int32_t>(delay);
            r.attempt = static_cast<std::uint8_t>(dl.lambdaAttempts + 1);
            record(r, ev);
            scheduler.push(t + delay, t, static_cast<std::uint32_t>(TaskKind::Delivery), index);
            return;
        }
    }
    // Retries used up: the function's failure destination, if it has one.
    Happening f = h;
    f.value = 0;
    if (c.behaviour.hasOnFailure && c.behaviour.onFailureQueue != kNone) {
        bool plainInput = true;
        const std::string &body = inputFor(target, *ev, plainInput);
        enqueue(c.behaviour.onFailureQueue, dl.event, body,
                {{QStringLiteral("condition"), QStringLiteral("RetriesExhausted")},
                 {QStringLiteral("functionArn"), c.arn},
                 {QStringLiteral("approximateInvokeCount"),
                  QString::number(dl.lambdaAttempts)}});
        f.kind = HappeningKind::DeadLettered;
        f.reason = Reason::FunctionError;
        f.note = queues[c.behaviour.onFailureQueue]->nameId;
        record(f, slot(dl.event));
        finish(index, DeliveryOutcome::DeadLettered);
        return;
    }
    f.kind = HappeningKind::Dropped;
    f.reason = c.behaviour.hasOnFailure ? Reason::DeadLetterQueueFailed : Reason::FunctionError;
    record(f, ev);
    finish(index, DeliveryOutcome::Dropped);
}

void Engine::Impl::lambdaRetry(std::uint32_t index)
{
    Delivery &dl = deliveries[index];
    const TargetRecord &target = *targets[dl.target];
    ConsumerRecord &c = *consumers[target.consumer];
    const SimTime t = now();
    if (c.inFlight < c.behaviour.concurrency) {
        startFunction({index, dl, *targets[dl.target], *slot(dl.event), t}, c, false);
        return;
    }
    // Lambda keeps a throttled asynchronous event and tries again, up to its
    // maximum event age.
    c.counters.add(secondOf(t), FunctionThrottles);
    ++dl.lambdaThrottles;
    const SimTime delay = std::min<SimTime>(SimTime(1) << std::min<int>(dl.lambdaThrottles, 8), 300)
                          * kMicrosPerSecond;
    Happening h = targetHappening(target, t, HappeningKind::Throttled);
    h.service = Service::Lambda;
    h.consumer = c.nameId;
    h.reason = Reason::Throttled;
    EventSlot *ev = slot(dl.event);
    record(h, ev);
    if (t + delay - dl.lambdaQueued > c.behaviour.maxEventAge) {
        h.kind = HappeningKind::Dropped;
        h.reason = Reason::MaximumEventAgeExceeded;
        record(h, ev);
        finish(index, DeliveryOutcome::Dropped);
        return;
    }
    h.kind = HappeningKind::Retried;
    h.value = static_cast<std::int32_t>(delay);
    record(h, ev);
    scheduler.push(t + delay, t, static_cast<std::uint32_t>(TaskKind::Delivery), index);
}

void Engine::Impl::retryOrFail(std::uint32_t index, Reason cause)
{
    Delivery &dl = deliveries[index];
    const TargetRecord &target = *targets[dl.target];
    EventSlot *ev = slot(dl.event);
    const SimTime t = now();
    const int retriesUsed = dl.attempts - 1;
    if (retriesUsed >= target.maxRetries) {
        failPermanently(index, cause, Reason::RetriesExhausted);
        return;
    }
    const SimTime delay = eventBridgeBackoff(dl.attempts, random);
    if (t + delay - ev->ingestion > target.maxAge) {
        failPermanently(index, cause, Reason::MaximumEventAgeExceeded);
        return;
    }
    Happening h = targetHappening(target, t, HappeningKind::Retried);
    h.service = Service::EventBridge;
    h.reason = cause;
    h.consumer = target.consumer != kNone ? consumers[target.consumer]->nameId : 0;
    h.attempt = static_cast<std::uint8_t>(std::min(dl.attempts + 1, 255));
    h.value = static_cast<std::int32_t>(delay);
    record(h, ev);
    scheduler.push(t + delay, t, static_cast<std::uint32_t>(TaskKind::Delivery), index);
}

void Engine::Impl::failPermanently(std::uint32_t index, Reason cause, Reason why)
{
    Delivery &dl = deliveries[index];
    const TargetRecord &target = *targets[dl.target];
    EventSlot *ev = slot(dl.event);
    const SimTime t = now();
    const Second second = secondOf(t);
    target.metrics->add(second, Invocations);
    target.metrics->add(second, FailedInvocations);
    Happening h = targetHappening(target, t, HappeningKind::Dropped);
    h.service = Service::EventBridge;
    h.attempt = static_cast<std::uint8_t>(dl.attempts);
    h.reason = why;
    if (target.hasDlq) {
        if (target.dlq != kNone) {
            const char *code = cause == Reason::Throttled           ? "THROTTLING"
                               : cause == Reason::PermissionDenied ? "NO_PERMISSIONS"
                               : cause == Reason::FunctionNotFound ? "RESOURCE_NOT_FOUND"
                               : cause == Reason::EventBusNotFound ? "RESOURCE_NOT_FOUND"
                               : cause == Reason::QueueNotFound    ? "RESOURCE_NOT_FOUND"
                                                                   : "SDK_CLIENT_ERROR";
            QList<QPair<QString, QString>> attributes{
                {QStringLiteral("ERROR_CODE"), QLatin1String(code)},
                {QStringLiteral("ERROR_MESSAGE"), reasonText(cause)},
                {QStringLiteral("RULE_ARN"), target.ruleArn},
                {QStringLiteral("TARGET_ARN"), target.config.arn},
                {QStringLiteral("RETRY_ATTEMPTS"), QString::number(dl.attempts - 1)}};
            enqueue(target.dlq, dl.event, ev->text, std::move(attributes));
            target.metrics->add(second, InvocationsSentToDlq);
            h.kind = HappeningKind::DeadLettered;
            h.consumer = queues[target.dlq]->nameId;
            h.reason = cause;
            record(h, slot(dl.event));
            finish(index, DeliveryOutcome::DeadLettered);
            return;
        }
        target.metrics->add(second, InvocationsFailedToBeSentToDlq);
        h.kind = HappeningKind::Dropped;
        h.reason = Reason::DeadLetterQueueFailed;
        record(h, ev);
        finish(index, DeliveryOutcome::Dropped);
        return;
    }
    h.kind = HappeningKind::Dropped;
    record(h, ev);
    finish(index, DeliveryOutcome::Dropped);
}

[[gnu::always_inline]] inline void Engine::Impl::finish(const Step &s, DeliveryOutcome outcome)
{
    TargetRecord &target = s.target;
    --target.pending;
    if (target.retired) [[unlikely]]
        releaseTarget(s.dl.target);
    EventSlot &ev = s.ev;
    --ev.pending;
    switch (outcome) {
    case DeliveryOutcome::Delivered: ++ev.delivered; ++counters.delivered; break;
    case DeliveryOutcome::DeadLettered: ++ev.deadLettered; ++counters.deadLettered; break;
    case DeliveryOutcome::Dropped: ++ev.dropped; ++counters.dropped; break;
    case DeliveryOutcome::Pending: break;
    }
    --counters.pending;
    if (ev.pending == 0 && ring[ev.seq & ringMask].seq != ev.seq) [[unlikely]]
        pinned.erase(ev.seq);  // its ring slot went to a newer event meanwhile
    s.dl.event = freeDelivery;  // see freeDelivery
    freeDelivery = s.index + 1;
}

void Engine::Impl::finish(std::uint32_t index, DeliveryOutcome outcome)
{
    Delivery &dl = deliveries[index];
    finish({index, dl, *targets[dl.target], *slot(dl.event), 0}, outcome);
}

bool Engine::Impl::enqueue(std::uint32_t queue, EventSeq event, std::string body,
                           QList<QPair<QString, QString>> attributes)
{
    QueueRecord &q = *queues[queue];
    StoredMessage m{++messageSeq, now(), event, std::move(body), std::move(attributes)};
    ++q.received;
    if (q.ring.size() < options.queueMessagesRetained) {
        q.ring.push_back(std::move(m));
    } else if (!q.ring.empty()) {
        q.ring[q.first] = std::move(m);
        q.first = (q.first + 1) % q.ring.size();
    }
    return true;
}

} // namespace ef

namespace ef {

Result<bool> Engine::testEventPattern(const TestEventPatternRequest &request) const
{
    const std::string pattern = request.eventPattern.toStdString();
    const auto compiled = pattern::validatePattern(pattern);
    if (!compiled)
        return ServiceError{QStringLiteral("InvalidEventPatternException"),
                            QString::fromStdString(compiled.error.message())};
    // The API (unlike the sandbox) wants a full envelope.
    const std::string event = request.event.toStdString();
    json::Value parsed;
    if (!json::parse(event, parsed) || !parsed.isObject())
        return ServiceError::validation(QStringLiteral("Parameter Event is not valid."));
    for (const char *field : {"id", "account", "source", "time", "region", "detail-type"}) {
        const json::Value *v = parsed.find(field);
        if (!v || !v->isString())
            return ServiceError::validation(
                QStringLiteral("Parameter Event is not valid. Reason: the event has no \"%1\" "
                               "string; TestEventPattern needs id, account, source, time, "
                               "region and detail-type.")
                    .arg(QLatin1String(field)));
    }
    std::string error;
    const int verdict = pattern::testEventPattern(pattern, event, &error);
    if (verdict < 0)
        return ServiceError::validation(QStringLiteral("Parameter Event is not valid. Reason: %1")
                                            .arg(QString::fromStdString(error)));
    return verdict == 1;
}

} // namespace ef
