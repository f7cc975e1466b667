#include "core/bus/MetricStore.h"

#include <algorithm>
#include <limits>
#include <map>

namespace ef::bus {

namespace {

const QString kEventsNs = QStringLiteral("AWS/Events");
const QString kBusDim = QStringLiteral("EventBusName");
const QString kRuleDim = QStringLiteral("RuleName");

void sortDims(std::vector<Dimension> &dims)
{
    std::sort(dims.begin(), dims.end(),
              [](const Dimension &a, const Dimension &b) { return a.name < b.name; });
}

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

struct Acc
{
    double sum = 0, count = 0;
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();
    void add(const MetricSeries::Bin &b)
    {
        sum += b.sum;
        count += b.count;
        min = std::min(min, b.min);
        max = std::max(max, b.max);
    }
};

} // namespace

MetricSeries::MetricSeries(MetricId id, QString unit, QString busTag, std::size_t capacity)
    : m_id(std::move(id)), m_unit(std::move(unit)), m_busTag(std::move(busTag)),
      m_capacity(std::max<std::size_t>(capacity, 1))
{
}

void MetricSeries::push(std::int64_t second, double value)
{
    const Bin bin{second, value, 1, value, value};
    if (m_bins.size() < m_capacity) {
        m_bins.push_back(bin);
        m_last = m_bins.size() - 1;
        m_size = m_bins.size();
        return;
    }
    // Full ring: overwrite the oldest bin.
    m_last = (m_last + 1) % m_bins.size();
    m_first = (m_last + 1) % m_bins.size();
    m_bins[m_last] = bin;
}

QString MetricStore::key(const QString &ns, const QString &name, std::vector<Dimension> dims)
{
    sortDims(dims);
    QString k = ns + QLatin1Char('\x1f') + name;
    for (const Dimension &d : dims)
        k += QLatin1Char('\x1f') + d.name + QLatin1Char('=') + d.value;
    return k;
}

MetricSeries *MetricStore::series(const QString &nameSpace, const QString &metricName,
                                  std::vector<Dimension> dimensions, const QString &unit,
                                  const QString &busTag)
{
    sortDims(dimensions);
    const QString k = key(nameSpace, metricName, dimensions);
    if (MetricSeries *existing = m_byKey.value(k))
        return existing;
    m_all.push_back(std::make_unique<MetricSeries>(
        MetricId{nameSpace, metricName, std::move(dimensions)}, unit, busTag, m_history));
    m_byKey.insert(k, m_all.back().get());
    return m_all.back().get();
}

const MetricSeries *MetricStore::find(const QString &nameSpace, const QString &metricName,
                                      const std::vector<Dimension> &dimensions) const
{
    return m_byKey.value(key(nameSpace, metricName, dimensions));
}

std::vector<const MetricSeries *> MetricStore::busMembers(const QString &ns, const QString &name,
                                                          const QString &bus) const
{
    std::vector<const MetricSeries *> out;
    if (ns != kEventsNs)
        return out;
    for (const auto &s : m_all) {
        if (s->id().metricName == name && s->id().nameSpace == ns && s->busTag() == bus
            && !s->busTag().isEmpty())
            out.push_back(s.get());
    }
    return out;
}

Result<GetMetricStatisticsResponse>
MetricStore::query(const GetMetricStatisticsRequest &request) const
{
    auto invalid = [](const QString &message) {
        return ServiceError{QStringLiteral("InvalidParameterValue"), message};
    };
    if (request.nameSpace.isEmpty())
        return ServiceError{QStringLiteral("MissingParameter"),
                            QStringLiteral("The parameter Namespace is required.")};
    if (request.metricName.isEmpty())
        return ServiceError{QStringLiteral("MissingParameter"),
                            QStringLiteral("The parameter MetricName is required.")};
    const int p = request.periodSeconds;
    if (p < 1 || (p > 60 && p % 60 != 0) || (p < 60 && 60 % p != 0))
        return invalid(QStringLiteral("The parameter Period must be a multiple of 60."));
    if (request.statistics.isEmpty())
        return ServiceError{QStringLiteral("MissingParameter"),
                            QStringLiteral("The parameter Statistics or ExtendedStatistics "
                                           "is required.")};
    std::vector<Statistic> stats;
    for (const QString &name : request.statistics) {
        const auto s = statisticFromName(name);
        if (!s)
            return invalid(QStringLiteral("The parameter Statistics.member.%1 must be a value "
                                          "in the set [ Minimum, Maximum, Sum, SampleCount, "
                                          "Average ].")
                               .arg(stats.size() + 1));
        stats.push_back(*s);
    }
    if (request.startTime >= request.endTime)
        return invalid(QStringLiteral("The parameter StartTime must be less than the "
                                      "parameter EndTime."));
    const std::int64_t from = floorDiv(request.startTime, kMicrosPerSecond);
    const std::int64_t to = floorDiv(request.endTime + kMicrosPerSecond - 1, kMicrosPerSecond);
    const std::int64_t points = (to - from + p - 1) / p;
    if (points > 1440)
        return ServiceError{QStringLiteral("InvalidParameterCombination"),
                            QStringLiteral("You have requested up to %1 datapoints, which "
                                           "exceeds the limit of 1440. You may reduce the "
                                           "datapoints requested by increasing Period, or "
                                           "decreasing the time range.")
                                .arg(points)};

    std::vector<const MetricSeries *> members;
    if (const MetricSeries *s = find(request.nameSpace, request.metricName, request.dimensions))
        members.push_back(s);
    else if (request.dimensions.size() == 1 && request.dimensions[0].name == kBusDim)
        members = busMembers(request.nameSpace, request.metricName, request.dimensions[0].value);

    GetMetricStatisticsResponse response;
    response.label = request.metricName;
    std::map<std::int64_t, Acc> periods;
    QString unit = QStringLiteral("Count");
    for (const MetricSeries *s : members) {
        unit = s->unit();
        s->forEach(from, to, [&](const MetricSeries::Bin &b) {
            periods[floorDiv(b.second, p) * p].add(b);
        });
    }
    for (const auto &[start, acc] : periods) {
        Datapoint dp;
        dp.timestamp = start * kMicrosPerSecond;
        dp.unit = unit;
        for (Statistic st : stats) {
            switch (st) {
            case Statistic::Sum: dp.sum = acc.sum; dp.hasSum = true; break;
            case Statistic::SampleCount: dp.sampleCount = acc.count; dp.hasSampleCount = true; break;
            case Statistic::Average:
                dp.average = acc.count > 0 ? acc.sum / acc.count : 0;
                dp.hasAverage = true;
                break;
            case Statistic::Minimum: dp.minimum = acc.min; dp.hasMinimum = true; break;
            case Statistic::Maximum: dp.maximum = acc.max; dp.hasMaximum = true; break;
            }
        }
        response.datapoints.push_back(dp);
    }
    return response;
}

ListMetricsResponse MetricStore::list(const ListMetricsRequest &request) const
{
    auto wanted = [&](const MetricId &id) {
        if (!request.nameSpace.isEmpty() && id.nameSpace != request.nameSpace)
            return false;
        if (!request.metricName.isEmpty() && id.metricName != request.metricName)
            return false;
        for (const Dimension &filter : request.dimensions) {
            const bool has = std::any_of(id.dimensions.begin(), id.dimensions.end(),
                                         [&](const Dimension &d) {
                                             return d.name == filter.name
                                                    && (filter.value.isEmpty()
                                                        || d.value == filter.value);
                                         });
            if (!has)
                return false;
        }
        return true;
    };
    ListMetricsResponse response;
    std::map<QString, MetricId> busViews;
    for (const auto &s : m_all) {
        if (s->empty())
            continue;
        if (wanted(s->id()))
            response.metrics.push_back(s->id());
        if (!s->busTag().isEmpty()) {
            MetricId view{s->id().nameSpace, s->id().metricName, {{kBusDim, s->busTag()}}};
            const QString k = key(view.nameSpace, view.metricName, view.dimensions);
            if (!m_byKey.contains(k) && wanted(view))
                busViews.emplace(k, view);
        }
    }
    for (auto &[k, id] : busViews)
        response.metrics.push_back(id);
    std::sort(response.metrics.begin(), response.metrics.end(),
              [](const MetricId &a, const MetricId &b) {
                  if (a.nameSpace != b.nameSpace)
                      return a.nameSpace < b.nameSpace;
                  if (a.metricName != b.metricName)
                      return a.metricName < b.metricName;
                  return key(a.nameSpace, a.metricName, a.dimensions)
                         < key(b.nameSpace, b.metricName, b.dimensions);
              });
    return response;
}

std::vector<MetricPoint> MetricStore::points(const MetricId &metric, Statistic statistic,
                                             SimTime from, SimTime to) const
{
    std::vector<const MetricSeries *> members;
    if (const MetricSeries *s = find(metric.nameSpace, metric.metricName, metric.dimensions))
        members.push_back(s);
    else if (metric.dimensions.size() == 1 && metric.dimensions[0].name == kBusDim)
        members = busMembers(metric.nameSpace, metric.metricName, metric.dimensions[0].value);
    std::map<std::int64_t, Acc> seconds;
    for (const MetricSeries *s : members) {
        s->forEach(floorDiv(from, kMicrosPerSecond), floorDiv(to, kMicrosPerSecond) + 1,
                   [&](const MetricSeries::Bin &b) { seconds[b.second].add(b); });
    }
    std::vector<MetricPoint> out;
    out.reserve(seconds.size());
    for (const auto &[second, acc] : seconds) {
        double v = 0;
        switch (statistic) {
        case Statistic::Sum: v = acc.sum; break;
        case Statistic::SampleCount: v = acc.count; break;
        case Statistic::Average: v = acc.count > 0 ? acc.sum / acc.count : 0; break;
        case Statistic::Minimum: v = acc.min; break;
        case Statistic::Maximum: v = acc.max; break;
        }
        out.push_back({second * kMicrosPerSecond, v});
    }
    return out;
}

void MetricStore::clear()
{
    for (auto &s : m_all)
        s->clear();
}

} // namespace ef::bus

namespace ef {

std::optional<Statistic> statisticFromName(const QString &name)
{
    if (name == QLatin1String("Sum"))
        return Statistic::Sum;
    if (name == QLatin1String("Average"))
        return Statistic::Average;
    if (name == QLatin1String("Minimum"))
        return Statistic::Minimum;
    if (name == QLatin1String("Maximum"))
        return Statistic::Maximum;
    if (name == QLatin1String("SampleCount"))
        return Statistic::SampleCount;
    return std::nullopt;
}

QString statisticName(Statistic statistic)
{
    switch (statistic) {
    case Statistic::Sum: return QStringLiteral("Sum");
    case Statistic::Average: return QStringLiteral("Average");
    case Statistic::Minimum: return QStringLiteral("Minimum");
    case Statistic::Maximum: return QStringLiteral("Maximum");
    case Statistic::SampleCount: return QStringLiteral("SampleCount");
    }
    return QString();
}

} // namespace ef
