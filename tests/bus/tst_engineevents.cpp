// PutEvents as the service takes it: per-entry results and errors, the call
// limits (10 entries, 256 KB computed size), the envelope, TestEventPattern.

#include "EngineTestKit.h"

#include <QJsonDocument>
#include <QRegularExpression>
#include <QtTest>

using namespace kit;

class TestEngineEvents : public QObject
{
    Q_OBJECT

private slots:
    void entryErrors_data();
    void entryErrors();
    void otherEntriesGoThrough();
    void callLimits();
    void sizeIsComputedLikeTheService_data();
    void sizeIsComputedLikeTheService();
    void envelope();
    void timeAndResources();
    void settingsGoIntoEnvelopes();
    void idsAreUniqueAndDeterministic();
    void testEventPattern_data();
    void testEventPattern();
};

void TestEngineEvents::entryErrors_data()
{
    QTest::addColumn<QString>("source");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("detail");
    QTest::addColumn<QString>("bus");
    QTest::addColumn<QString>("time");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");
    QTest::addRow("no Source") << "" << "T" << "{}" << "" << "" << "InvalidArgument"
                               << "Parameter Source is not valid. Reason: Source is a required argument.";
    QTest::addRow("aws. Source") << "aws.ec2" << "T" << "{}" << "" << ""
                                 << "NotAuthorizedForSourceException" << "Not authorized for the source.";
    QTest::addRow("no DetailType") << "s" << "" << "{}" << "" << "" << "InvalidArgument"
                                   << "Parameter DetailType is not valid. Reason: DetailType is a "
                                      "required argument.";
    QTest::addRow("no Detail") << "s" << "T" << "" << "" << "" << "InvalidArgument"
                               << "Parameter Detail is not valid. Reason: Detail is a required argument.";
    QTest::addRow("Detail not JSON") << "s" << "T" << "{oops" << "" << "" << "MalformedDetail"
                                     << "Detail is malformed.";
    QTest::addRow("Detail an array") << "s" << "T" << "[1,2]" << "" << "" << "MalformedDetail"
                                     << "Detail is malformed.";
    QTest::addRow("Detail with trailing text") << "s" << "T" << R"({"a":1},"x":2)" << "" << ""
                                               << "MalformedDetail" << "Detail is malformed.";
    QTest::addRow("unknown bus") << "s" << "T" << "{}" << "nope" << "" << "ResourceNotFoundException"
                                 << "Event bus nope does not exist.";
    QTest::addRow("bus of another account")
        << "s" << "T" << "{}" << "arn:aws:events:us-east-1:999999999999:event-bus/shop" << ""
        << "ResourceNotFoundException" << "does not exist.";
    QTest::addRow("bad Time") << "s" << "T" << "{}" << "" << "yesterday" << "InvalidArgument"
                              << "Parameter Time is not valid.";
}

void TestEngineEvents::entryErrors()
{
    QFETCH(QString, source);
    QFETCH(QString, type);
    QFETCH(QString, detail);
    QFETCH(QString, bus);
    QFETCH(QString, time);
    QFETCH(QString, code);
    QFETCH(QString, message);
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.createEventBus({QStringLiteral("shop"), QString()}));
    auto e = entry(source.toStdString(), type.toStdString(), detail.toStdString(),
                   bus.toStdString());
    if (!time.isEmpty())
        e.time = time.toStdString();
    const auto r = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&e, 1));
    QVERIFY(r);
    QCOMPARE(r->failedEntryCount, 1);
    QCOMPARE(r->entries[0].errorCode, code);
    QVERIFY2(r->entries[0].errorMessage.contains(message), qPrintable(r->entries[0].errorMessage));
    QVERIFY(r->entries[0].eventId.isEmpty());
    QCOMPARE(engine.counters().entriesRejected, std::uint64_t(1));
    QCOMPARE(engine.counters().entriesAccepted, std::uint64_t(0));
    QCOMPARE(trace.count(QStringLiteral("EntryRejected")), 1);
    QCOMPARE(trace.views[0].errorCode, code);
}

