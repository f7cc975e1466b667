#pragma once

// Shared helpers for the engine's tests: building entries, consumers and
// ARNs, collecting the trace, summing metrics. Header-only.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

#include <span>
#include <string>
#include <vector>

namespace kit {

inline const QString kRegion = QStringLiteral("us-east-1");
inline const QString kAccount = QStringLiteral("123456789012");

inline QString lambdaArn(const QString &fn, const QString &account = kAccount)
{
    return QStringLiteral("arn:aws:lambda:%1:%2:function:%3").arg(kRegion, account, fn);
}
inline QString sqsArn(const QString &queue, const QString &account = kAccount)
{
    return QStringLiteral("arn:aws:sqs:%1:%2:%3").arg(kRegion, account, queue);
}
inline QString busArn(const QString &bus)
{
    return QStringLiteral("arn:aws:events:%1:%2:event-bus/%3").arg(kRegion, kAccount, bus);
}

inline ef::PutEventsRequestEntry entry(const std::string &source, const std::string &type,
                                       const std::string &detail, const std::string &bus = {})
{
    ef::PutEventsRequestEntry e;
    e.source = source;
    e.detailType = type;
    e.detail = detail;
    e.eventBusName = bus;
    return e;
}

// A consumer definition (core/consumers JSON).
inline QJsonObject consumer(const QString &name, int latencyMs, double failureRate = 0,
                            int concurrency = 1000, bool missingPermission = false,
                            const QString &onFailure = QString())
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("latencyMs"), latencyMs},
                  {QStringLiteral("failureRate"), failureRate},
                  {QStringLiteral("concurrency"), concurrency},
                  {QStringLiteral("missingInvokePermission"), missingPermission},
                  {QStringLiteral("logLines"), QJsonArray{QStringLiteral("got ${$.detail-type}")}}};
    if (!onFailure.isEmpty())
        o.insert(QStringLiteral("onFailure"), onFailure);
    return o;
}

inline ef::Target target(const QString &id, const QString &arn)
{
    ef::Target t;
    t.id = id;
    t.arn = arn;
    return t;
}

// A rule with a pattern and the given targets; returns the error message or "".
inline QString rule(ef::Engine &engine, const QString &name, const QString &pattern,
                    std::vector<ef::Target> targets, const QString &bus = QString())
{
    ef::PutRuleRequest r;
    r.name = name;
    r.eventBusName = bus;
    r.eventPattern = pattern;
    const auto put = engine.putRule(r);
    if (!put)
        return put.error().message;
    if (targets.empty())
        return QString();
    const auto t = engine.putTargets({name, bus, std::move(targets)});
    if (!t)
        return t.error().message;
    if (t->failedEntryCount)
        return t->failedEntries.front().errorMessage;
    return QString();
}

inline std::vector<ef::Target> listTargets(ef::Engine &engine, const QString &rule,
                                           const QString &bus = QString())
{
    ef::ListTargetsByRuleRequest r;
    r.rule = rule;
    r.eventBusName = bus;
    const auto out = engine.listTargetsByRule(r);
    return out ? out->targets : std::vector<ef::Target>();
}

inline bool removeTarget(ef::Engine &engine, const QString &rule, const QString &bus,
                         const QString &id = QStringLiteral("1"))
{
    ef::RemoveTargetsRequest r;
    r.rule = rule;
    r.eventBusName = bus;
    r.ids << id;
    return engine.removeTargets(r).ok();
}

inline QString put(ef::Engine &engine, const ef::PutEventsRequestEntry &e)
{
    const auto r = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&e, 1));
    if (!r || !r->entries.front().ok())
        return QString();
    return r->entries.front().eventId;
}

// Every happening, described, in order.
class TraceLog
{
public:
    explicit TraceLog(ef::Engine &engine) : m_engine(engine)
    {
        m_handle = engine.addTraceObserver([this](std::span<const ef::Happening> batch) {
            ++batches;
            for (const ef::Happening &h : batch) {
                raw.push_back(h);
                views.push_back(m_engine.describe(h));
            }
        });
    }
    ~TraceLog() { m_engine.removeTraceObserver(m_handle); }

    int count(const QString &kind) const
    {
        int n = 0;
        for (const auto &v : views)
            n += v.kind == kind;
        return n;
    }
    std::vector<ef::HappeningView> of(const QString &kind) const
    {
        std::vector<ef::HappeningView> out;
        for (const auto &v : views) {
            if (v.kind == kind)
                out.push_back(v);
        }
        return out;
    }

    std::vector<ef::Happening> raw;
    std::vector<ef::HappeningView> views;
    int batches = 0;

private:
    ef::Engine &m_engine;
    int m_handle = 0;
};

inline double sum(const ef::Engine &engine, const QString &ns, const QString &metric,
                  std::vector<ef::Dimension> dims)
{
    double total = 0;
    for (const ef::MetricPoint &p :
         engine.metricSeries({ns, metric, std::move(dims)}, ef::Statistic::Sum, 0,
                             engine.now() + ef::kMicrosPerSecond))
        total += p.value;
    return total;
}

inline double ruleMetric(const ef::Engine &engine, const QString &rule, const QString &metric,
                         const QString &bus = QString())
{
    std::vector<ef::Dimension> dims{{QStringLiteral("RuleName"), rule}};
    if (!bus.isEmpty())
        dims.push_back({QStringLiteral("EventBusName"), bus});
    return sum(engine, QStringLiteral("AWS/Events"), metric, dims);
}

inline double functionMetric(const ef::Engine &engine, const QString &fn, const QString &metric)
{
    return sum(engine, QStringLiteral("AWS/Lambda"), metric,
               {{QStringLiteral("FunctionName"), fn}});
}

inline QStringList logLines(const ef::Engine &engine, const QString &fn)
{
    QStringList out;
    ef::FilterLogEventsRequest r;
    r.logGroupName = QStringLiteral("/aws/lambda/") + fn;
    const auto page = engine.filterLogEvents(r);
    if (page) {
        for (const auto &e : page->events)
            out << e.message;
    }
    return out;
}

inline QString labPath()
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json");
}

} // namespace kit
