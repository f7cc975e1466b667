// CloudWatch as the engine answers it: metric names and exact dimension
// sets, statistics over periods, ListMetrics; log groups, streams, events,
// filters and paging, with Lambda's START / END / REPORT frame.

#include "EngineTestKit.h"

#include <QtTest>

using namespace kit;

namespace {

const ef::SimTime kStart = ef::EngineOptions().virtualStart;
const ef::SimTime kSecond = ef::kMicrosPerSecond;

ef::GetMetricStatisticsRequest query(const QString &ns, const QString &metric,
                                     std::vector<ef::Dimension> dims, int period,
                                     QStringList statistics)
{
    ef::GetMetricStatisticsRequest q;
    q.nameSpace = ns;
    q.metricName = metric;
    q.dimensions = std::move(dims);
    q.startTime = kStart - 3600 * kSecond;
    q.endTime = kStart + 3600 * kSecond;
    q.periodSeconds = period;
    q.statistics = std::move(statistics);
    return q;
}

// Three events a second apart on the default bus and one on "shop".
void traffic(ef::Engine &engine)
{
    QJsonObject fn = consumer(QStringLiteral("fn"), 0);
    fn.insert(QStringLiteral("latencyMs"), QJsonObject{{QStringLiteral("min"), 100},
                                                       {QStringLiteral("max"), 300}});
    QVERIFY(engine.putConsumer(fn));
    QVERIFY(engine.createEventBus({QStringLiteral("shop"), QString()}));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["s"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["s"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))},
                  QStringLiteral("shop")),
             QString());
    for (int i = 0; i < 3; ++i) {
        put(engine, entry("s", "T", "{}"));
        engine.advanceBy(kSecond);
    }
    put(engine, entry("s", "T", "{}", "shop"));
    engine.runUntilIdle();
}

} // namespace

class TestEngineTelemetry : public QObject
{
    Q_OBJECT

private slots:
    void dimensionsAreExact_data();
    void dimensionsAreExact();
    void statisticsOverPeriods();
    void queryErrors_data();
    void queryErrors();
    void listMetrics();
    void liveSeriesPerSecond();
    void logGroupsAndStreams();
    void lambdaStyleLines();
    void getLogEventsPaging();
    void filterPatterns_data();
    void filterPatterns();
};

void TestEngineTelemetry::dimensionsAreExact_data()
{
    QTest::addColumn<QString>("ns");
    QTest::addColumn<QString>("metric");
    QTest::addColumn<QStringList>("dims");  // name=value
    QTest::addColumn<double>("sum");
    QTest::addRow("default bus: RuleName") << "AWS/Events" << "Invocations" << QStringList{"RuleName=r"} << 3.0;
    QTest::addRow("custom bus: EventBusName + RuleName")
        << "AWS/Events" << "Invocations" << QStringList{"EventBusName=shop", "RuleName=r"} << 1.0;
    QTest::addRow("dimension order does not matter")
        << "AWS/Events" << "MatchedEvents" << QStringList{"RuleName=r", "EventBusName=shop"} << 1.0;
    QTest::addRow("per bus: EventBusName") << "AWS/Events" << "Invocations"
                                           << QStringList{"EventBusName=shop"} << 1.0;
    QTest::addRow("per bus: default") << "AWS/Events" << "TriggeredRules"
                                      << QStringList{"EventBusName=default"} << 3.0;
    QTest::addRow("a subset is not the set") << "AWS/Events" << "Invocations"
                                             << QStringList{"RuleName=nope"} << 0.0;
    QTest::addRow("no dimensions") << "AWS/Events" << "Invocations" << QStringList{} << 0.0;
    QTest::addRow("SuccessfulInvocations does not exist")
        << "AWS/Events" << "SuccessfulInvocations" << QStringList{"EventBusName=shop"} << 0.0;
    QTest::addRow("Lambda per function") << "AWS/Lambda" << "Invocations"
                                         << QStringList{"FunctionName=fn"} << 4.0;
}

