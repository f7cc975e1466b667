// The storefront lab's own walk-through, run through Debian's aws CLI 2.9
// and curl against `eventflow serve --empty`, with the lab's commands as the
// seed writes them (user3, account 123456789012) but for --endpoint-url, and
// the lab's expected results asserted at each step.

#include "ServeProcess.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <functional>

namespace {

const QString kBus = QStringLiteral("user3-ecommerce-events");
const QString kArnPrefix = QStringLiteral("arn:aws:events:us-east-1:123456789012:");

struct Step
{
    QString name;
    std::function<QStringList(const QString &url)> command;  // program first
    // Returns an empty string when the output is what the lab expects.
    std::function<QString(const ClientRun &)> check;
};

QStringList aws(const QString &url, QStringList args)
{
    args.prepend(QStringLiteral("/usr/bin/aws"));
    args << QStringLiteral("--endpoint-url") << url;
    return args;
}

QJsonValue json(const ClientRun &r)
{
    QJsonParseError e;
    const QJsonDocument d = QJsonDocument::fromJson(r.out, &e);
    if (e.error != QJsonParseError::NoError)
        return QJsonValue(QJsonValue::Undefined);
    return d.isArray() ? QJsonValue(d.array()) : QJsonValue(d.object());
}

QString expect(bool condition, const QString &what)
{
    return condition ? QString() : what;
}

const QStringList kRules = {
    QStringLiteral("user3-order-processing-rule"), QStringLiteral("user3-inventory-update-rule"),
    QStringLiteral("user3-payment-processing-rule"), QStringLiteral("user3-high-value-order-rule")};
const QStringList kPatternFiles = {
    QStringLiteral("order-pattern.json"), QStringLiteral("inventory-pattern.json"),
    QStringLiteral("payment-pattern.json"), QStringLiteral("high-value-pattern.json")};
const QStringList kDescriptions = {
    QStringLiteral("Routes OrderPlaced events to order processor"),
    QStringLiteral("Routes order and inventory events to inventory updater"),
    QStringLiteral("Routes PaymentProcessed events to payment processor"),
    QStringLiteral("Routes high-value orders for special processing")};
const QStringList kFunctions = {
    QStringLiteral("user3-order-processor"), QStringLiteral("user3-inventory-updater"),
    QStringLiteral("user3-payment-processor"), QStringLiteral("user3-high-value-processor")};
// Lab expectations: the five curl requests invoke order 3x, inventory 4x,
// payment 1x, high-value 2x.
const int kInvocations[] = {3, 4, 1, 2};

// The lab's pattern files, byte for byte as its heredocs write them.
const QByteArray kPatterns[] = {
    "{\n  \"source\": [\"ecommerce.application\"],\n  \"detail-type\": [\"OrderPlaced\"]\n}\n",
    "{\n  \"source\": [\"ecommerce.application\"],\n  \"detail-type\": [\"OrderPlaced\", "
    "\"InventoryUpdated\"]\n}\n",
    "{\n  \"source\": [\"ecommerce.application\"],\n  \"detail-type\": [\"PaymentProcessed\"]\n}\n",
    "{\n  \"source\": [\"ecommerce.application\"],\n  \"detail-type\": [\"OrderPlaced\"],\n"
    "  \"detail\": {\n    \"amount\": [{\"numeric\": [\">=\", 100]}]\n  }\n}\n",
};

// The lab's five curl bodies, in its order.
const QByteArray kCurlBodies[] = {
    "{\n    \"eventType\": \"OrderPlaced\",\n    \"customerId\": \"customer-12345\",\n"
    "    \"amount\": 149.99,\n    \"items\": [\n      {\"productId\": \"laptop-001\", "
    "\"quantity\": 1, \"price\": 149.99}\n    ]\n  }",
    "{\n    \"eventType\": \"PaymentProcessed\",\n    \"orderId\": \"order-67890\",\n"
    "    \"amount\": 149.99\n  }",
    "{\n    \"eventType\": \"InventoryUpdated\",\n    \"productId\": \"laptop-001\",\n"
    "    \"quantityChange\": -5,\n    \"newQuantity\": 8\n  }",
    "{\n    \"eventType\": \"OrderPlaced\",\n    \"customerId\": \"vip-customer-001\",\n"
    "    \"amount\": 299.99,\n    \"items\": [\n      {\"productId\": \"premium-laptop\", "
    "\"quantity\": 1, \"price\": 299.99}\n    ]\n  }",
    "{\n    \"eventType\": \"OrderPlaced\",\n    \"customerId\": \"regular-customer-002\",\n"
    "    \"amount\": 29.99,\n    \"items\": [\n      {\"productId\": \"basic-accessory\", "
    "\"quantity\": 1, \"price\": 29.99}\n    ]\n  }",
};

QString isoUtc(const QDateTime &t) { return t.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss")); }

std::vector<Step> labSteps()
{
    std::vector<Step> steps;
    steps.push_back({QStringLiteral("create-event-bus"),
                     [](const QString &url) {
                         return aws(url, {"events", "create-event-bus", "--name", kBus});
                     },
                     [](const ClientRun &r) {
                         return expect(json(r)[QStringLiteral("EventBusArn")].toString()
                                           == kArnPrefix + "event-bus/" + kBus,
                                       QStringLiteral("EventBusArn of the new bus"));
                     }});
    steps.push_back(
        {QStringLiteral("list-event-buses --query"),
         [](const QString &url) {
             return aws(url, {"events", "list-event-buses", "--query",
                              "EventBuses[?contains(Name, `user3`)].{Name:Name, Arn:Arn}"});
         },
         [](const ClientRun &r) {
             const QJsonArray a = json(r).toArray();
             return expect(a.size() == 1 && a[0][QStringLiteral("Name")].toString() == kBus
                               && a[0][QStringLiteral("Arn")].toString()
                                      == kArnPrefix + "event-bus/" + kBus,
                           QStringLiteral("exactly the user3 bus, with Name and Arn"));
         }});
    for (int i = 0; i < 4; ++i) {
        steps.push_back(
            {QStringLiteral("put-rule %1").arg(kRules[i]),
             [i](const QString &url) {
                 return aws(url, {"events", "put-rule", "--name", kRules[i], "--event-pattern",
                                  "file://" + kPatternFiles[i], "--event-bus-name", kBus,
                                  "--description", kDescriptions[i]});
             },
             [i](const ClientRun &r) {
                 return expect(json(r)[QStringLiteral("RuleArn")].toString()
                                   == kArnPrefix + "rule/" + kBus + "/" + kRules[i],
                               QStringLiteral("RuleArn rule/<bus>/<rule>"));
             }});
    }
    for (int i = 0; i < 4; ++i) {
        steps.push_back(
            {QStringLiteral("put-targets %1").arg(kRules[i]),
             [i](const QString &url) {
                 return aws(url, {"events", "put-targets", "--rule", kRules[i], "--event-bus-name",
                                  kBus, "--targets",
                                  "Id=1,Arn=arn:aws:lambda:us-east-1:123456789012:function:"
                                      + kFunctions[i]});
             },
             [](const ClientRun &r) {
                 const QJsonValue v = json(r);
                 return expect(v[QStringLiteral("FailedEntryCount")].toInt(-1) == 0
                                   && v[QStringLiteral("FailedEntries")].toArray().isEmpty(),
                               QStringLiteral("FailedEntryCount 0, FailedEntries []"));
             }});
    }
    const QStringList types = {"OrderPlaced", "PaymentProcessed", "InventoryUpdated",
                               "OrderPlaced", "OrderPlaced"};
    for (int i = 0; i < 5; ++i) {
        steps.push_back(
            {QStringLiteral("curl %1 #%2").arg(types[i]).arg(i + 1),
             [i](const QString &url) {
                 return QStringList{"/usr/bin/curl", "-X", "POST", url + "/prod/events", "-H",
                                    "Content-Type: application/json", "-d",
                                    QString::fromUtf8(kCurlBodies[i])};
             },
             [i, types](const ClientRun &r) {
                 const QJsonObject o = json(r).toObject();
                 const QJsonObject detail = o[QStringLiteral("eventDetail")].toObject();
                 const QJsonObject sent = QJsonDocument::fromJson(kCurlBodies[i]).object();
                 QString why;
                 if (o[QStringLiteral("message")].toString()
                     != QStringLiteral("Event %1 published successfully").arg(types[i]))
                     why += QStringLiteral("message names the type; ");
                 if (o[QStringLiteral("eventId")].toString().isEmpty())
                     why += QStringLiteral("eventId set; ");
                 for (const char *key : {"customerId", "amount", "orderId", "productId",
                                            "newQuantity", "quantityChange"}) {
                     if (sent.contains(key) && detail[key] != sent[key])
                         why += QStringLiteral("eventDetail.%1 as sent; ").arg(key);
                 }
                 if (types[i] == QLatin1String("OrderPlaced")
                     && !detail[QStringLiteral("orderId")].toString().startsWith("order-"))
                     why += QStringLiteral("a generated orderId; ");
                 return why;
             }});
    }
    steps.push_back(
        {QStringLiteral("logs describe-log-groups"),
         [](const QString &url) {
             return aws(url, {"logs", "describe-log-groups", "--log-group-name-prefix",
                              "/aws/lambda/user3"});
         },
         [](const ClientRun &r) {
             QStringList names;
             for (const QJsonValue &g : json(r)[QStringLiteral("logGroups")].toArray())
                 names << g[QStringLiteral("logGroupName")].toString();
             const QStringList expected = {
                 "/aws/lambda/user3-event-producer", "/aws/lambda/user3-high-value-processor",
                 "/aws/lambda/user3-inventory-updater", "/aws/lambda/user3-order-processor",
                 "/aws/lambda/user3-payment-processor"};
             return expect(names == expected,
                           QStringLiteral("the five log groups, sorted; got ") + names.join(","));
         }});
    steps.push_back(
        {QStringLiteral("logs filter-log-events high-value-processor"),
         [](const QString &url) {
             return aws(url, {"logs", "filter-log-events", "--log-group-name",
                              "/aws/lambda/user3-high-value-processor"});
         },
         [](const ClientRun &r) {
             QByteArray all;
             for (const QJsonValue &e : json(r)[QStringLiteral("events")].toArray())
                 all += e[QStringLiteral("message")].toString().toUtf8() + "\n";
             return expect(all.contains("customer-12345") && all.contains("vip-customer-001")
                               && !all.contains("regular-customer-002"),
                           QStringLiteral("high-value lines for the 149.99 and 299.99 orders "
                                          "only"));
         }});
    steps.push_back(
        {QStringLiteral("logs filter-log-events inventory-updater InventoryUpdated"),
         [](const QString &url) {
             return aws(url, {"logs", "filter-log-events", "--log-group-name",
                              "/aws/lambda/user3-inventory-updater", "--filter-pattern",
                              "InventoryUpdated"});
         },
         [](const ClientRun &r) {
             // Under --empty the functions are auto-created: one line per event.
             const QJsonArray events = json(r)[QStringLiteral("events")].toArray();
             bool found = false;
             for (const QJsonValue &e : events) {
                 const QString m = e[QStringLiteral("message")].toString();
                 found = found || (m.contains(QStringLiteral("laptop-001"))
                                   && m.contains(QStringLiteral("newQuantity")));
             }
             return expect(events.size() == 1 && found,
                           QStringLiteral("one InventoryUpdated event (laptop-001, new "
                                          "quantity) received by the inventory updater"));
         }});
    steps.push_back(
        {QStringLiteral("cloudwatch get-metric-statistics SuccessfulInvocations (the lab's)"),
         [](const QString &url) {
             const QDateTime now = QDateTime::currentDateTimeUtc();
             return aws(url, {"cloudwatch", "get-metric-statistics", "--namespace", "AWS/Events",
                              "--metric-name", "SuccessfulInvocations", "--dimensions",
                              "Name=EventBusName,Value=" + kBus, "--start-time",
                              isoUtc(now.addSecs(-3600)), "--end-time", isoUtc(now.addSecs(60)),
                              "--period", "300", "--statistics", "Sum"});
         },
         [](const ClientRun &r) {
             const QJsonValue v = json(r);
             return expect(v[QStringLiteral("Label")].toString() == "SuccessfulInvocations"
                               && v[QStringLiteral("Datapoints")].isArray()
                               && v[QStringLiteral("Datapoints")].toArray().isEmpty(),
                           QStringLiteral("no datapoints for a metric AWS/Events does not have"));
         }});
    for (int i = 0; i < 4; ++i) {
        steps.push_back(
            {QStringLiteral("cloudwatch get-metric-statistics Invocations %1").arg(kRules[i]),
             [i](const QString &url) {
                 const QDateTime now = QDateTime::currentDateTimeUtc();
                 return aws(url, {"cloudwatch", "get-metric-statistics", "--namespace",
                                  "AWS/Events", "--metric-name", "Invocations", "--dimensions",
                                  "Name=EventBusName,Value=" + kBus,
                                  "Name=RuleName,Value=" + kRules[i], "--start-time",
                                  isoUtc(now.addSecs(-3600)), "--end-time",
                                  isoUtc(now.addSecs(60)), "--period", "300", "--statistics",
                                  "Sum"});
             },
             [i](const ClientRun &r) {
                 double sum = 0;
                 for (const QJsonValue &p : json(r)[QStringLiteral("Datapoints")].toArray())
                     sum += p[QStringLiteral("Sum")].toDouble();
                 return expect(sum == kInvocations[i],
                               QStringLiteral("Invocations Sum %1, got %2")
                                   .arg(kInvocations[i]).arg(sum));
             }});
    }
    for (int i = 0; i < 4; ++i) {
        steps.push_back(
            {QStringLiteral("remove-targets %1").arg(kRules[i]),
             [i](const QString &url) {
                 return aws(url, {"events", "remove-targets", "--rule", kRules[i],
                                  "--event-bus-name", kBus, "--ids", "1"});
             },
             [](const ClientRun &r) {
                 return expect(json(r)[QStringLiteral("FailedEntryCount")].toInt(-1) == 0,
                               QStringLiteral("FailedEntryCount 0"));
             }});
        steps.push_back({QStringLiteral("delete-rule %1").arg(kRules[i]),
                         [i](const QString &url) {
                             return aws(url, {"events", "delete-rule", "--name", kRules[i],
                                              "--event-bus-name", kBus});
                         },
                         [](const ClientRun &r) {
                             return expect(r.out.trimmed().isEmpty(),
                                           QStringLiteral("no output"));
                         }});
    }
    steps.push_back({QStringLiteral("delete-event-bus"),
                     [](const QString &url) {
                         return aws(url, {"events", "delete-event-bus", "--name", kBus});
                     },
                     [](const ClientRun &r) {
                         return expect(r.out.trimmed().isEmpty(), QStringLiteral("no output"));
                     }});
    steps.push_back({QStringLiteral("list-event-buses after clean-up"),
                     [](const QString &url) { return aws(url, {"events", "list-event-buses"}); },
                     [](const ClientRun &r) {
                         const QJsonArray buses = json(r)[QStringLiteral("EventBuses")].toArray();
                         return expect(buses.size() == 1
                                           && buses[0][QStringLiteral("Name")].toString()
                                                  == "default",
                                       QStringLiteral("only the default bus is left"));
                     }});
    return steps;
}

} // namespace

class TestAwsCliLab : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void lab_data();
    void lab();
    void cleanupTestCase();

private:
    ServeProcess m_serve;
    std::vector<Step> m_steps = labSteps();
    bool m_deliveriesSeen = false;
};

