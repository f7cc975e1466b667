// `eventflow run [SCENARIO] --events FILE [--trace FILE]`, run as a program:
// the lab's walk-through through the built-in scenario, PutEvents entry lines,
// one JSON line per happening and the summary as the last line.

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

struct Run
{
    int exitCode = -1;
    QList<QByteArray> lines;
    QByteArray err;
    QJsonObject summary() const
    {
        return lines.isEmpty() ? QJsonObject()
                               : QJsonDocument::fromJson(lines.last()).object().value(
                                     QLatin1String("summary")).toObject();
    }
};

Run runProgram(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(EVENTFLOW_BIN_DIR "/eventflow"), arguments);
    Run r;
    if (!process.waitForFinished(120000)) {
        r.err = "did not finish: " + process.errorString().toUtf8();
        return r;
    }
    r.exitCode = process.exitCode();
    const QByteArray out = process.readAllStandardOutput();
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty())
            r.lines << line;
    }
    r.err = process.readAllStandardError();
    return r;
}

QString write(QTemporaryDir &dir, const char *name, const QByteArray &text)
{
    const QString path = dir.filePath(QLatin1String(name));
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(text);
    return path;
}

const QByteArray kWalkThrough =
    R"({"eventType":"OrderPlaced","customerId":"customer-12345","amount":149.99,"items":[{"productId":"laptop-001","quantity":1,"price":149.99}]}
{"eventType":"PaymentProcessed","orderId":"order-67890","amount":149.99}
{"eventType":"InventoryUpdated","productId":"laptop-001","quantityChange":-5,"newQuantity":8}
{"eventType":"OrderPlaced","customerId":"vip-customer-001","amount":299.99,"items":[{"productId":"premium-laptop","quantity":1,"price":299.99}]}
{"eventType":"OrderPlaced","customerId":"regular-customer-002","amount":29.99,"items":[{"productId":"basic-accessory","quantity":1,"price":29.99}]}
)";

double metric(const QJsonObject &summary, const char *group, const char *name, const char *metric)
{
    return summary.value(QLatin1String(group)).toObject().value(QLatin1String(name)).toObject()
        .value(QLatin1String(metric)).toDouble(-1);
}

} // namespace

class TestRunCommand : public QObject
{
    Q_OBJECT

private slots:
    void labWalkThrough();
    void putEventsEntries();
    void traceFile();
    void scenarioFileAndErrors();
    void sameRuleNameOnTwoBuses();
};

void TestRunCommand::labWalkThrough()
{
    QTemporaryDir dir;
    const Run r = runProgram({QStringLiteral("run"), QStringLiteral("--events"),
                              write(dir, "walk.jsonl", kWalkThrough)});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.lines.size() > 20, r.err.constData());
    // Every line before the last is one happening.
    for (qsizetype i = 0; i + 1 < r.lines.size(); ++i) {
        const QJsonObject h = QJsonDocument::fromJson(r.lines[i]).object();
        QVERIFY2(h.contains(QLatin1String("happening")) && h.contains(QLatin1String("time")),
                 r.lines[i].constData());
    }
    const QJsonObject s = r.summary();
    QCOMPARE(metric(s, "rules", "user3-order-processing-rule", "MatchedEvents"), 3.0);
    QCOMPARE(metric(s, "rules", "user3-order-processing-rule", "Invocations"), 3.0);
    QCOMPARE(metric(s, "rules", "user3-inventory-update-rule", "Invocations"), 4.0);
    QCOMPARE(metric(s, "rules", "user3-payment-processing-rule", "Invocations"), 1.0);
    QCOMPARE(metric(s, "rules", "user3-high-value-order-rule", "MatchedEvents"), 2.0);
    QCOMPARE(metric(s, "rules", "user3-high-value-order-rule", "FailedInvocations"), 0.0);
    QCOMPARE(metric(s, "consumers", "user3-order-processor", "Invocations"), 3.0);
    QCOMPARE(metric(s, "consumers", "user3-high-value-processor", "Invocations"), 2.0);
    QCOMPARE(metric(s, "consumers", "user3-inventory-updater", "Errors"), 0.0);
    QCOMPARE(metric(s, "consumers", "user3-event-producer", "Invocations"), 5.0);
    const QJsonArray inventoryLogs = s.value(QLatin1String("consumers")).toObject()
        .value(QLatin1String("user3-inventory-updater")).toObject().value(QLatin1String("logs")).toArray();
    bool lowStock = false;
    for (const QJsonValue &line : inventoryLogs)
        lowStock = lowStock || line.toString().contains(QLatin1String("LOW STOCK"));
    QVERIFY(lowStock);
    const QJsonArray highLogs = s.value(QLatin1String("consumers")).toObject()
        .value(QLatin1String("user3-high-value-processor")).toObject().value(QLatin1String("logs")).toArray();
    QString all;
    for (const QJsonValue &line : highLogs)
        all += line.toString() + QLatin1Char('\n');
    QVERIFY(all.contains(QLatin1String("Customer: customer-12345")));
    QVERIFY(all.contains(QLatin1String("Customer: vip-customer-001")));
    QVERIFY(!all.contains(QLatin1String("regular-customer-002")));
    QVERIFY(s.value(QLatin1String("queues")).isObject());
}