void TestEngineTelemetry::dimensionsAreExact()
{
    QFETCH(QString, ns);
    QFETCH(QString, metric);
    QFETCH(QStringList, dims);
    QFETCH(double, sum);
    ef::Engine engine;
    traffic(engine);
    std::vector<ef::Dimension> d;
    for (const QString &pair : dims)
        d.push_back({pair.section(QLatin1Char('='), 0, 0), pair.section(QLatin1Char('='), 1)});
    const auto r = engine.getMetricStatistics(query(ns, metric, d, 3600, {QStringLiteral("Sum")}));
    QVERIFY(r);
    QCOMPARE(r->label, metric);
    double total = 0;
    for (const auto &p : r->datapoints)
        total += p.sum;
    QCOMPARE(total, sum);
    QCOMPARE(r->datapoints.empty(), sum == 0.0);
}

void TestEngineTelemetry::statisticsOverPeriods()
{
    ef::Engine engine;
    traffic(engine);
    auto q = query(QStringLiteral("AWS/Events"), QStringLiteral("Invocations"),
                   {{QStringLiteral("RuleName"), QStringLiteral("r")}}, 1,
                   {QStringLiteral("Sum"), QStringLiteral("SampleCount"), QStringLiteral("Maximum")});
    q.startTime = kStart;
    q.endTime = kStart + 60 * kSecond;
    const auto perSecond = engine.getMetricStatistics(q);
    QVERIFY2(perSecond, perSecond ? "" : qPrintable(perSecond.error().message));
    QCOMPARE(perSecond->datapoints.size(), std::size_t(3));
    QCOMPARE(perSecond->datapoints[1].timestamp, kStart + kSecond);
    QCOMPARE(perSecond->datapoints[1].sum, 1.0);
    QVERIFY(perSecond->datapoints[1].hasSampleCount);
    QVERIFY(!perSecond->datapoints[1].hasAverage);
    QCOMPARE(perSecond->datapoints[0].unit, QStringLiteral("Count"));
    q.periodSeconds = 60;
    const auto perMinute = engine.getMetricStatistics(q);
    QCOMPARE(perMinute->datapoints.size(), std::size_t(1));
    QCOMPARE(perMinute->datapoints[0].sum, 3.0);
    QCOMPARE(perMinute->datapoints[0].timestamp, kStart);
    // Duration: per invocation, in milliseconds, 100..300.
    auto d = query(QStringLiteral("AWS/Lambda"), QStringLiteral("Duration"),
                   {{QStringLiteral("FunctionName"), QStringLiteral("fn")}}, 3600,
                   {QStringLiteral("Minimum"), QStringLiteral("Maximum"), QStringLiteral("Average"),
                    QStringLiteral("SampleCount")});
    const auto duration = engine.getMetricStatistics(d);
    QCOMPARE(duration->datapoints.size(), std::size_t(1));
    const ef::Datapoint &p = duration->datapoints[0];
    QCOMPARE(p.sampleCount, 4.0);
    QVERIFY(p.minimum >= 100 && p.maximum <= 300 && p.minimum <= p.average && p.average <= p.maximum);
    QCOMPARE(p.unit, QStringLiteral("Milliseconds"));
}

void TestEngineTelemetry::queryErrors_data()
{
    QTest::addColumn<int>("period");
    QTest::addColumn<QStringList>("statistics");
    QTest::addColumn<qint64>("span");
    QTest::addColumn<QString>("code");
    QTest::addRow("period 90") << 90 << QStringList{"Sum"} << qint64(3600) << "InvalidParameterValue";
    QTest::addRow("period 0") << 0 << QStringList{"Sum"} << qint64(3600) << "InvalidParameterValue";
    QTest::addRow("no statistics") << 60 << QStringList{} << qint64(3600) << "MissingParameter";
    QTest::addRow("unknown statistic") << 60 << QStringList{"Median"} << qint64(3600) << "InvalidParameterValue";
    QTest::addRow("end before start") << 60 << QStringList{"Sum"} << qint64(-10) << "InvalidParameterValue";
    QTest::addRow("over 1440 datapoints") << 1 << QStringList{"Sum"} << qint64(7200) << "InvalidParameterCombination";
}

void TestEngineTelemetry::queryErrors()
{
    QFETCH(int, period);
    QFETCH(QStringList, statistics);
    QFETCH(qint64, span);
    QFETCH(QString, code);
    ef::Engine engine;
    auto q = query(QStringLiteral("AWS/Events"), QStringLiteral("Invocations"), {}, period, statistics);
    q.startTime = kStart;
    q.endTime = kStart + span * kSecond;
    const auto r = engine.getMetricStatistics(q);
    QVERIFY(!r);
    QCOMPARE(r.error().code, code);
}

