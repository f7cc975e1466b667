// Scenario files: every problem reported with its JSON path, a broken file
// changes nothing, saving is atomic, and what is saved loads back the same.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

namespace {

QByteArray labText()
{
    QFile f(QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray minimal(const QByteArray &body)
{
    return R"({"format":"eventflow-scenario","version":1)" + (body.isEmpty() ? "" : "," + body) + "}";
}

} // namespace

class TestScenarioFile : public QObject
{
    Q_OBJECT

private slots:
    void builtInLabLoads();
    void errorsNameTheirPath_data();
    void errorsNameTheirPath();
    void everyProblemIsReported();
    void brokenFileChangesNothing();
    void saveIsAtomic();
    void roundTrip();
    void placeholdersResolve();
};

void TestScenarioFile::builtInLabLoads()
{
    const QByteArray text = labText();
    if (text.isEmpty())
        QFAIL("resources/scenarios/storefront-lab.json is missing");
    const ef::ScenarioLoad loaded = ef::ScenarioFile::parse(text);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(QLatin1Char('\n'))));
    QCOMPARE(loaded.scenario->settings.usernamePrefix, QStringLiteral("user3"));
    QCOMPARE(loaded.scenario->settings.account, QStringLiteral("123456789012"));
    QCOMPARE(loaded.scenario->settings.region, QStringLiteral("us-east-1"));
    QCOMPARE(loaded.scenario->buses.size(), std::size_t(1));
    QCOMPARE(loaded.scenario->rules.size(), std::size_t(4));
    QCOMPARE(loaded.scenario->consumers.size(), std::size_t(4));
    // No lab names are left as placeholders.
    QVERIFY(!ef::ScenarioFile::toJson(*loaded.scenario).contains("{prefix}"));
}

void TestScenarioFile::errorsNameTheirPath_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("error");
    QTest::addRow("not JSON") << QByteArray("{") << "$: not valid JSON";
    QTest::addRow("not an object") << QByteArray("[]") << "$: a scenario is a JSON object";
    QTest::addRow("wrong format") << QByteArray(R"({"format":"x","version":1})") << "$.format: must be";
    QTest::addRow("future version") << QByteArray(R"({"format":"eventflow-scenario","version":9})")
                                    << "$.version: version 9 is newer";
    QTest::addRow("unknown member") << minimal(R"("colour":"red")") << "$.colour: unknown member";
    QTest::addRow("bad account") << minimal(R"("settings":{"account":"12"})")
                                 << "$.settings.account: must be 12 digits";
    QTest::addRow("bad prefix") << minimal(R"("settings":{"usernamePrefix":"user 3"})")
                                << "$.settings.usernamePrefix";
    QTest::addRow("bus without a name") << minimal(R"("buses":[{"description":"x"}])")
                                        << "$.buses[0].name: required";
    QTest::addRow("invalid bus name") << minimal(R"("buses":[{"name":"a b"}])")
                                      << "$.buses[0]: 1 validation error detected";
    QTest::addRow("rule on a missing bus")
        << minimal(R"("rules":[{"name":"r","eventBusName":"nope","eventPattern":{"source":["a"]}}])")
        << "$.rules[0]: Event bus nope does not exist.";
    QTest::addRow("invalid pattern")
        << minimal(R"("rules":[{"name":"r","eventPattern":{"source":"a"}}])")
        << "$.rules[0]: Event pattern is not valid. Reason:";
    QTest::addRow("pattern of the wrong type") << minimal(R"("rules":[{"name":"r","eventPattern":5}])")
                                               << "$.rules[0].eventPattern: must be an object or a string";
    QTest::addRow("target without Arn")
        << minimal(R"("rules":[{"name":"r","eventPattern":{"source":["a"]},"targets":[{"Id":"1"}]}])")
        << "$.rules[0].targets[0].Arn: required";
    QTest::addRow("unsupported target")
        << minimal(R"("rules":[{"name":"r","eventPattern":{"source":["a"]},"targets":[{"Id":"1","Arn":"x"},{"Id":"2","Arn":"arn:aws:sns:us-east-1:1:t"}]}])")
        << "$.rules[0].targets[0]: Parameter x is not valid.";
    QTest::addRow("retry policy out of range")
        << minimal(R"("rules":[{"name":"r","eventPattern":{"source":["a"]},"targets":[{"Id":"1","Arn":"arn:aws:lambda:us-east-1:123456789012:function:f","RetryPolicy":{"MaximumRetryAttempts":200}}]}])")
        << "$.rules[0].targets: 1 validation error detected";
    QTest::addRow("consumer latency") << minimal(R"("consumers":[{"name":"f","latencyMs":-1}])")
                                      << "$.consumers[0].latencyMs";
    QTest::addRow("producer without types")
        << minimal(R"("producers":[{"name":"p","eventBusName":"default","source":"s"}])")
        << "$.producers[0].types: required";
    QTest::addRow("sample for a missing producer")
        << minimal(R"("sampleEvents":[{"name":"x","producer":"p","body":{}}])")
        << "$.sampleEvents[0].producer: no producer named \"p\"";
    QTest::addRow("layout not a point") << minimal(R"("layout":{"bus":[1]})")
                                        << "$.layout.bus: must be [x, y]";
}

