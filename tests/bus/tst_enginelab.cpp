// The storefront lab (../shared/scenarios/storefront-lab.md), walk-through
// steps 1-7, through the engine with the built-in scenario file.

#include "EngineTestKit.h"

#include <QJsonDocument>
#include <QtTest>

using namespace kit;

namespace {

const QString kBus = QStringLiteral("user3-ecommerce-events");
const QString kOrder = QStringLiteral("user3-order-processor");
const QString kInventory = QStringLiteral("user3-inventory-updater");
const QString kPayment = QStringLiteral("user3-payment-processor");
const QString kHighValue = QStringLiteral("user3-high-value-processor");
const QString kProducer = QStringLiteral("user3-event-producer");

QStringList invokedFunctions(const ef::Engine &engine, const QString &id)
{
    QStringList out;
    for (const auto &v : engine.eventHistory(id).happenings) {
        if (v.kind == QLatin1String("Delivered"))
            out << v.consumer;
    }
    out.sort();
    return out;
}

} // namespace

class TestEngineLab : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void resources();
    void walkThrough_data();
    void walkThrough();
    void metricsAndLogGroups();
    void producerAnswers_data();
    void producerAnswers();
    void prefixComesFromTheSettings();
    void cleanUp();

private:
    ef::Scenario m_lab;
};

void TestEngineLab::initTestCase()
{
    const ef::ScenarioLoad loaded = ef::ScenarioFile::load(labPath());
    if (!loaded.ok())
        QFAIL(qPrintable(QStringLiteral("the built-in lab does not load: ") + loaded.errors.join(QLatin1Char('\n'))));
    m_lab = *loaded.scenario;
}

void TestEngineLab::resources()
{
    ef::Engine engine;
    QVERIFY(engine.applyScenario(m_lab));
    QVERIFY(engine.describeEventBus(kBus));
    ef::ListRulesRequest r;
    r.eventBusName = kBus;
    QStringList rules;
    const auto listed = engine.listRules(r);
    for (const auto &rule : listed->rules)
        rules << rule.name;
    QCOMPARE(rules, QStringList({"user3-high-value-order-rule", "user3-inventory-update-rule",
                                 "user3-order-processing-rule", "user3-payment-processing-rule"}));
    QCOMPARE(engine.consumers().size(), std::size_t(4));
    QCOMPARE(engine.producers().size(), std::size_t(1));
    QCOMPARE(engine.producers()[0].name, kProducer);
    QCOMPARE(engine.producers()[0].eventBusName, kBus);
    QCOMPARE(m_lab.sampleEvents.size(), std::size_t(5));
    const auto high = engine.describeRule({QStringLiteral("user3-high-value-order-rule"), kBus});
    QVERIFY(high->eventPattern.contains(QLatin1String("\"numeric\":[\">=\",100]")));
}

void TestEngineLab::walkThrough_data()
{
    QTest::addColumn<int>("sample");
    QTest::addColumn<QStringList>("functions");
    QTest::addColumn<QString>("expectedLine");
    QTest::addRow("1 OrderPlaced 149.99") << 0 << QStringList{kHighValue, kInventory, kOrder}
                                          << "Order order-";
    QTest::addRow("2 PaymentProcessed") << 1 << QStringList{kPayment} << "Order order-67890 released";
    QTest::addRow("3 InventoryUpdated, low stock") << 2 << QStringList{kInventory}
                                                   << "LOW STOCK ALERT: only 8 units of laptop-001 left";
    QTest::addRow("4 OrderPlaced 299.99") << 3 << QStringList{kHighValue, kInventory, kOrder}
                                          << "Customer: vip-customer-001";
    QTest::addRow("5 OrderPlaced 29.99") << 4 << QStringList{kInventory, kOrder}
                                         << "Stock of basic-accessory reduced by 1 units";
}

