// Consumer definitions as data: reading them (with errors that name the JSON
// path and the reason), writing them back, and the log lines they render.

#include "core/consumers/ConsumerDefinition.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

class TestConsumerDefinition : public QObject
{
    Q_OBJECT

private slots:
    void invalidDefinitions_data();
    void invalidDefinitions();
    void roundTrip_data();
    void roundTrip();
    void rendering_data();
    void rendering();
    void conditions_data();
    void conditions();
    void latencyPick();
    void defaultConsumerLogsOneLine();
};

namespace {

QJsonValue parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("test JSON is invalid: %s", json.constData());
    return doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
}

const char *const kOrderEvent = R"({
  "version": "0", "id": "11111111-2222-3333-4444-555555555555",
  "detail-type": "OrderPlaced", "source": "shop.app", "account": "123456789012",
  "time": "2026-01-01T00:00:00Z", "region": "us-east-1", "resources": [],
  "detail": {"orderId": "order-1", "amount": 149.990, "status": "SUCCESS",
             "items": [{"productId": "p1", "quantity": 2}, {"productId": "p2"}],
             "newQuantity": 8, "big": 12345678901234567890}
})";

} // namespace

void TestConsumerDefinition::invalidDefinitions_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("error");

    QTest::addRow("not an object") << QByteArray("[]")
                                   << "consumers[2]: must be an object, not an array";
    QTest::addRow("name missing") << QByteArray(R"({"latencyMs": 1})")
                                  << "consumers[2].name: is required and must be a string";
    QTest::addRow("name with a space")
        << QByteArray(R"({"name": "my fn"})")
        << "consumers[2].name: \"my fn\" is not a function name: 1 to 64 characters of A-Z, "
           "a-z, 0-9, '-' and '_'";
    QTest::addRow("unknown member")
        << QByteArray(R"({"name": "f", "latency": 5})")
        << "consumers[2]: unknown member \"latency\" (expected one of: name, description, "
           "latencyMs, failureRate, concurrency, missingInvokePermission, onFailure, logLines)";
    QTest::addRow("negative latency")
        << QByteArray(R"({"name": "f", "latencyMs": -1})")
        << "consumers[2].latencyMs: must be a whole number from 0 to 900000, not -1";
    QTest::addRow("latency range reversed")
        << QByteArray(R"({"name": "f", "latencyMs": {"min": 9, "max": 3}})")
        << "consumers[2].latencyMs: min (9) is greater than max (3)";
    QTest::addRow("latency range without max")
        << QByteArray(R"({"name": "f", "latencyMs": {"min": 9}})")
        << "consumers[2].latencyMs.max: must be a whole number from 0 to 900000, not missing";
    QTest::addRow("failure rate above 1")
        << QByteArray(R"({"name": "f", "failureRate": 1.5})")
        << "consumers[2].failureRate: must be a probability from 0 to 1, not 1.5";
    QTest::addRow("concurrency zero")
        << QByteArray(R"({"name": "f", "concurrency": 0})")
        << "consumers[2].concurrency: must be a whole number from 1 to 100000, not 0";
    QTest::addRow("concurrency fractional")
        << QByteArray(R"({"name": "f", "concurrency": 2.5})")
        << "consumers[2].concurrency: must be a whole number from 1 to 100000, not 2.5";
    QTest::addRow("permission flag as string")
        << QByteArray(R"({"name": "f", "missingInvokePermission": "yes"})")
        << "consumers[2].missingInvokePermission: must be true or false, not a string";
    QTest::addRow("failure destination not SQS")
        << QByteArray(R"({"name": "f", "onFailure": "arn:aws:sns:us-east-1:123456789012:t"})")
        << "consumers[2].onFailure: must be an SQS queue ARN (arn:aws:sqs:<region>:<account>:<queue>)";
    QTest::addRow("log lines not an array")
        << QByteArray(R"({"name": "f", "logLines": "hello"})")
        << "consumers[2].logLines: must be an array, not a string";
    QTest::addRow("log line a number")
        << QByteArray(R"({"name": "f", "logLines": ["ok", 5]})")
        << "consumers[2].logLines[1]: must be a string or an object, not a number";
    QTest::addRow("unknown operator")
        << QByteArray(R"({"name": "f", "logLines": ["a", {"text": "b", "when": "$.x =~ 1"}]})")
        << "consumers[2].logLines[1].when: unknown operator \"=~\"";
    QTest::addRow("condition value not JSON")
        << QByteArray(R"({"name": "f", "logLines": [{"text": "b", "when": "$.x == Placed"}]})")
        << "consumers[2].logLines[0].when: the value \"Placed\" is not a JSON string (in double "
           "quotes), number, true, false or null";
    QTest::addRow("condition without operator")
        << QByteArray(R"({"name": "f", "logLines": [{"text": "b", "when": "$.x"}]})")
        << "consumers[2].logLines[0].when: an operator is missing after \"$.x\" (== != < <= > >= "
           "exists !exists)";
    QTest::addRow("second condition of a list")
        << QByteArray(R"({"name": "f", "logLines": [{"text": "b", "when": ["$.x exists", "x < 1"]}]})")
        << "consumers[2].logLines[0].when[1]: path \"x\": a path starts with \"$\"";
    QTest::addRow("condition without a path")
        << QByteArray(R"({"name": "f", "logLines": [{"text": "b", "when": "== 1"}]})")
        << "consumers[2].logLines[0].when: a condition starts with a path, e.g. "
           "\"$.detail.newQuantity < 10\"";
    QTest::addRow("unclosed placeholder")
        << QByteArray(R"({"name": "f", "logLines": ["order ${$.detail.orderId"]})")
        << "consumers[2].logLines[0]: placeholder \"${$.detail.orderId\" is not closed with \"}\"";
    QTest::addRow("placeholder path invalid")
        << QByteArray(R"({"name": "f", "logLines": ["order ${$..id}"]})")
        << "consumers[2].logLines[0]: placeholder \"${$..id}\": deep scan (..) is not supported "
           "at character 2";
    QTest::addRow("element path outside forEach")
        << QByteArray(R"({"name": "f", "logLines": ["item ${@.id}"]})")
        << "consumers[2].logLines[0]: placeholder \"${@.id}\": a path starts with \"$\" (\"@\" "
           "is only allowed for the current element) (inside a forEach)";
    QTest::addRow("text and forEach together")
        << QByteArray(R"({"name": "f", "logLines": [{"text": "a", "forEach": "$.x", "lines": []}]})")
        << "consumers[2].logLines[0]: needs either \"text\" or \"forEach\" (with \"lines\"), not both";
    QTest::addRow("forEach without lines")
        << QByteArray(R"({"name": "f", "logLines": [{"forEach": "$.items"}]})")
        << "consumers[2].logLines[0].lines: must be an array of lines, not missing";
    QTest::addRow("nested error path")
        << QByteArray(R"({"name": "f", "logLines": [{"forEach": "$.items", "lines": ["${@.a", "b"]}]})")
        << "consumers[2].logLines[0].lines[0]: placeholder \"${@.a\" is not closed with \"}\"";
    QTest::addRow("unknown member of a line")
        << QByteArray(R"({"name": "f", "logLines": [{"text": "a", "if": "$.x exists"}]})")
        << "consumers[2].logLines[0]: unknown member \"if\" (expected one of: text, when)";
}

void TestConsumerDefinition::invalidDefinitions()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, error);
    QString message;
    const auto definition =
        ef::consumers::ConsumerDefinition::fromJson(parse(json), QStringLiteral("consumers[2]"),
                                                    &message);
    QVERIFY(!definition);
    QCOMPARE(message, error);
}