void TestEngineTelemetry::listMetrics()
{
    ef::Engine engine;
    traffic(engine);
    ef::ListMetricsRequest all;
    all.nameSpace = QStringLiteral("AWS/Events");
    all.metricName = QStringLiteral("Invocations");
    const auto listed = engine.listMetrics(all);
    QStringList ids;
    for (const ef::MetricId &m : listed.metrics) {
        QStringList dims;
        for (const auto &d : m.dimensions)
            dims << d.name + QLatin1Char('=') + d.value;
        ids << dims.join(QLatin1Char(','));
    }
    ids.sort();
    QCOMPARE(ids, QStringList({"EventBusName=default", "EventBusName=shop",
                               "EventBusName=shop,RuleName=r", "RuleName=r"}));
    ef::ListMetricsRequest filtered;
    filtered.dimensions = {{QStringLiteral("FunctionName"), QString()}};
    const auto lambda = engine.listMetrics(filtered);
    QVERIFY(!lambda.metrics.empty());
    for (const auto &m : lambda.metrics)
        QCOMPARE(m.nameSpace, QStringLiteral("AWS/Lambda"));
    // Metrics with no data are not listed (FailedInvocations never happened).
    ef::ListMetricsRequest failed;
    failed.metricName = QStringLiteral("FailedInvocations");
    QVERIFY(engine.listMetrics(failed).metrics.empty());
}

void TestEngineTelemetry::liveSeriesPerSecond()
{
    ef::Engine engine;
    traffic(engine);
    const auto points = engine.metricSeries(
        {QStringLiteral("AWS/Events"), QStringLiteral("MatchedEvents"), {{QStringLiteral("RuleName"), QStringLiteral("r")}}},
        ef::Statistic::Sum, kStart, kStart + 10 * kSecond);
    QCOMPARE(points.size(), std::size_t(3));
    QCOMPARE(points[2].second, kStart + 2 * kSecond);
    QCOMPARE(points[2].value, 1.0);
    // History is bounded: a short history keeps only the newest seconds.
    ef::EngineOptions o;
    o.metricHistorySeconds = 2;
    ef::Engine small(o);
    traffic(small);
    QCOMPARE(small.metricSeries({QStringLiteral("AWS/Events"), QStringLiteral("MatchedEvents"),
                                 {{QStringLiteral("RuleName"), QStringLiteral("r")}}},
                                ef::Statistic::Sum, kStart, kStart + 10 * kSecond).size(),
             std::size_t(2));
}

void TestEngineTelemetry::logGroupsAndStreams()
{
    ef::Engine engine;
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("slow"), 1000, 0, 5)));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["s"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("slow")))}),
             QString());
    for (int i = 0; i < 3; ++i)
        put(engine, entry("s", "T", "{}"));  // three at once: three execution environments
    engine.runUntilIdle();
    ef::DescribeLogGroupsRequest g;
    g.logGroupNamePrefix = QStringLiteral("/aws/lambda/sl");
    const auto groups = engine.describeLogGroups(g);
    QCOMPARE(groups->logGroups.size(), std::size_t(1));
    QCOMPARE(groups->logGroups[0].arn,
             QStringLiteral("arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/slow:*"));
    ef::DescribeLogStreamsRequest s;
    s.logGroupName = QStringLiteral("/aws/lambda/slow");
    const auto streams = engine.describeLogStreams(s);
    QCOMPARE(streams->logStreams.size(), std::size_t(3));
    QVERIFY(streams->logStreams[0].logStreamName.startsWith(QLatin1String("2026/01/01/[$LATEST]")));
    QCOMPARE(streams->logStreams[0].logStreamName.size(), 20 + 32);
    QCOMPARE(streams->logStreams[0].lastEventTimestamp, kStart + kSecond);
    s.logGroupName = QStringLiteral("/aws/lambda/none");
    QCOMPARE(engine.describeLogStreams(s).error().code, QStringLiteral("ResourceNotFoundException"));
}

