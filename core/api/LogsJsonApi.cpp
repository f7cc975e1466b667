#include "core/api/LogsJsonApi.h"

#include "core/api/AwsJson.h"
#include "core/bus/Arn.h"
#include "core/bus/Engine.h"

namespace ef::api {

namespace {

using Reply = Result<QByteArray>;

QString streamArn(const Engine &engine, const QString &group, const QString &stream)
{
    const ScenarioSettings &s = engine.settings();
    return Arn{QStringLiteral("aws"), QStringLiteral("logs"), s.region, s.account,
               QStringLiteral("log-group:%1:log-stream:%2").arg(group, stream)}
        .toString();
}

Reply describeLogGroups(Engine &engine, JsonArgs &a)
{
    DescribeLogGroupsRequest r;
    r.logGroupNamePrefix = a.string("logGroupNamePrefix");
    r.nextToken = a.string("nextToken");
    r.limit = a.integer("limit", 0);
    if (a.has("logGroupNamePattern")) {
        return ServiceError{QStringLiteral("InvalidParameterException"),
                            QStringLiteral("logGroupNamePattern is not supported; use "
                                           "logGroupNamePrefix")};
    }
    if (a.error())
        return *a.error();
    const auto list = engine.describeLogGroups(r);
    if (!list)
        return list.error();
    JsonOut o;
    o.beginObject().key("logGroups").beginArray();
    for (const LogGroupInfo &g : list->logGroups) {
        o.beginObject().member("logGroupName", g.logGroupName);
        o.key("creationTime").valueMillis(g.creationTime);
        o.member("metricFilterCount", qint64(0)).member("arn", g.arn);
        o.member("storedBytes", qint64(g.storedBytes)).endObject();
    }
    o.endArray().memberIfSet("nextToken", list->nextToken);
    return o.endObject().take();
}

Reply describeLogStreams(Engine &engine, JsonArgs &a)
{
    DescribeLogStreamsRequest r;
    r.logGroupName = a.string("logGroupName");
    r.logStreamNamePrefix = a.string("logStreamNamePrefix");
    const QString orderBy = a.string("orderBy");
    r.descending = a.boolean("descending", false);
    r.nextToken = a.string("nextToken");
    r.limit = a.integer("limit", 0);
    if (a.error())
        return *a.error();
    if (!orderBy.isEmpty() && orderBy != QLatin1String("LogStreamName")
        && orderBy != QLatin1String("LastEventTime")) {
        return ServiceError{QStringLiteral("InvalidParameterException"),
                            QStringLiteral("orderBy must be LogStreamName or LastEventTime, "
                                           "not %1").arg(orderBy)};
    }
    r.orderByLastEventTime = orderBy == QLatin1String("LastEventTime");
    const auto list = engine.describeLogStreams(r);
    if (!list)
        return list.error();
    JsonOut o;
    o.beginObject().key("logStreams").beginArray();
    for (const LogStreamInfo &s : list->logStreams) {
        o.beginObject().member("logStreamName", s.logStreamName);
        o.key("creationTime").valueMillis(s.creationTime);
        if (s.firstEventTimestamp)
            o.key("firstEventTimestamp").valueMillis(s.firstEventTimestamp);
        if (s.lastEventTimestamp)
            o.key("lastEventTimestamp").valueMillis(s.lastEventTimestamp);
        if (s.lastIngestionTime)
            o.key("lastIngestionTime").valueMillis(s.lastIngestionTime);
        o.member("arn", streamArn(engine, r.logGroupName, s.logStreamName));
        o.member("storedBytes", qint64(0)).endObject();
    }
    o.endArray().memberIfSet("nextToken", list->nextToken);
    return o.endObject().take();
}

Reply getLogEvents(Engine &engine, JsonArgs &a)
{
    GetLogEventsRequest r;
    r.logGroupName = a.string("logGroupName");
    r.logStreamName = a.string("logStreamName");
    r.startTime = a.optEpochMillis("startTime");
    r.endTime = a.optEpochMillis("endTime");
    r.nextToken = a.string("nextToken");
    r.limit = a.integer("limit", 0);
    r.startFromHead = a.boolean("startFromHead", false);
    if (a.error())
        return *a.error();
    const auto result = engine.getLogEvents(r);
    if (!result)
        return result.error();
    JsonOut o;
    o.beginObject().key("events").beginArray();
    for (const OutputLogEvent &e : result->events) {
        o.beginObject().key("timestamp").valueMillis(e.timestamp);
        o.member("message", e.message);
        o.key("ingestionTime").valueMillis(e.ingestionTime).endObject();
    }
    o.endArray();
    o.memberIfSet("nextForwardToken", result->nextForwardToken);
    o.memberIfSet("nextBackwardToken", result->nextBackwardToken);
    return o.endObject().take();
}

Reply filterLogEvents(Engine &engine, JsonArgs &a)
{
    FilterLogEventsRequest r;
    r.logGroupName = a.string("logGroupName");
    r.logStreamNames = a.stringList("logStreamNames");
    const QString streamPrefix = a.string("logStreamNamePrefix");
    r.filterPattern = a.string("filterPattern");
    r.startTime = a.optEpochMillis("startTime");
    r.endTime = a.optEpochMillis("endTime");
    r.nextToken = a.string("nextToken");
    r.limit = a.integer("limit", 0);
    if (a.error())
        return *a.error();
    if (!streamPrefix.isEmpty()) {
        if (!r.logStreamNames.isEmpty()) {
            return ServiceError{QStringLiteral("InvalidParameterException"),
                                QStringLiteral("logStreamNames and logStreamNamePrefix are "
                                               "mutually exclusive")};
        }
        DescribeLogStreamsRequest streams;
        streams.logGroupName = r.logGroupName;
        streams.logStreamNamePrefix = streamPrefix;
        const auto list = engine.describeLogStreams(streams);
        if (!list)
            return list.error();
        for (const LogStreamInfo &s : list->logStreams)
            r.logStreamNames.append(s.logStreamName);
        if (r.logStreamNames.isEmpty()) {
            JsonOut o;
            o.beginObject().key("events").beginArray().endArray();
            o.key("searchedLogStreams").beginArray().endArray();
            return o.endObject().take();
        }
    }
    const auto result = engine.filterLogEvents(r);
    if (!result)
        return result.error();
    JsonOut o;
    o.beginObject().key("events").beginArray();
    QStringList searched;
    for (const FilteredLogEvent &e : result->events) {
        o.beginObject().member("logStreamName", e.logStreamName);
        o.key("timestamp").valueMillis(e.timestamp).member("message", e.message);
        o.key("ingestionTime").valueMillis(e.ingestionTime).member("eventId", e.eventId);
        o.endObject();
        if (!searched.contains(e.logStreamName))
            searched.append(e.logStreamName);
    }
    o.endArray().key("searchedLogStreams").beginArray();
    for (const QString &s : searched) {
        o.beginObject().member("logStreamName", s)
            .member("searchedCompletely", result->nextToken.isEmpty()).endObject();
    }
    o.endArray().memberIfSet("nextToken", result->nextToken);
    return o.endObject().take();
}

} // namespace

LogsJsonApi::LogsJsonApi(Engine &engine) : m_engine(engine) {}

ApiResponse LogsJsonApi::handle(const QByteArray &operation, const QByteArray &body)
{
    using Fn = Reply (*)(Engine &, JsonArgs &);
    Fn fn = nullptr;
    if (operation == "DescribeLogGroups")
        fn = describeLogGroups;
    else if (operation == "DescribeLogStreams")
        fn = describeLogStreams;
    else if (operation == "GetLogEvents")
        fn = getLogEvents;
    else if (operation == "FilterLogEvents")
        fn = filterLogEvents;
    std::function<Reply(JsonArgs &)> call;
    if (fn)
        call = [&](JsonArgs &args) { return fn(m_engine, args); };
    return answerJson11(QStringLiteral("Logs_20140328.") + QString::fromUtf8(operation), call,
                        body);
}

} // namespace ef::api