void TestEngineLab::walkThrough()
{
    QFETCH(int, sample);
    QFETCH(QStringList, functions);
    QFETCH(QString, expectedLine);
    ef::Engine engine;
    QVERIFY(engine.applyScenario(m_lab));
    const ef::ScenarioSampleEvent &s = m_lab.sampleEvents[static_cast<std::size_t>(sample)];
    const ef::ProducerResponse r = engine.invokeProducer(
        s.producer, QJsonDocument(s.body).toJson(QJsonDocument::Compact));
    QCOMPARE(r.statusCode, 200);
    QVERIFY(!r.eventId.isEmpty());
    engine.runUntilIdle();
    QCOMPARE(invokedFunctions(engine, r.eventId), functions);
    QCOMPARE(engine.counters().pending, std::uint64_t(0));
    QCOMPARE(engine.counters().delivered, std::uint64_t(functions.size()));
    QStringList all;
    for (const QString &fn : functions)
        all += logLines(engine, fn);
    QVERIFY2(!all.filter(expectedLine).isEmpty(), qPrintable(all.join(QLatin1Char('\n'))));
    // Nothing else ran: the other functions' logs are empty.
    for (const QString &fn : {kOrder, kInventory, kPayment, kHighValue}) {
        if (!functions.contains(fn))
            QVERIFY2(logLines(engine, fn).isEmpty(), qPrintable(fn));
    }
    const QStringList producerLines = logLines(engine, kProducer);
    QVERIFY(!producerLines.filter(QStringLiteral("Published ")).isEmpty());
    QVERIFY(!producerLines.filter(QStringLiteral("Event detail: {")).isEmpty());
}

void TestEngineLab::metricsAndLogGroups()
{
    ef::Engine engine;
    QVERIFY(engine.applyScenario(m_lab));
    for (const ef::ScenarioSampleEvent &s : m_lab.sampleEvents)
        engine.invokeProducer(s.producer, QJsonDocument(s.body).toJson(QJsonDocument::Compact));
    engine.runUntilIdle();
    const QString high = QStringLiteral("user3-high-value-order-rule");
    const QString order = QStringLiteral("user3-order-processing-rule");
    const QString inventory = QStringLiteral("user3-inventory-update-rule");
    const QString payment = QStringLiteral("user3-payment-processing-rule");
    QCOMPARE(ruleMetric(engine, order, QStringLiteral("MatchedEvents"), kBus), 3.0);
    QCOMPARE(ruleMetric(engine, inventory, QStringLiteral("MatchedEvents"), kBus), 4.0);
    QCOMPARE(ruleMetric(engine, payment, QStringLiteral("Invocations"), kBus), 1.0);
    QCOMPARE(ruleMetric(engine, high, QStringLiteral("Invocations"), kBus), 2.0);
    // A custom bus's rules have EventBusName + RuleName; RuleName alone finds nothing.
    QCOMPARE(ruleMetric(engine, high, QStringLiteral("Invocations")), 0.0);
    // Per bus: EventBusName alone.
    ef::GetMetricStatisticsRequest q;
    q.nameSpace = QStringLiteral("AWS/Events");
    q.metricName = QStringLiteral("Invocations");
    q.dimensions = {{QStringLiteral("EventBusName"), kBus}};
    q.startTime = engine.now() - 3600 * ef::kMicrosPerSecond;
    q.endTime = engine.now() + ef::kMicrosPerSecond;
    q.periodSeconds = 300;
    q.statistics = {QStringLiteral("Sum")};
    const auto perBus = engine.getMetricStatistics(q);
    QCOMPARE(perBus->datapoints.size(), std::size_t(1));
    QCOMPARE(perBus->datapoints[0].sum, 10.0);
    // The lab's own query names a metric AWS/Events does not have: no datapoints.
    q.metricName = QStringLiteral("SuccessfulInvocations");
    QVERIFY(engine.getMetricStatistics(q)->datapoints.empty());
    // Five log groups, one per function and the producer.
    ef::DescribeLogGroupsRequest groups;
    groups.logGroupNamePrefix = QStringLiteral("/aws/lambda/user3");
    QCOMPARE(engine.describeLogGroups(groups)->logGroups.size(), std::size_t(5));
}

