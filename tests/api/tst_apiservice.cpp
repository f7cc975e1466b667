// The endpoint's request handling without sockets: which protocol a request
// speaks, how members map onto the engine and back, the error shapes of
// each protocol, and that the Query and JSON 1.0 CloudWatch protocols share
// one implementation. Virtual clock: nothing here sleeps.

#include "core/api/ApiService.h"
#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

using ef::api::ApiRequest;
using ef::api::ApiResponse;
using ef::api::ApiService;

namespace {

ApiRequest awsJson(const QByteArray &target, const QByteArray &body)
{
    ApiRequest r;
    r.method = "POST";
    r.path = "/";
    r.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", target}};
    r.body = body;
    return r;
}

ApiRequest form(const QByteArray &body)
{
    ApiRequest r;
    r.method = "POST";
    r.path = "/";
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    r.body = body;
    return r;
}

QJsonObject object(const ApiResponse &r) { return QJsonDocument::fromJson(r.body).object(); }

} // namespace

class TestApiService : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void routing_data();
    void routing();
    void requestIdsAreUnique();
    void putEventsPerEntryResults();
    void targetsKeepInputPathsMapOrder();
    void metricsBothProtocolsAgree();
    void producer_data();
    void producer();

private:
    ApiResponse call(const ApiRequest &r) { return m_service->handle(r); }
    void createBusAndRule();

    std::unique_ptr<ef::Engine> m_engine;
    std::unique_ptr<ApiService> m_service;
};

void TestApiService::init()
{
    m_engine = std::make_unique<ef::Engine>();
    m_service = std::make_unique<ApiService>(*m_engine);
}