void TestConsumerDefinition::roundTrip_data()
{
    QTest::addColumn<QByteArray>("json");

    QTest::addRow("minimal") << QByteArray(R"({"name": "f"})");
    QTest::addRow("everything")
        << QByteArray(R"({"name": "{prefix}-fn_1", "description": "d",
            "latencyMs": {"min": 5, "max": 90}, "failureRate": 0.25, "concurrency": 3,
            "missingInvokePermission": true,
            "onFailure": "arn:aws:sqs:us-east-1:123456789012:failed",
            "logLines": ["plain ${$.a|x}",
                         {"text": "cond", "when": "$.a >= 2"},
                         {"text": "two", "when": ["$.a exists", "$.b != \"x\""]},
                         {"forEach": "$.items", "when": "$.c !exists",
                          "lines": ["${@.id}", {"forEach": "@.parts", "lines": ["${@}"]}]}]})");
}

void TestConsumerDefinition::roundTrip()
{
    QFETCH(QByteArray, json);
    QString error;
    const auto first =
        ef::consumers::ConsumerDefinition::fromJson(parse(json), QString(), &error);
    QVERIFY2(first, qPrintable(error));
    const QJsonObject written = first->toJson();
    const auto second = ef::consumers::ConsumerDefinition::fromJson(written, QString(), &error);
    QVERIFY2(second, qPrintable(error));
    QVERIFY(*first == *second);
    QCOMPARE(second->toJson(), written);
    QCOMPARE(second->name, first->name);
    QCOMPARE(second->latency, first->latency);
    QCOMPARE(second->failureRate, first->failureRate);
    QCOMPARE(second->concurrency, first->concurrency);
    QCOMPARE(second->missingInvokePermission, first->missingInvokePermission);
    QCOMPARE(second->onFailure, first->onFailure);
    QCOMPARE(second->logLines.size(), first->logLines.size());
}