void TestEngineEvents::otherEntriesGoThrough()
{
    ef::Engine engine;
    std::vector<ef::PutEventsRequestEntry> entries{entry("a", "T", "{}"), entry("aws.x", "T", "{}"),
                                                   entry("b", "T", R"({"n":1})")};
    const auto r = engine.putEvents(entries);
    QVERIFY(r);
    QCOMPARE(r->failedEntryCount, 1);
    QCOMPARE(r->entries.size(), std::size_t(3));
    QVERIFY(r->entries[0].ok());
    QVERIFY(!r->entries[1].ok());
    QVERIFY(r->entries[2].ok());
    QVERIFY(r->entries[0].eventId != r->entries[2].eventId);
}

void TestEngineEvents::callLimits()
{
    ef::Engine engine;
    const auto none = engine.putEvents({});
    QVERIFY(!none);
    QCOMPARE(none.error().code, QStringLiteral("ValidationException"));
    std::vector<ef::PutEventsRequestEntry> eleven(11, entry("a", "T", "{}"));
    const auto tooMany = engine.putEvents(eleven);
    QVERIFY(!tooMany);
    QVERIFY(tooMany.error().message.contains(QLatin1String("less than or equal to 10")));
    QCOMPARE(engine.counters().entriesAccepted, std::uint64_t(0));
    eleven.pop_back();
    QCOMPARE(engine.putEvents(eleven)->failedEntryCount, 0);
    QCOMPARE(engine.counters().entriesAccepted, std::uint64_t(10));
}

void TestEngineEvents::sizeIsComputedLikeTheService_data()
{
    QTest::addColumn<int>("padding");
    QTest::addColumn<bool>("withTime");
    QTest::addColumn<bool>("accepted");
    // Entry size = Time (14 if given) + Source + DetailType + Detail + Resources.
    // Source "s" (1) + DetailType "T" (1) + Detail {"p":"..."} (8 + padding) + resource "r" (1).
    const int limit = 262144;
    const int fixed = 1 + 1 + 8 + 1;
    QTest::addRow("exactly 256 KB") << limit - fixed << false << true;
    QTest::addRow("one byte over") << limit - fixed + 1 << false << false;
    QTest::addRow("Time counts 14 bytes") << limit - fixed - 13 << true << false;
    QTest::addRow("Time fits") << limit - fixed - 14 << true << true;
}

void TestEngineEvents::sizeIsComputedLikeTheService()
{
    QFETCH(int, padding);
    QFETCH(bool, withTime);
    QFETCH(bool, accepted);
    ef::Engine engine;
    auto e = entry("s", "T", "{\"p\":\"" + std::string(static_cast<std::size_t>(padding), 'x') + "\"}");
    e.resources.push_back("r");
    if (withTime)
        e.time = "2026-01-01T00:00:00Z";
    const auto r = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&e, 1));
    QCOMPARE(r.ok(), accepted);
    if (!accepted) {
        QCOMPARE(r.error().code, QStringLiteral("ValidationException"));
        QVERIFY(r.error().message.contains(QLatin1String("over the limit")));
    }
}

void TestEngineEvents::envelope()
{
    ef::Engine engine;
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0)));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["shop"]})"), {}), QString());
    const QString id = put(engine, entry("shop", "Order \"Placed\"", R"({"amount": 12345678901234567890, "x":[1,2]})"));
    QVERIFY(!id.isEmpty());
    static const QRegularExpression uuid(
        QStringLiteral("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"));
    QVERIFY2(uuid.match(id).hasMatch(), qPrintable(id));
    const ef::EventHistory h = engine.eventHistory(id);
    QVERIFY(h.found);
    const QJsonObject o = QJsonDocument::fromJson(h.envelope.toUtf8()).object();
    QCOMPARE(o.keys().size(), 9);
    QCOMPARE(o.value(QLatin1String("version")).toString(), QStringLiteral("0"));
    QCOMPARE(o.value(QLatin1String("id")).toString(), id);
    QCOMPARE(o.value(QLatin1String("detail-type")).toString(), QStringLiteral("Order \"Placed\""));
    QCOMPARE(o.value(QLatin1String("source")).toString(), QStringLiteral("shop"));
    QCOMPARE(o.value(QLatin1String("account")).toString(), QStringLiteral("123456789012"));
    QCOMPARE(o.value(QLatin1String("region")).toString(), QStringLiteral("us-east-1"));
    QCOMPARE(o.value(QLatin1String("time")).toString(), QStringLiteral("2026-01-01T00:00:00Z"));
    QVERIFY(o.value(QLatin1String("resources")).toArray().isEmpty());
    // The detail is passed through as written: the big number keeps its digits.
    QVERIFY(h.envelope.contains(QLatin1String("\"detail\":{\"amount\": 12345678901234567890, \"x\":[1,2]}")));
}