void TestEngineTelemetry::lambdaStyleLines()
{
    ef::Engine engine;
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 12)));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["s"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    put(engine, entry("s", "OrderPlaced", "{}"));
    engine.runUntilIdle();
    const QStringList lines = logLines(engine, QStringLiteral("fn"));
    QCOMPARE(lines.size(), 4);
    const QString rid = lines[0].section(QLatin1Char(' '), 2, 2);
    QCOMPARE(rid.size(), 36);
    QCOMPARE(lines[0], QStringLiteral("START RequestId: %1 Version: $LATEST").arg(rid));
    QCOMPARE(lines[1], QStringLiteral("got OrderPlaced"));
    QCOMPARE(lines[2], QStringLiteral("END RequestId: %1").arg(rid));
    QCOMPARE(lines[3], QStringLiteral("REPORT RequestId: %1\tDuration: 12.00 ms\tBilled Duration: 12 ms\t"
                                      "Memory Size: 128 MB\tMax Memory Used: 64 MB").arg(rid));
    // The trace names the same request.
    const ef::EventHistory h = engine.eventHistory(engine.eventId(1));
    bool named = false;
    for (const auto &v : h.happenings)
        named = named || v.requestId == rid;
    QVERIFY(named);
}

void TestEngineTelemetry::getLogEventsPaging()
{
    ef::Engine engine;
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0, 0, 1)));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["s"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    for (int i = 0; i < 5; ++i) {
        put(engine, entry("s", "T", "{}"));
        engine.runUntilIdle();
        engine.advanceBy(kSecond);
    }
    ef::DescribeLogStreamsRequest s;
    s.logGroupName = QStringLiteral("/aws/lambda/fn");
    ef::GetLogEventsRequest r;
    r.logGroupName = s.logGroupName;
    r.logStreamName = engine.describeLogStreams(s)->logStreams.at(0).logStreamName;
    r.startFromHead = true;
    r.limit = 8;
    QStringList all;
    for (int page = 0; page < 5; ++page) {
        const auto events = engine.getLogEvents(r);
        QVERIFY(events);
        for (const auto &e : events->events)
            all << e.message;
        if (events->nextForwardToken == r.nextToken)
            break;  // the service's sign that there is no more
        r.nextToken = events->nextForwardToken;
    }
    QCOMPARE(all.size(), 20);
    QCOMPARE(all.filter(QStringLiteral("START")).size(), 5);
    // Without a token and not from the head: the newest events.
    ef::GetLogEventsRequest latest = r;
    latest.nextToken.clear();
    latest.startFromHead = false;
    latest.limit = 4;
    const auto tail = engine.getLogEvents(latest);
    QCOMPARE(tail->events.size(), std::size_t(4));
    QVERIFY(tail->events.back().message.startsWith(QLatin1String("REPORT")));
    QCOMPARE(tail->events.front().timestamp, kStart + 4 * kSecond);
    latest.startTime = kStart + 2 * kSecond;
    latest.endTime = kStart + 3 * kSecond;
    latest.limit = 0;
    QCOMPARE(engine.getLogEvents(latest)->events.size(), std::size_t(4));
    latest.nextToken = QStringLiteral("bogus");
    QVERIFY(!engine.getLogEvents(latest));
}

void TestEngineTelemetry::filterPatterns_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("count");
    QTest::addRow("everything") << "" << 8;
    QTest::addRow("a term") << "REPORT" << 2;
    QTest::addRow("all terms") << "got OrderPlaced" << 1;
    QTest::addRow("a phrase") << "\"got Payment\"" << 1;
    QTest::addRow("excluded") << "RequestId -START -END" << 2;
    QTest::addRow("alternatives") << "?OrderPlaced ?PaymentProcessed" << 2;
}

void TestEngineTelemetry::filterPatterns()
{
    QFETCH(QString, pattern);
    QFETCH(int, count);
    ef::Engine engine;
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0)));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["s"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    put(engine, entry("s", "OrderPlaced", "{}"));
    put(engine, entry("s", "PaymentProcessed", "{}"));
    engine.runUntilIdle();
    ef::FilterLogEventsRequest r;
    r.logGroupName = QStringLiteral("/aws/lambda/fn");
    r.filterPattern = pattern;
    const auto found = engine.filterLogEvents(r);
    QVERIFY(found);
    QCOMPARE(int(found->events.size()), count);
    r.filterPattern = QStringLiteral("{ $.a = 1 }");
    QCOMPARE(engine.filterLogEvents(r).error().code, QStringLiteral("InvalidParameterException"));
    r.logGroupName = QStringLiteral("/aws/lambda/none");
    r.filterPattern.clear();
    QCOMPARE(engine.filterLogEvents(r).error().message,
             QStringLiteral("The specified log group does not exist."));
}

QTEST_GUILESS_MAIN(TestEngineTelemetry)
#include "tst_enginetelemetry.moc"