void TestApiService::routing_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("target");  // X-Amz-Target; empty: none
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contentType");
    QTest::addColumn<QByteArray>("contains");

    const QByteArray json11 = "application/x-amz-json-1.1";
    const QByteArray json10 = "application/x-amz-json-1.0";
    QTest::addRow("events operation") << QByteArray("POST") << QByteArray("/")
                                      << QByteArray("AWSEvents.ListEventBuses") << QByteArray("{}")
                                      << 200 << json11 << QByteArray("\"Name\":\"default\"");
    QTest::addRow("empty body reads as {}")
        << QByteArray("POST") << QByteArray("/") << QByteArray("AWSEvents.ListEventBuses")
        << QByteArray() << 200 << json11 << QByteArray("\"EventBuses\"");
    QTest::addRow("unknown events operation")
        << QByteArray("POST") << QByteArray("/") << QByteArray("AWSEvents.CreateArchive")
        << QByteArray("{}") << 400 << json11
        << QByteArray("\"__type\":\"UnknownOperationException\"");
    QTest::addRow("unknown service") << QByteArray("POST") << QByteArray("/")
                                     << QByteArray("DynamoDB_20120810.ListTables")
                                     << QByteArray("{}") << 400 << json11
                                     << QByteArray("UnknownOperationException");
    QTest::addRow("AWS JSON on GET") << QByteArray("GET") << QByteArray("/")
                                     << QByteArray("AWSEvents.ListEventBuses") << QByteArray()
                                     << 404 << json11 << QByteArray("UnknownOperationException");
    QTest::addRow("malformed JSON") << QByteArray("POST") << QByteArray("/")
                                    << QByteArray("AWSEvents.ListRules") << QByteArray("{\"a\":")
                                    << 400 << json11
                                    << QByteArray("\"__type\":\"SerializationException\"");
    QTest::addRow("body not an object") << QByteArray("POST") << QByteArray("/")
                                        << QByteArray("AWSEvents.ListRules") << QByteArray("[]")
                                        << 400 << json11 << QByteArray("SerializationException");
    QTest::addRow("member of the wrong type")
        << QByteArray("POST") << QByteArray("/") << QByteArray("AWSEvents.CreateEventBus")
        << QByteArray("{\"Name\":5}") << 400 << json11
        << QByteArray("Name must be a string, not a number");
    QTest::addRow("nested member of the wrong type")
        << QByteArray("POST") << QByteArray("/") << QByteArray("AWSEvents.PutEvents")
        << QByteArray("{\"Entries\":[{\"Source\":\"s\",\"Resources\":\"r\"}]}") << 400 << json11
        << QByteArray("Entries[0].Resources must be a list");
    QTest::addRow("engine error keeps its code")
        << QByteArray("POST") << QByteArray("/") << QByteArray("AWSEvents.DescribeRule")
        << QByteArray("{\"Name\":\"nope\"}") << 400 << json11
        << QByteArray("\"__type\":\"ResourceNotFoundException\"");
    QTest::addRow("logs operation") << QByteArray("POST") << QByteArray("/")
                                    << QByteArray("Logs_20140328.DescribeLogGroups")
                                    << QByteArray("{}") << 200 << json11
                                    << QByteArray("\"logGroups\":[");
    QTest::addRow("unknown logs operation")
        << QByteArray("POST") << QByteArray("/") << QByteArray("Logs_20140328.PutLogEvents")
        << QByteArray("{}") << 400 << json11 << QByteArray("UnknownOperationException");
    QTest::addRow("CloudWatch JSON 1.0")
        << QByteArray("POST") << QByteArray("/")
        << QByteArray("GraniteServiceVersion20100801.ListMetrics") << QByteArray("{}") << 200
        << json10 << QByteArray("\"Metrics\":[");
    QTest::addRow("CloudWatch JSON 1.0 missing parameter")
        << QByteArray("POST") << QByteArray("/")
        << QByteArray("GraniteServiceVersion20100801.GetMetricStatistics")
        << QByteArray("{\"MetricName\":\"Invocations\"}") << 400 << json10
        << QByteArray("The parameter Namespace is required.");
    QTest::addRow("Query ListMetrics")
        << QByteArray("POST") << QByteArray("/") << QByteArray()
        << QByteArray("Action=ListMetrics&Version=2010-08-01&Namespace=AWS%2FEvents") << 200
        << QByteArray("text/xml")
        << QByteArray("<ListMetricsResponse "
                      "xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">");
    QTest::addRow("Query missing parameter")
        << QByteArray("POST") << QByteArray("/") << QByteArray()
        << QByteArray("Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FEvents")
        << 400 << QByteArray("text/xml")
        << QByteArray("<Code>MissingParameter</Code><Message>The parameter MetricName is "
                      "required.</Message>");
    QTest::addRow("Query unknown action")
        << QByteArray("POST") << QByteArray("/") << QByteArray()
        << QByteArray("Action=PutMetricData&Version=2010-08-01") << 400 << QByteArray("text/xml")
        << QByteArray("<Code>InvalidAction</Code>");
    QTest::addRow("nothing at that path")
        << QByteArray("POST") << QByteArray("/admin") << QByteArray() << QByteArray("{}") << 404
        << QByteArray("application/json") << QByteArray("UnknownOperationException");
    QTest::addRow("producer wants POST")
        << QByteArray("GET") << QByteArray("/prod/events") << QByteArray() << QByteArray() << 405
        << QByteArray("application/json") << QByteArray("POST");
}

void TestApiService::routing()
{
    QFETCH(QByteArray, method);
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, contentType);
    QFETCH(QByteArray, contains);
    ApiRequest r;
    r.method = method;
    r.path = path;
    if (!target.isEmpty())
        r.headers.append({"X-Amz-Target", target});
    r.body = body;
    const ApiResponse response = call(r);
    QVERIFY2(response.status == status, response.body.constData());
    QCOMPARE(response.contentType, contentType);
    QVERIFY2(response.body.contains(contains), response.body.constData());
    QVERIFY(!response.requestId.isEmpty());
}

void TestApiService::requestIdsAreUnique()
{
    const ApiResponse a = call(awsJson("AWSEvents.ListEventBuses", "{}"));
    const ApiResponse b = call(awsJson("AWSEvents.ListEventBuses", "{}"));
    QVERIFY(a.requestId != b.requestId);
    const QByteArray bytes = ef::api::serializeResponse(a, false);
    QVERIFY(bytes.startsWith("HTTP/1.1 200 OK\r\n"));
    QVERIFY(bytes.contains("\r\nx-amzn-RequestId: " + a.requestId + "\r\n"));
    QVERIFY(bytes.contains("\r\nContent-Length: " + QByteArray::number(a.body.size()) + "\r\n"));
    QVERIFY(!bytes.contains("Connection: close"));
    QVERIFY(ef::api::serializeResponse(a, true).contains("\r\nConnection: close\r\n\r\n"));
}