void TestEngineEvents::timeAndResources()
{
    ef::Engine engine;
    auto e = entry("s", "T", "{}");
    e.time = "2025-06-30T23:59:58+02:00";
    e.resources = {"arn:aws:s3:::bucket", "res \"2\""};
    const auto r = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&e, 1));
    const ef::EventHistory h = engine.eventHistory(r->entries[0].eventId);
    const QJsonObject o = QJsonDocument::fromJson(h.envelope.toUtf8()).object();
    QCOMPARE(o.value(QLatin1String("time")).toString(), QStringLiteral("2025-06-30T21:59:58Z"));
    QCOMPARE(o.value(QLatin1String("resources")).toArray().size(), 2);
    QCOMPARE(o.value(QLatin1String("resources")).toArray()[1].toString(), QStringLiteral("res \"2\""));
    e.time = "1767225600";  // seconds since the epoch
    const auto r2 = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&e, 1));
    QVERIFY(engine.eventHistory(r2->entries[0].eventId).envelope.contains(
        QLatin1String("\"time\":\"2026-01-01T00:00:00Z\"")));
}

void TestEngineEvents::settingsGoIntoEnvelopes()
{
    ef::Engine engine;
    ef::Scenario s;
    s.settings.account = QStringLiteral("210987654321");
    s.settings.region = QStringLiteral("eu-west-1");
    QVERIFY(engine.applyScenario(s));
    const QString id = put(engine, entry("s", "T", "{}"));
    const QString env = engine.eventHistory(id).envelope;
    QVERIFY(env.contains(QLatin1String("\"account\":\"210987654321\"")));
    QVERIFY(env.contains(QLatin1String("\"region\":\"eu-west-1\"")));
    QCOMPARE(engine.describeEventBus(QString())->arn,
             QStringLiteral("arn:aws:events:eu-west-1:210987654321:event-bus/default"));
}

void TestEngineEvents::idsAreUniqueAndDeterministic()
{
    auto ids = [](std::uint64_t seed) {
        ef::EngineOptions o;
        o.seed = seed;
        ef::Engine engine(o);
        QStringList out;
        for (int i = 0; i < 200; ++i)
            out << put(engine, entry("s", "T", "{}"));
        return out;
    };
    const QStringList a = ids(7), b = ids(7), c = ids(8);
    QCOMPARE(a, b);
    QVERIFY(a != c);
    QCOMPARE(QSet<QString>(a.begin(), a.end()).size(), 200);
}

void TestEngineEvents::testEventPattern_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("event");
    QTest::addColumn<int>("expected");  // 1 match, 0 no match, -1 error
    QTest::addColumn<QString>("code");
    const QString event = QStringLiteral(
        R"({"id":"1","account":"123456789012","source":"shop","time":"2026-01-01T00:00:00Z",)"
        R"("region":"us-east-1","detail-type":"T","resources":[],"detail":{"amount":150}})");
    QTest::addRow("match") << R"({"detail":{"amount":[{"numeric":[">=",100]}]}})" << event << 1 << "";
    QTest::addRow("no match") << R"({"source":["other"]})" << event << 0 << "";
    QTest::addRow("invalid pattern") << R"({"source":"shop"})" << event << -1
                                     << "InvalidEventPatternException";
    QTest::addRow("event without id") << R"({"source":["shop"]})"
                                      << R"({"source":"shop","detail":{}})" << -1
                                      << "ValidationException";
    QTest::addRow("event not JSON") << R"({"source":["shop"]})" << "{" << -1 << "ValidationException";
}

void TestEngineEvents::testEventPattern()
{
    QFETCH(QString, pattern);
    QFETCH(QString, event);
    QFETCH(int, expected);
    QFETCH(QString, code);
    ef::Engine engine;
    const auto r = engine.testEventPattern({pattern, event});
    if (expected < 0) {
        QVERIFY(!r);
        QCOMPARE(r.error().code, code);
    } else {
        QVERIFY2(r, r ? "" : qPrintable(r.error().message));
        QCOMPARE(r.value(), expected == 1);
    }
}

QTEST_GUILESS_MAIN(TestEngineEvents)
#include "tst_engineevents.moc"
