#pragma once

#include "core/bus/ServiceError.h"
#include "core/bus/SimTime.h"
#include "core/bus/TelemetryTypes.h"

#include <QHash>
#include <QString>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace ef::bus {

// One metric series: per-second bins (only seconds that had data) in a
// bounded ring. Adding to the current second is a compare and four updates,
// so the delivery hot path can afford it.
class MetricSeries
{
public:
    struct Bin
    {
        std::int64_t second = 0;
        double sum = 0, count = 0, min = 0, max = 0;
    };

    MetricSeries(MetricId id, QString unit, QString busTag, std::size_t capacity);

    void add(SimTime t, double value)
    {
        const std::int64_t second = t >= 0 ? t / kMicrosPerSecond
                                           : (t - kMicrosPerSecond + 1) / kMicrosPerSecond;
        if (m_size && m_bins[m_last].second == second) {
            Bin &b = m_bins[m_last];
            b.sum += value;
            b.count += 1;
            if (value < b.min)
                b.min = value;
            if (value > b.max)
                b.max = value;
            return;
        }
        push(second, value);
    }

    // `n` samples of value 1 in `second` (counts published in bulk).
    void addCount(std::int64_t second, std::uint32_t n)
    {
        const double v = n;
        if (m_size && m_bins[m_last].second == second) {
            Bin &b = m_bins[m_last];
            b.sum += v;
            b.count += v;
            b.min = std::min(b.min, 1.0);
            b.max = std::max(b.max, 1.0);
            return;
        }
        push(second, 1.0);
        Bin &b = m_bins[m_last];
        b.sum = v;
        b.count = v;
    }

    // A second's worth of samples at once.
    void addSummary(std::int64_t second, double sum, double count, double min, double max)
    {
        if (m_size && m_bins[m_last].second == second) {
            Bin &b = m_bins[m_last];
            b.sum += sum;
            b.count += count;
            b.min = std::min(b.min, min);
            b.max = std::max(b.max, max);
            return;
        }
        push(second, min);
        Bin &b = m_bins[m_last];
        b.sum = sum;
        b.count = count;
        b.max = max;
    }

    const MetricId &id() const { return m_id; }
    const QString &unit() const { return m_unit; }
    // The bus a rule series belongs to (for the per-bus EventBusName view).
    const QString &busTag() const { return m_busTag; }
    bool empty() const { return m_size == 0; }
    // Calls f(bin) for bins with from <= second < to, oldest first.
    template <typename F>
    void forEach(std::int64_t fromSecond, std::int64_t toSecond, F &&f) const
    {
        for (std::size_t i = 0; i < m_size; ++i) {
            const Bin &b = m_bins[(m_first + i) % m_bins.size()];
            if (b.second >= fromSecond && b.second < toSecond)
                f(b);
        }
    }
    void clear()
    {
        m_bins.clear();
        m_first = m_last = m_size = 0;
    }

private:
    void push(std::int64_t second, double value);

    MetricId m_id;
    QString m_unit;
    QString m_busTag;
    std::size_t m_capacity;
    std::vector<Bin> m_bins;
    std::size_t m_first = 0, m_last = 0, m_size = 0;
};

// Every series by namespace, name and exact dimension set. Series are never
// removed (metrics outlive the resources, as in CloudWatch); clear() empties them.
class MetricStore
{
public:
    explicit MetricStore(std::size_t historySeconds) : m_history(historySeconds) {}

    // Finds or creates the series; the pointer stays valid for the store's life.
    MetricSeries *series(const QString &nameSpace, const QString &metricName,
                         std::vector<Dimension> dimensions, const QString &unit,
                         const QString &busTag = QString());
    const MetricSeries *find(const QString &nameSpace, const QString &metricName,
                             const std::vector<Dimension> &dimensions) const;

    Result<GetMetricStatisticsResponse> query(const GetMetricStatisticsRequest &request) const;
    ListMetricsResponse list(const ListMetricsRequest &request) const;
    std::vector<MetricPoint> points(const MetricId &metric, Statistic statistic, SimTime from,
                                    SimTime to) const;
    void clear();

private:
    static QString key(const QString &ns, const QString &name, std::vector<Dimension> dims);
    // Rule series of one bus merged: the per-bus (EventBusName) view.
    std::vector<const MetricSeries *> busMembers(const QString &ns, const QString &name,
                                                 const QString &bus) const;

    std::size_t m_history;
    QHash<QString, MetricSeries *> m_byKey;
    std::vector<std::unique_ptr<MetricSeries>> m_all;
};

} // namespace ef::bus
