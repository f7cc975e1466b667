// Reading the engine: CloudWatch metrics and logs, the trace and each
// event's history.

#include "core/bus/EngineImpl.h"

#include <algorithm>

namespace ef {

using namespace bus;

QString Engine::Impl::requestId(std::uint32_t seq) const
{
    char buf[36];
    formatUuid(mix64(seq ^ options.seed ^ 0x7e7e7e7eULL), mix64(seq + options.seed), buf);
    return QString::fromLatin1(buf, 36);
}

void Engine::Impl::renderLog(const LogGroup &group, const LogRecord &record,
                             const std::string *payload,
                             std::vector<std::pair<SimTime, QString>> &lines) const
{
    const QString rid = requestId(record.requestSeq);
    lines.emplace_back(record.start,
                       QStringLiteral("START RequestId: %1 Version: $LATEST").arg(rid));
    // What the function was given: the event, or the text a target's input
    // setting made of it.
    const std::string *received = payload;
    const EventSlot *ev = received ? nullptr : slot(record.event);
    if (!received && ev)
        received = &ev->text;
    const QString function = group.name().mid(12);
    const consumers::ConsumerDefinition *definition = nullptr;
    for (const Producer &p : producers) {
        if (p.name() == function)
            definition = p.logger();
    }
    const std::uint32_t index = consumerByName.value(function, kNone);
    if (index != kNone)
        definition = consumers[index]->model.get();
    if (definition) {
        if (received) {
            for (const QString &line : definition->render(*received))
                lines.emplace_back(record.start, line);
        } else {
            lines.emplace_back(record.start,
                               QStringLiteral("(the event of this invocation is no longer "
                                              "retained)"));
        }
    }
    if (record.failed)
        lines.emplace_back(record.end(),
                           QStringLiteral("%1\t%2\tERROR\tInvoke Error \t{\"errorType\":\"Error\","
                                          "\"errorMessage\":\"Simulated failure\"}")
                               .arg(isoMillis(record.end()), rid));
    lines.emplace_back(record.end(), QStringLiteral("END RequestId: %1").arg(rid));
    const double ms = static_cast<double>(record.durationUs) / kMicrosPerMilli;
    lines.emplace_back(record.end(),
                       QStringLiteral("REPORT RequestId: %1\tDuration: %2 ms\tBilled Duration: "
                                      "%3 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB")
                           .arg(rid)
                           .arg(ms, 0, 'f', 2)
                           .arg(std::max<qint64>(1, static_cast<qint64>(ms + 0.999))));
}

// ---- metrics ---------------------------------------------------------------------

Result<GetMetricStatisticsResponse>
Engine::getMetricStatistics(const GetMetricStatisticsRequest &request) const
{
    d->flushMetrics();
    return d->metrics.query(request);
}

ListMetricsResponse Engine::listMetrics(const ListMetricsRequest &request) const
{
    d->flushMetrics();
    return d->metrics.list(request);
}

std::vector<MetricPoint> Engine::metricSeries(const MetricId &metric, Statistic statistic,
                                              SimTime from, SimTime to) const
{
    d->flushMetrics();
    return d->metrics.points(metric, statistic, from, to);
}

// ---- logs ---------------------------------------------------------------------------

Result<DescribeLogGroupsResponse>
Engine::describeLogGroups(const DescribeLogGroupsRequest &request) const
{
    return d->logs.describeGroups(request);
}

Result<DescribeLogStreamsResponse>
Engine::describeLogStreams(const DescribeLogStreamsRequest &request) const
{
    return d->logs.describeStreams(request);
}

std::uint64_t Engine::tailLogEvents(const QString &logGroupName, std::uint64_t from,
                                   std::size_t maxRecords, std::vector<OutputLogEvent> &out) const
{
    std::vector<std::pair<SimTime, QString>> lines;
    const std::uint64_t next = d->logs.tail(logGroupName, from, maxRecords, lines);
    for (auto &[time, text] : lines)
        out.push_back({time, std::move(text), time});
    return next;
}

Result<GetLogEventsResponse> Engine::getLogEvents(const GetLogEventsRequest &request) const
{
    return d->logs.getEvents(request);
}

Result<FilterLogEventsResponse>
Engine::filterLogEvents(const FilterLogEventsRequest &request) const
{
    return d->logs.filterEvents(request);
}

void Engine::clearTelemetry()
{
    d->flushMetrics();
    d->metrics.clear();
    d->logs.clear();
    // Log groups of existing functions and producers come back empty.
    for (auto &c : d->consumers) {
        c->logs = d->logs.group(QStringLiteral("/aws/lambda/") + c->name, d->now());
        c->logGroup = c->logs->index();
        c->stream0 = c->logs->streamFor(0, d->now(), c->streamSeed);
    }
    for (const Producer &p : d->producers)
        d->logs.group(QStringLiteral("/aws/lambda/") + p.name(), d->now());
}

// ---- trace ----------------------------------------------------------------------------

int Engine::addTraceObserver(TraceObserver observer)
{
    const int handle = d->nextObserver++;
    d->observers.emplace_back(handle, std::move(observer));
    return handle;
}

void Engine::removeTraceObserver(int handle)
{
    std::erase_if(d->observers, [&](const auto &o) { return o.first == handle; });
}

QString Engine::name(NameId id) const { return d->names.name(id); }

QString Engine::eventId(EventSeq event) const
{
    const EventSlot *s = d->slot(event);
    return s ? s->idString() : QString();
}

HappeningView Engine::describe(const Happening &h) const
{
    HappeningView v;
    v.kind = happeningKindName(h.kind);
    v.time = isoMillis(h.time);
    v.eventId = eventId(h.event);
    v.bus = d->names.name(h.bus);
    v.rule = d->names.name(h.rule);
    v.target = d->names.name(h.target);
    v.consumer = d->names.name(h.consumer);
    v.service = serviceName(h.service);
    v.reason = reasonText(h.reason);
    v.attempt = h.attempt;
    if (h.kind == HappeningKind::EntryRejected)
        v.errorCode = d->names.name(h.note);
    if (h.kind == HappeningKind::DeadLettered && h.note)
        v.consumer = d->names.name(h.note);
    if (h.requestSeq)
        v.requestId = d->requestId(h.requestSeq);
    if (h.kind == HappeningKind::Retried || h.kind == HappeningKind::Delivered
        || h.kind == HappeningKind::FunctionFailed)
        v.valueMs = static_cast<double>(h.value) / kMicrosPerMilli;
    return v;
}

EventHistory Engine::eventHistory(const QString &id) const
{
    EventHistory out;
    const EventSeq seq = d->seqFromId(id);
    if (!seq)
        return out;
    out.found = true;
    out.eventId = id;
    std::vector<EventSeq> events{seq};
    for (std::size_t i = 0; i < events.size(); ++i) {
        const EventSlot *s = d->slot(events[i]);
        if (!s)
            continue;
        for (EventSeq child : s->children)
            events.push_back(child);
    }
    std::vector<const Happening *> all;
    for (EventSeq e : events) {
        const EventSlot *s = d->slot(e);
        if (!s)
            continue;
        if (e == seq) {
            out.eventBus = d->names.name(s->bus);
            out.envelope = QString::fromStdString(s->text);
            out.ingestionTime = s->ingestion;
        }
        out.deliveries += static_cast<int>(s->deliveries);
        out.delivered += static_cast<int>(s->delivered);
        out.deadLettered += static_cast<int>(s->deadLettered);
        out.dropped += static_cast<int>(s->dropped);
        out.pending += static_cast<int>(s->pending);
        std::uint64_t at = s->lastHappening;
        while (at) {
            const Happening &h = d->trace[at & (d->trace.size() - 1)];
            if (h.seq != at) {
                out.historyComplete = false;
                break;
            }
            all.push_back(&h);
            at = h.prevForEvent;
        }
    }
    std::sort(all.begin(), all.end(),
              [](const Happening *a, const Happening *b) { return a->seq < b->seq; });
    for (const Happening *h : all)
        out.happenings.push_back(describe(*h));
    return out;
}

EngineCounters Engine::counters() const
{
    EngineCounters c = d->counters;
    c.happenings = d->happeningSeq;  // one sequence number per happening
    return c;
}

} // namespace ef