void TestConsumerDefinition::rendering_data()
{
    QTest::addColumn<QByteArray>("logLines");
    QTest::addColumn<QByteArray>("received");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("placeholders of every kind")
        << QByteArray(R"(["id ${$.detail.orderId}", "amount $${$.detail.amount}",
                          "big ${$.detail.big}", "items ${$.detail.items[0]}",
                          "missing [${$.detail.nope}] [${$.detail.nope|n/a}]",
                          "literal \\${not a placeholder} and $ alone"])")
        << QByteArray(kOrderEvent)
        << QStringList{"id order-1", "amount $149.990", "big 12345678901234567890",
                       R"(items {"productId":"p1","quantity":2})", "missing [] [n/a]",
                       "literal ${not a placeholder} and $ alone"};
    QTest::addRow("conditions choose lines")
        << QByteArray(R"([{"text": "placed", "when": "$.detail-type == \"OrderPlaced\""},
                          {"text": "paid", "when": "$.detail-type == \"PaymentProcessed\""},
                          {"text": "low", "when": "$.detail.newQuantity < 10"},
                          {"text": "not ok", "when": "$.detail.status != \"SUCCESS\""},
                          {"text": "both", "when": ["$.detail.amount >= 100", "$.detail.big > 1e19"]}])")
        << QByteArray(kOrderEvent) << QStringList{"placed", "low", "both"};
    QTest::addRow("one line per element")
        << QByteArray(R"json([{"forEach": "$.detail.items",
                           "lines": ["${@.productId} x ${@.quantity|0} (${$.detail.orderId})",
                                     {"text": "  two or more", "when": "@.quantity >= 2"}]},
                          "done"])json")
        << QByteArray(kOrderEvent)
        << QStringList{"p1 x 2 (order-1)", "  two or more", "p2 x 0 (order-1)", "done"};
    QTest::addRow("forEach over nothing")
        << QByteArray(R"([{"forEach": "$.detail.none", "lines": ["x"]},
                          {"forEach": "$.detail.orderId", "lines": ["y"]}, "end"])")
        << QByteArray(kOrderEvent) << QStringList{"end"};
    QTest::addRow("forEach skipped by its condition")
        << QByteArray(R"([{"forEach": "$.detail.items", "when": "$.source == \"other\"",
                           "lines": ["x"]}])")
        << QByteArray(kOrderEvent) << QStringList{};
    QTest::addRow("received text that is not JSON")
        << QByteArray(R"(["got: ${$}", "id: ${$.id|none}"])")
        << QByteArray("instance i-1 is RUNNING")
        << QStringList{"got: instance i-1 is RUNNING", "id: none"};
    QTest::addRow("received a transformed JSON value")
        << QByteArray(R"(["got: ${$}", {"text": "big", "when": "$ > 100"}])")
        << QByteArray("149.99") << QStringList{"got: 149.99", "big"};
}