void TestApiService::createBusAndRule()
{
    QCOMPARE(call(awsJson("AWSEvents.CreateEventBus", R"({"Name":"orders"})")).status, 200);
    const ApiResponse rule = call(awsJson(
        "AWSEvents.PutRule",
        R"({"Name":"r1","EventBusName":"orders","EventPattern":"{\"source\":[\"shop\"]}"})"));
    QVERIFY2(rule.status == 200, rule.body.constData());
    QCOMPARE(object(rule)["RuleArn"].toString(),
             QStringLiteral("arn:aws:events:us-east-1:123456789012:rule/orders/r1"));
}

void TestApiService::putEventsPerEntryResults()
{
    createBusAndRule();
    const ApiResponse r = call(awsJson(
        "AWSEvents.PutEvents",
        R"({"Entries":[{"Source":"shop","DetailType":"T","Detail":"{\"a\":1}","EventBusName":"orders","Time":1767225600},)"
        R"({"Source":"aws.shop","DetailType":"T","Detail":"{}","EventBusName":"orders"}]})"));
    QVERIFY2(r.status == 200, r.body.constData());
    const QJsonObject o = object(r);
    QCOMPARE(o["FailedEntryCount"].toInt(), 1);
    const QJsonArray entries = o["Entries"].toArray();
    QCOMPARE(entries.size(), 2);
    QVERIFY(!entries[0]["EventId"].toString().isEmpty());
    QVERIFY(!entries[0].toObject().contains("ErrorCode"));
    QCOMPARE(entries[1]["ErrorCode"].toString(), QStringLiteral("NotAuthorizedForSourceException"));
    QVERIFY(!entries[1]["ErrorMessage"].toString().isEmpty());
    QVERIFY(!entries[1].toObject().contains("EventId"));
}

void TestApiService::targetsKeepInputPathsMapOrder()
{
    createBusAndRule();
    const ApiResponse put = call(awsJson(
        "AWSEvents.PutTargets",
        R"({"Rule":"r1","EventBusName":"orders","Targets":[{"Id":"t","Arn":)"
        R"("arn:aws:lambda:us-east-1:123456789012:function:f","InputTransformer":)"
        R"({"InputPathsMap":{"z":"$.source","a":"$.id"},"InputTemplate":"\"<z> <a>\""},)"
        R"("RetryPolicy":{"MaximumRetryAttempts":3,"MaximumEventAgeInSeconds":120}}]})"));
    QVERIFY2(put.status == 200, put.body.constData());
    QCOMPARE(object(put)["FailedEntryCount"].toInt(), 0);
    const ApiResponse list = call(
        awsJson("AWSEvents.ListTargetsByRule", R"({"Rule":"r1","EventBusName":"orders"})"));
    QVERIFY2(list.body.contains(R"("InputPathsMap":{"z":"$.source","a":"$.id"})"),
             list.body.constData());
    QVERIFY2(list.body.contains(R"("RetryPolicy":{"MaximumRetryAttempts":3,)"
                                R"("MaximumEventAgeInSeconds":120})"),
             list.body.constData());
    const ApiResponse unsupported = call(awsJson(
        "AWSEvents.PutTargets",
        R"({"Rule":"r1","EventBusName":"orders","Targets":[{"Id":"q","Arn":"x","SqsParameters":{}}]})"));
    QCOMPARE(unsupported.status, 400);
    QVERIFY2(unsupported.body.contains("Targets[0].SqsParameters is not supported"),
             unsupported.body.constData());
}