void TestAwsCliLab::initTestCase()
{
    if (requireClient("/usr/bin/aws").isEmpty())
        QFAIL("/usr/bin/aws (Debian's awscli) is missing: scripts/deps.sh installs it");
    if (requireClient("/usr/bin/curl").isEmpty())
        QFAIL("/usr/bin/curl is missing: scripts/deps.sh installs it");
    const quint16 port = ServeProcess::freePort();
    QString error;
    QVERIFY2(m_serve.start({"--empty", "--port", QString::number(port)}, &error),
             qPrintable(error));
    QCOMPARE(m_serve.url(), QStringLiteral("http://127.0.0.1:%1").arg(port));
    for (int i = 0; i < 4; ++i)
        QVERIFY(m_serve.writeFile(kPatternFiles[i], kPatterns[i]));
}

void TestAwsCliLab::lab_data()
{
    QTest::addColumn<int>("index");
    for (std::size_t i = 0; i < m_steps.size(); ++i)
        QTest::addRow("%02d %s", int(i + 1), qPrintable(m_steps[i].name)) << int(i);
}

void TestAwsCliLab::lab()
{
    QFETCH(int, index);
    const Step &step = m_steps[std::size_t(index)];
    if (step.name.startsWith(QLatin1String("logs")) && !m_deliveriesSeen) {
        // The functions run on the real clock: wait (bounded) until the ten
        // deliveries of the five events show in the trace.
        m_deliveriesSeen = QTest::qWaitFor(
            [&] { return m_serve.traceText().count("\"happening\":\"Delivered\"") >= 10; }, 30000);
        QVERIFY2(m_deliveriesSeen, m_serve.traceText().right(3000).constData());
    }
    QStringList command = step.command(m_serve.url());
    const QString program = command.takeFirst();
    const ClientRun r = m_serve.run(program, command);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString why = step.check(r);
    QVERIFY2(why.isEmpty(), qPrintable(why + "\n" + r.describe()));
}

void TestAwsCliLab::cleanupTestCase()
{
    QVERIFY2(m_serve.running(), "the server survived the whole lab");
    m_serve.stop();
}

QTEST_GUILESS_MAIN(TestAwsCliLab)
#include "tst_awscli_lab.moc"