void TestConsumerDefinition::rendering()
{
    QFETCH(QByteArray, logLines);
    QFETCH(QByteArray, received);
    QFETCH(QStringList, expected);
    QJsonObject json{{QStringLiteral("name"), QStringLiteral("f")},
                     {QStringLiteral("logLines"), parse(logLines)}};
    QString error;
    const auto definition =
        ef::consumers::ConsumerDefinition::fromJson(json, QStringLiteral("c"), &error);
    QVERIFY2(definition, qPrintable(error));
    const std::string_view text(received.constData(), static_cast<std::size_t>(received.size()));
    QCOMPARE(definition->render(text), expected);
    QCOMPARE(definition->render(text), expected);  // deterministic
}

void TestConsumerDefinition::conditions_data()
{
    QTest::addColumn<QString>("condition");
    QTest::addColumn<bool>("holds");

    QTest::addRow("string equal") << R"($.detail-type == "OrderPlaced")" << true;
    QTest::addRow("string not equal") << R"($.detail-type != "OrderPlaced")" << false;
    QTest::addRow("number equal by value") << "$.detail.amount == 149.99" << true;
    QTest::addRow("number never equals its string") << R"($.detail.amount == "149.99")" << false;
    QTest::addRow("less") << "$.detail.newQuantity < 10" << true;
    QTest::addRow("less, boundary") << "$.detail.newQuantity < 8" << false;
    QTest::addRow("less or equal, boundary") << "$.detail.newQuantity <= 8" << true;
    QTest::addRow("greater") << "$.detail.amount > 100" << true;
    QTest::addRow("greater or equal") << "$.detail.amount >= 149.99" << true;
    QTest::addRow("no spaces") << "$.detail.newQuantity<10" << true;
    QTest::addRow("strings ordered") << R"($.detail.orderId < "order-2")" << true;
    QTest::addRow("string against number") << R"($.detail.orderId < 5)" << false;
    QTest::addRow("missing equals nothing") << R"($.detail.nope == null)" << false;
    QTest::addRow("missing differs from everything") << R"($.detail.nope != "x")" << true;
    QTest::addRow("missing is not less") << "$.detail.nope < 10" << false;
    QTest::addRow("exists") << "$.detail.items exists" << true;
    QTest::addRow("!exists") << "$.detail.items !exists" << false;
    QTest::addRow("missing !exists") << "$.detail.nope !exists" << true;
    QTest::addRow("array element") << R"($.detail.items[1].productId == "p2")" << true;
}

void TestConsumerDefinition::conditions()
{
    QFETCH(QString, condition);
    QFETCH(bool, holds);
    QString error;
    const auto parsed = ef::consumers::LogCondition::parse(condition, false, &error);
    QVERIFY2(parsed, qPrintable(error));
    ef::json::Value event;
    QVERIFY(ef::json::parse(kOrderEvent, event));
    QCOMPARE(parsed->holds(event, nullptr), holds);
}

void TestConsumerDefinition::latencyPick()
{
    const ef::consumers::Latency fixed{40, 40};
    QCOMPARE(fixed.pick(0.0), 40);
    QCOMPARE(fixed.pick(0.99), 40);
    const ef::consumers::Latency range{10, 19};
    QCOMPARE(range.pick(0.0), 10);
    QCOMPARE(range.pick(0.5), 15);
    QCOMPARE(range.pick(0.999999), 19);
    QCOMPARE(range.pick(1.0), 19);
}

void TestConsumerDefinition::defaultConsumerLogsOneLine()
{
    const ef::consumers::ConsumerDefinition d =
        ef::consumers::defaultConsumer(QStringLiteral("unknown-fn"));
    QCOMPARE(d.failureRate, 0.0);
    QVERIFY(d.latency.maxMs <= 100);
    QCOMPARE(d.render(std::string_view(R"({"a":1})")), QStringList{R"(Received: {"a":1})"});
    QString error;
    QVERIFY2(ef::consumers::ConsumerDefinition::fromJson(d.toJson(), QString(), &error),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TestConsumerDefinition)
#include "tst_consumerdefinition.moc"