void TestRunCommand::putEventsEntries()
{
    QTemporaryDir dir;
    const QByteArray events =
        R"({"Source":"ecommerce.application","DetailType":"OrderPlaced","Detail":"{\"amount\":150,\"items\":[]}","EventBusName":"user3-ecommerce-events"}
{"Source":"ecommerce.application","DetailType":"OrderPlaced","Detail":{"amount":50,"items":[]},"EventBusName":"user3-ecommerce-events"}
{"Source":"aws.shop","DetailType":"OrderPlaced","Detail":{},"EventBusName":"user3-ecommerce-events"}
not json
)";
    const Run r = runProgram({QStringLiteral("run"), QStringLiteral("--events"),
                              write(dir, "entries.jsonl", events)});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject s = r.summary();
    QCOMPARE(metric(s, "rules", "user3-order-processing-rule", "MatchedEvents"), 2.0);
    QCOMPARE(metric(s, "rules", "user3-high-value-order-rule", "MatchedEvents"), 1.0);
    QVERIFY(r.err.contains("NotAuthorizedForSourceException"));
    QVERIFY(r.err.contains(":4: not a JSON object"));
    bool rejected = false;
    for (const QByteArray &line : r.lines)
        rejected = rejected || line.contains("\"happening\":\"EntryRejected\"");
    QVERIFY(rejected);
}

void TestRunCommand::traceFile()
{
    QTemporaryDir dir;
    const QString trace = dir.filePath(QStringLiteral("trace.jsonl"));
    const Run r = runProgram({QStringLiteral("run"), QStringLiteral("--events"),
                              write(dir, "walk.jsonl", kWalkThrough), QStringLiteral("--trace"), trace});
    QCOMPARE(r.exitCode, 0);
    QFile f(trace);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QList<QByteArray> traced = f.readAll().trimmed().split('\n');
    QCOMPARE(traced.size(), r.lines.size() - 1);
    QCOMPARE(traced.first(), r.lines.first());
}

void TestRunCommand::scenarioFileAndErrors()
{
    QTemporaryDir dir;
    const QString scenario = write(dir, "s.json", R"({"format":"eventflow-scenario","version":1,
        "rules":[{"name":"all","eventPattern":{"source":["a"]},
                  "targets":[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:123456789012:inbox"}]}]})");
    const QString events = write(dir, "e.jsonl", R"({"Source":"a","DetailType":"T","Detail":{}}
{"Source":"a","DetailType":"T","Detail":{}}
)");
    const Run ok = runProgram({QStringLiteral("run"), scenario, QStringLiteral("--events"), events});
    QCOMPARE(ok.exitCode, 0);
    QCOMPARE(metric(ok.summary(), "queues", "inbox", "messages"), 2.0);
    QCOMPARE(metric(ok.summary(), "rules", "all", "Invocations"), 2.0);

    const QString broken = write(dir, "b.json", R"({"format":"eventflow-scenario","version":1,"rules":[{"name":"x"}]})");
    const Run bad = runProgram({QStringLiteral("run"), broken, QStringLiteral("--events"), events});
    QCOMPARE(bad.exitCode, 2);
    QVERIFY(bad.lines.isEmpty());
    QVERIFY2(bad.err.contains("$.rules[0]"), bad.err.constData());
    const Run noEvents = runProgram({QStringLiteral("run")});
    QCOMPARE(noEvents.exitCode, 2);
    const Run missing = runProgram({QStringLiteral("run"), QStringLiteral("--events"),
                                    dir.filePath(QStringLiteral("nope.jsonl"))});
    QCOMPARE(missing.exitCode, 2);
    QVERIFY(missing.err.contains("cannot read"));
}

// Rule names are unique per bus only: the summary keeps both rules' totals.
void TestRunCommand::sameRuleNameOnTwoBuses()
{
    QTemporaryDir dir;
    const QString scenario = write(dir, "s.json", R"({"format":"eventflow-scenario","version":1,
        "buses":[{"name":"orders"}],
        "rules":[{"name":"same","eventPattern":{"source":["a"]},
                  "targets":[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:123456789012:q1"}]},
                 {"name":"same","eventBusName":"orders","eventPattern":{"source":["a"]},
                  "targets":[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:123456789012:q2"}]},
                 {"name":"only","eventBusName":"orders","eventPattern":{"source":["a"]},
                  "targets":[{"Id":"q","Arn":"arn:aws:sqs:us-east-1:123456789012:q2"}]}]})");
    const QString events = write(dir, "e.jsonl", R"({"Source":"a","DetailType":"T","Detail":{}}
{"Source":"a","DetailType":"T","Detail":{},"EventBusName":"orders"}
{"Source":"a","DetailType":"T","Detail":{},"EventBusName":"orders"}
)");
    const Run r = runProgram({QStringLiteral("run"), scenario, QStringLiteral("--events"), events});
    QCOMPARE(r.exitCode, 0);
    const QJsonObject rules = r.summary().value(QLatin1String("rules")).toObject();
    QCOMPARE(rules.keys(), QStringList({"only", "orders/same", "same"}));
    QCOMPARE(metric(r.summary(), "rules", "same", "Invocations"), 1.0);
    QCOMPARE(metric(r.summary(), "rules", "orders/same", "Invocations"), 2.0);
    QCOMPARE(metric(r.summary(), "rules", "only", "Invocations"), 2.0);
}

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_runcommand.moc"