void TestEngineLab::producerAnswers_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("contains");
    QTest::addRow("defaults") << QByteArray("{}") << 200 << "\"message\":\"Event OrderPlaced published successfully\"";
    QTest::addRow("empty body") << QByteArray() << 200 << "\"customerId\":\"customer-";
    QTest::addRow("default amount and items") << QByteArray(R"({"eventType":"OrderPlaced"})") << 200
                                              << R"("amount":99.99,"items":[{"productId":"prod-123","quantity":2,"price":49.99}])";
    QTest::addRow("payment status") << QByteArray(R"({"eventType":"PaymentProcessed"})") << 200
                                    << "\"status\":\"SUCCESS\"";
    QTest::addRow("inventory defaults") << QByteArray(R"({"eventType":"InventoryUpdated"})") << 200
                                        << R"("productId":"prod-123","quantityChange":-2,"newQuantity":98)";
    QTest::addRow("unknown type") << QByteArray(R"({"eventType":"Refund"})") << 400
                                  << R"({"error":"Unknown event type: Refund"})";
    QTest::addRow("not JSON") << QByteArray("{x") << 400 << "\"error\"";
}

void TestEngineLab::producerAnswers()
{
    QFETCH(QByteArray, body);
    QFETCH(int, status);
    QFETCH(QString, contains);
    ef::Engine engine;
    QVERIFY(engine.applyScenario(m_lab));
    const ef::ProducerResponse r = engine.invokeProducer(QString(), body);
    QCOMPARE(r.statusCode, status);
    QVERIFY2(QString::fromUtf8(r.body).contains(contains), r.body.constData());
    if (status != 200) {
        QVERIFY(r.eventId.isEmpty());
        QCOMPARE(engine.counters().entriesAccepted, std::uint64_t(0));
    } else {
        QVERIFY(QString::fromUtf8(r.body).contains(r.eventId));
    }
}

void TestEngineLab::prefixComesFromTheSettings()
{
    QFile file(labPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    QByteArray text = file.readAll();
    text.replace("\"usernamePrefix\": \"user3\"", "\"usernamePrefix\": \"user7\"");
    const ef::ScenarioLoad loaded = ef::ScenarioFile::parse(text);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(QLatin1Char('\n'))));
    ef::Engine engine;
    QVERIFY(engine.applyScenario(*loaded.scenario));
    QVERIFY(engine.describeEventBus(QStringLiteral("user7-ecommerce-events")));
    QCOMPARE(engine.producers()[0].name, QStringLiteral("user7-event-producer"));
    QVERIFY(!engine.invokeProducer(QString(), "{}").eventId.isEmpty());
    engine.runUntilIdle();
    QCOMPARE(functionMetric(engine, QStringLiteral("user7-order-processor"), QStringLiteral("Invocations")), 1.0);
}

void TestEngineLab::cleanUp()
{
    ef::Engine engine;
    QVERIFY(engine.applyScenario(m_lab));
    ef::ListRulesRequest list;
    list.eventBusName = kBus;
    const auto listed = engine.listRules(list);
    for (const auto &rule : listed->rules) {
        QVERIFY(removeTarget(engine, rule.name, kBus));
        QVERIFY(engine.deleteRule({rule.name, kBus}));
    }
    QVERIFY(engine.deleteEventBus(kBus));
    QCOMPARE(engine.listEventBuses({})->eventBuses.size(), std::size_t(1));
    for (const ef::ConsumerInfo &c : engine.consumers())
        QVERIFY2(!c.referenced, qPrintable(c.name));
    // The producer still answers, but its bus is gone: 200 with a null eventId, as the lab's code does.
    const ef::ProducerResponse r = engine.invokeProducer(QString(), "{}");
    QCOMPARE(r.statusCode, 200);
    QVERIFY(r.body.contains("\"eventId\":null"));
}

QTEST_GUILESS_MAIN(TestEngineLab)
#include "tst_enginelab.moc"
