#pragma once

// CloudWatch (metrics) and CloudWatch Logs shapes the engine answers.

#include "core/bus/SimTime.h"

#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ef {

// ---- metrics -------------------------------------------------------------------

struct Dimension
{
    QString name;
    QString value;
    bool operator==(const Dimension &) const = default;
};

struct MetricId
{
    QString nameSpace;  // "AWS/Events", "AWS/Lambda"
    QString metricName;
    std::vector<Dimension> dimensions;  // sorted by name
};

enum class Statistic { SampleCount, Average, Sum, Minimum, Maximum };
std::optional<Statistic> statisticFromName(const QString &name);
QString statisticName(Statistic statistic);

struct GetMetricStatisticsRequest
{
    QString nameSpace;
    QString metricName;
    std::vector<Dimension> dimensions;  // must equal a series' set exactly
    SimTime startTime = 0;
    SimTime endTime = 0;
    int periodSeconds = 60;  // >= 1; 60 or a multiple of 60 beyond a minute
    QStringList statistics;  // "Sum", "Average", ...
};

struct Datapoint
{
    SimTime timestamp = 0;  // start of the period
    // Only the requested statistics are meaningful; `has` says which.
    double sampleCount = 0, average = 0, sum = 0, minimum = 0, maximum = 0;
    bool hasSampleCount = false, hasAverage = false, hasSum = false, hasMinimum = false,
         hasMaximum = false;
    QString unit;  // "Count", "Milliseconds"
};

struct GetMetricStatisticsResponse
{
    QString label;  // the metric name
    std::vector<Datapoint> datapoints;  // ascending by timestamp; none for unknown metrics
};

struct ListMetricsRequest
{
    QString nameSpace;   // empty = any
    QString metricName;  // empty = any
    // Every filter must be present on the metric; an empty value matches any value.
    std::vector<Dimension> dimensions;
};

struct ListMetricsResponse
{
    std::vector<MetricId> metrics;
};

// A per-second series for live plots (no CloudWatch rounding): one value per
// second that had data, in the statistic asked for.
struct MetricPoint
{
    SimTime second = 0;
    double value = 0;
};

// ---- logs ------------------------------------------------------------------------

struct LogGroupInfo
{
    QString logGroupName;  // "/aws/lambda/<function>"
    QString arn;
    SimTime creationTime = 0;
    qint64 storedBytes = 0;
};

struct DescribeLogGroupsRequest
{
    QString logGroupNamePrefix;
    QString nextToken;
    int limit = 0;  // 0 = 50, the service default
};

struct DescribeLogGroupsResponse
{
    std::vector<LogGroupInfo> logGroups;  // sorted by name
    QString nextToken;
};

struct LogStreamInfo
{
    QString logStreamName;  // "2026/12/04/[$LATEST]<32 hex>"
    SimTime creationTime = 0;
    SimTime firstEventTimestamp = 0;
    SimTime lastEventTimestamp = 0;
    SimTime lastIngestionTime = 0;
};

struct DescribeLogStreamsRequest
{
    QString logGroupName;
    QString logStreamNamePrefix;
    bool orderByLastEventTime = false;  // orderBy LastEventTime vs LogStreamName
    bool descending = false;
    QString nextToken;
    int limit = 0;
};

struct DescribeLogStreamsResponse
{
    std::vector<LogStreamInfo> logStreams;
    QString nextToken;
};

struct OutputLogEvent
{
    SimTime timestamp = 0;
    QString message;
    SimTime ingestionTime = 0;
};

struct GetLogEventsRequest
{
    QString logGroupName;
    QString logStreamName;
    std::optional<SimTime> startTime;
    std::optional<SimTime> endTime;
    int limit = 0;  // 0 = up to 10,000
    bool startFromHead = false;
    QString nextToken;
};

struct GetLogEventsResponse
{
    std::vector<OutputLogEvent> events;  // oldest first
    QString nextForwardToken;
    QString nextBackwardToken;
};

struct FilterLogEventsRequest
{
    QString logGroupName;
    QStringList logStreamNames;
    QString filterPattern;  // CloudWatch terms: words, "quoted phrases", -excluded
    std::optional<SimTime> startTime;
    std::optional<SimTime> endTime;
    QString nextToken;
    int limit = 0;  // 0 = up to 10,000
};

struct FilteredLogEvent
{
    QString logStreamName;
    SimTime timestamp = 0;
    QString message;
    SimTime ingestionTime = 0;
    QString eventId;
};

struct FilterLogEventsResponse
{
    std::vector<FilteredLogEvent> events;  // oldest first
    QString nextToken;
};

} // namespace ef