void TestApiService::metricsBothProtocolsAgree()
{
    createBusAndRule();
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(call(awsJson("AWSEvents.PutEvents",
                              R"({"Entries":[{"Source":"shop","DetailType":"T","Detail":"{}",)"
                              R"("EventBusName":"orders"}]})"))
                     .status,
                 200);
    }
    m_engine->runUntilIdle();
    const qint64 start = m_engine->now() / ef::kMicrosPerSecond - 3600;
    const qint64 end = m_engine->now() / ef::kMicrosPerSecond + 3600;
    const QByteArray query =
        "Action=GetMetricStatistics&Version=2010-08-01&Namespace=AWS%2FEvents"
        "&MetricName=MatchedEvents&Dimensions.member.1.Name=RuleName"
        "&Dimensions.member.1.Value=r1&Dimensions.member.2.Name=EventBusName"
        "&Dimensions.member.2.Value=orders&StartTime="
        + ef::isoSecondsQ(start * ef::kMicrosPerSecond).toUtf8().toPercentEncoding()
        + "&EndTime=" + ef::isoSecondsQ(end * ef::kMicrosPerSecond).toUtf8().toPercentEncoding()
        + "&Period=3600&Statistics.member.1=Sum&Statistics.member.2=SampleCount";
    const ApiResponse xml = call(form(query));
    QVERIFY2(xml.status == 200, xml.body.constData());
    QVERIFY2(xml.body.contains("<Label>MatchedEvents</Label>"), xml.body.constData());
    QVERIFY2(xml.body.contains("<Sum>3.0</Sum>"), xml.body.constData());
    QVERIFY2(xml.body.contains("<Unit>Count</Unit>"), xml.body.constData());
    QVERIFY2(xml.body.contains("<RequestId>" + xml.requestId + "</RequestId>"),
             xml.body.constData());

    ApiRequest json = awsJson(
        "GraniteServiceVersion20100801.GetMetricStatistics",
        QStringLiteral(R"({"Namespace":"AWS/Events","MetricName":"MatchedEvents",)"
                       R"("Dimensions":[{"Name":"EventBusName","Value":"orders"},)"
                       R"({"Name":"RuleName","Value":"r1"}],"StartTime":%1,"EndTime":%2,)"
                       R"("Period":3600,"Statistics":["Sum","SampleCount"]})")
            .arg(start).arg(end).toUtf8());
    const ApiResponse viaJson = call(json);
    QVERIFY2(viaJson.status == 200, viaJson.body.constData());
    double sum = 0;
    for (const QJsonValue &p : object(viaJson)["Datapoints"].toArray())
        sum += p["Sum"].toDouble();
    QCOMPARE(sum, 3.0);

    // A metric the engine does not have: no datapoints, as CloudWatch answers.
    QByteArray unknown = query;
    unknown.replace("MetricName=MatchedEvents", "MetricName=SuccessfulInvocations");
    const ApiResponse none = call(form(unknown));
    QCOMPARE(none.status, 200);
    QVERIFY2(none.body.contains("<Label>SuccessfulInvocations</Label>"), none.body.constData());
    QVERIFY2(!none.body.contains("<member>"), none.body.constData());
}

void TestApiService::producer_data()
{
    QTest::addColumn<QByteArray>("path");
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("contains");
    QTest::addRow("order on /prod/events")
        << QByteArray("/prod/events")
        << QByteArray(R"({"eventType":"OrderPlaced","customerId":"c-1","amount":149.99})") << 200
        << QByteArray("Event OrderPlaced published successfully");
    QTest::addRow("defaults on /events") << QByteArray("/events") << QByteArray("{}") << 200
                                         << QByteArray("\"eventId\"");
    QTest::addRow("any stage") << QByteArray("/test/events")
                               << QByteArray(R"({"eventType":"InventoryUpdated"})") << 200
                               << QByteArray("\"newQuantity\"");
    QTest::addRow("unknown type") << QByteArray("/prod/events")
                                  << QByteArray(R"({"eventType":"Refund"})") << 400
                                  << QByteArray("Unknown event type: Refund");
    QTest::addRow("deeper path is not the producer")
        << QByteArray("/a/b/events") << QByteArray("{}") << 404
        << QByteArray("UnknownOperationException");
}

void TestApiService::producer()
{
    QFETCH(QByteArray, path);
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QByteArray, contains);
    const ef::ScenarioLoad lab =
        ef::ScenarioFile::load(QStringLiteral(EVENTFLOW_SOURCE_DIR
                                              "/resources/scenarios/storefront-lab.json"));
    QVERIFY2(lab.ok(), qPrintable(lab.errors.join("\n")));
    QVERIFY(m_engine->applyScenario(lab.scenario->emptied()).ok());
    QCOMPARE(call(awsJson("AWSEvents.CreateEventBus", R"({"Name":"user3-ecommerce-events"})"))
                 .status,
             200);
    ApiRequest r;
    r.method = "POST";
    r.path = path;
    r.headers = {{"Content-Type", "application/json"}};
    r.body = body;
    const ApiResponse response = call(r);
    QVERIFY2(response.status == status, response.body.constData());
    QVERIFY2(response.body.contains(contains), response.body.constData());
}

QTEST_GUILESS_MAIN(TestApiService)
#include "tst_apiservice.moc"