void TestScenarioFile::errorsNameTheirPath()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, error);
    const ef::ScenarioLoad loaded = ef::ScenarioFile::parse(text);
    QVERIFY(!loaded.ok());
    QVERIFY(!loaded.errors.isEmpty());
    QVERIFY2(loaded.errors.front().startsWith(error), qPrintable(loaded.errors.join(QLatin1Char('\n'))));
}

void TestScenarioFile::everyProblemIsReported()
{
    const ef::ScenarioLoad loaded = ef::ScenarioFile::parse(
        minimal(R"("colour":1,"buses":[{"name":1},{"nam":"x"}],"settings":{"region":"mars"})"));
    QVERIFY(!loaded.ok());
    QVERIFY2(loaded.errors.size() >= 4, qPrintable(loaded.errors.join(QLatin1Char('\n'))));
    const QString all = loaded.errors.join(QLatin1Char('\n'));
    for (const char *path : {"$.colour", "$.buses[0].name", "$.buses[1].nam", "$.settings.region"})
        QVERIFY2(all.contains(QLatin1String(path)), qPrintable(all));
}

void TestScenarioFile::brokenFileChangesNothing()
{
    const ef::ScenarioLoad lab = ef::ScenarioFile::parse(labText());
    QVERIFY(lab.ok());
    ef::Engine engine;
    QVERIFY(engine.applyScenario(*lab.scenario));
    // A scenario that passes the file's structure but not the engine: the
    // engine keeps what it had, whole.
    ef::Scenario broken = *lab.scenario;
    broken.rules.back().rule.eventPattern = QStringLiteral(R"({"detail":{"amount":[{"numeric":[">>",1]}]}})");
    const ef::Status applied = engine.applyScenario(broken);
    QVERIFY(!applied);
    QVERIFY2(applied.error().message.startsWith(QLatin1String("$.rules[3]")),
             qPrintable(applied.error().message));
    QVERIFY(engine.describeEventBus(QStringLiteral("user3-ecommerce-events")));
    ef::ListRulesRequest r;
    r.eventBusName = QStringLiteral("user3-ecommerce-events");
    QCOMPARE(engine.listRules(r)->rules.size(), std::size_t(4));
    QCOMPARE(engine.consumers().size(), std::size_t(4));
    QVERIFY(!engine.invokeProducer(QString(), "{}").eventId.isEmpty());
    // A file that fails to load leaves the file and the engine alone too.
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"format\":\"eventflow-scenario\",\"version\":1,\"rules\":[{}]}");
    f.close();
    const ef::ScenarioLoad bad = ef::ScenarioFile::load(path);
    QVERIFY(!bad.ok());
    QVERIFY(!bad.scenario);
    QCOMPARE(engine.consumers().size(), std::size_t(4));
}

void TestScenarioFile::saveIsAtomic()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.json"));
    const ef::ScenarioLoad lab = ef::ScenarioFile::parse(labText());
    QVERIFY(lab.ok());
    QVERIFY(ef::ScenarioFile::save(*lab.scenario, path));
    QFile saved(path);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    const QByteArray before = saved.readAll();
    saved.close();
    // A save that cannot complete keeps the old file exactly as it was. The
    // final rename is refused: for a normal user by a read-only directory, for
    // root (whom permissions do not stop) by the file's immutable attribute.
    const bool root = ::geteuid() == 0;
    auto setLocked = [&](bool locked) {
        if (root)
            return QProcess::execute(QStringLiteral("chattr"),
                                     {locked ? QStringLiteral("+i") : QStringLiteral("-i"), path})
                   == 0;
        return QFile::setPermissions(dir.path(), locked ? QFile::ReadOwner | QFile::ExeOwner
                                                        : QFile::ReadOwner | QFile::WriteOwner
                                                              | QFile::ExeOwner);
    };
    if (!setLocked(true))
        QFAIL("cannot make the saved file unwritable (chattr +i, needed when running as root)");
    ef::Scenario changed = *lab.scenario;
    changed.name = QStringLiteral("changed");
    const ef::Status failed = ef::ScenarioFile::save(changed, path);
    QVERIFY(setLocked(false));
    QVERIFY(!failed);
    QCOMPARE(failed.error().code, QStringLiteral("SaveFailed"));
    QVERIFY2(failed.error().message.contains(path), qPrintable(failed.error().message));
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), before);
    saved.close();
    QVERIFY(ef::ScenarioFile::save(changed, path));
    QCOMPARE(ef::ScenarioFile::load(path).scenario->name, QStringLiteral("changed"));
    // No temporary files are left behind.
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList({QStringLiteral("lab.json")}));
    // Saving to a path in a missing directory fails with the path named.
    const ef::Status missing = ef::ScenarioFile::save(changed, dir.filePath(QStringLiteral("no/such/x.json")));
    QVERIFY(!missing);
    QVERIFY(missing.error().message.contains(QLatin1String("no/such/x.json")));
}

void TestScenarioFile::roundTrip()
{
    const ef::ScenarioLoad lab = ef::ScenarioFile::parse(labText());
    QVERIFY(lab.ok());
    ef::Engine engine;
    QVERIFY(engine.applyScenario(*lab.scenario));
    engine.setNodePosition(QStringLiteral("user3-ecommerce-events"), QPointF(120, 80));
    ef::Target t;
    t.id = QStringLiteral("dlq-demo");
    t.arn = QStringLiteral("arn:aws:sqs:us-east-1:123456789012:orders");
    t.inputPath = QStringLiteral("$.detail");
    t.retryPolicy = ef::RetryPolicy{3, 120};
    t.deadLetterConfig = ef::DeadLetterConfig{QStringLiteral("arn:aws:sqs:us-east-1:123456789012:dlq")};
    QVERIFY(engine.putTargets({QStringLiteral("user3-payment-processing-rule"),
                               QStringLiteral("user3-ecommerce-events"), {t}}));
    const ef::Scenario snap = engine.snapshot();
    const QByteArray text = ef::ScenarioFile::toJson(snap);
    const ef::ScenarioLoad again = ef::ScenarioFile::parse(text);
    QVERIFY2(again.ok(), qPrintable(again.errors.join(QLatin1Char('\n'))));
    QCOMPARE(ef::ScenarioFile::toJson(*again.scenario), text);
    ef::Engine second;
    QVERIFY(second.applyScenario(*again.scenario));
    QCOMPARE(second.nodePositions().value(QStringLiteral("user3-ecommerce-events")), QPointF(120, 80));
    ef::ListTargetsByRuleRequest list;
    list.rule = QStringLiteral("user3-payment-processing-rule");
    list.eventBusName = QStringLiteral("user3-ecommerce-events");
    const auto targets = second.listTargetsByRule(list);
    QCOMPARE(targets->targets.size(), std::size_t(2));
    QCOMPARE(targets->targets[1].retryPolicy->maximumRetryAttempts, 3);
    QCOMPARE(targets->targets[1].inputPath.value(), QStringLiteral("$.detail"));
    QCOMPARE(second.snapshot().sampleEvents.size(), std::size_t(5));
}

void TestScenarioFile::placeholdersResolve()
{
    const ef::ScenarioLoad loaded = ef::ScenarioFile::parse(minimal(
        R"("settings":{"usernamePrefix":"ann","account":"111122223333","region":"eu-west-1"},)"
        R"("buses":[{"name":"{prefix}-bus"}],)"
        R"("rules":[{"name":"{prefix}-r","eventBusName":"{prefix}-bus","eventPattern":{"source":["a"]},)"
        R"("targets":[{"Id":"1","Arn":"arn:aws:lambda:{region}:{account}:function:{prefix}-fn"}]}])"));
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join(QLatin1Char('\n'))));
    ef::Engine engine;
    QVERIFY(engine.applyScenario(*loaded.scenario));
    QVERIFY(engine.describeEventBus(QStringLiteral("ann-bus")));
    QCOMPARE(engine.consumers().front().arn,
             QStringLiteral("arn:aws:lambda:eu-west-1:111122223333:function:ann-fn"));
}

QTEST_GUILESS_MAIN(TestScenarioFile)
#include "tst_scenariofile.moc"
