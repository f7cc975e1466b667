// ctest-label: heavy
// Real-client load: Debian's boto3 sends 200,000 PutEvents entries from 8
// threads through the local endpoint while the window (offscreen) shows the
// same engine. Every entry boto3 saw accepted is in the engine's books (and
// nothing else is), every delivery ends delivered, dead-lettered or dropped
// with a reason, no entry is lost, and the server still answers afterwards.

#include "core/api/ApiServer.h"
#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>

namespace {

constexpr int kEntries = 200000;
constexpr int kThreads = 8;

QProcessEnvironment clientEnvironment(const QString &home)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
    env.insert(QStringLiteral("AWS_CONFIG_FILE"), home + QStringLiteral("/aws-config"));
    env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), home + QStringLiteral("/aws-creds"));
    env.remove(QStringLiteral("AWS_PROFILE"));
    env.remove(QStringLiteral("HTTP_PROXY"));
    env.remove(QStringLiteral("http_proxy"));
    env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
    return env;
}

} // namespace

class TestRealClientLoad : public QObject
{
    Q_OBJECT

private slots:
    void boto3FromEightThreads();
};

void TestRealClientLoad::boto3FromEightThreads()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        QFAIL("/usr/bin/python3 is missing (scripts/deps.sh installs python3-boto3)");
    ef::EngineOptions options;
    options.eventCapacity = 1 << 18;  // keep every envelope for the per-id check below
    ef::Engine engine(options);
    const ef::ScenarioLoad lab = ef::ScenarioFile::load(
        QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json"));
    QVERIFY2(lab.ok(), qPrintable(lab.errors.join(u'\n')));
    QVERIFY(engine.applyScenario(*lab.scenario));
    // A rule for the load: every entry goes to a fast function and a queue.
    const QString bus = engine.settings().usernamePrefix + QStringLiteral("-ecommerce-events");
    ef::PutRuleRequest rule;
    rule.name = QStringLiteral("load-test");
    rule.eventBusName = bus;
    rule.eventPattern = QStringLiteral(R"({"source":["load.test"]})");
    QVERIFY(engine.putRule(rule));
    QVERIFY(engine.putConsumer(QJsonObject{{QStringLiteral("name"), QStringLiteral("load-fn")},
                                           {QStringLiteral("latencyMs"), 5},
                                           {QStringLiteral("concurrency"), 1000},
                                           {QStringLiteral("failureRate"), 0.0}}));
    ef::Target fn;
    fn.id = QStringLiteral("fn");
    fn.arn = QStringLiteral("arn:aws:lambda:%1:%2:function:load-fn")
                 .arg(engine.settings().region, engine.settings().account);
    ef::Target queue;
    queue.id = QStringLiteral("q");
    queue.arn = QStringLiteral("arn:aws:sqs:%1:%2:load-q")
                    .arg(engine.settings().region, engine.settings().account);
    const auto put = engine.putTargets({rule.name, bus, {fn, queue}});
    QVERIFY(put && put->failedEntryCount == 0);
    engine.setClockMode(ef::ClockMode::Real);
    const ef::EngineCounters before = engine.counters();

    ef::ui::MainWindow window(&engine);
    window.resize(1280, 800);
    window.show();
    window.startLive();
    ef::api::ApiServer server(engine);
    QString error;
    QVERIFY2(server.start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
    window.setEndpointStatus(QStringLiteral("endpoint %1").arg(server.url()));

    QTemporaryDir home;
    QProcess client;
    client.setProcessEnvironment(clientEnvironment(home.path()));
    client.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral(EVENTFLOW_SOURCE_DIR "/tests/robust/boto3_load.py"), server.url(),
                  bus, QString::number(kEntries), QString::number(kThreads)});
    QVERIFY2(client.waitForStarted(10000), qPrintable(client.errorString()));
    // The window and the server share this thread's event loop while boto3 runs.
    QVERIFY2(QTest::qWaitFor([&] { return client.state() == QProcess::NotRunning; }, 540000),
             "boto3 did not finish within 9 minutes");
    const QByteArray out = client.readAllStandardOutput();
    const QByteArray err = client.readAllStandardError();
    QVERIFY2(client.exitCode() == 0, err.left(3000).constData());
    const QJsonObject r = QJsonDocument::fromJson(out.trimmed().split('\n').last()).object();
    QVERIFY2(!r.isEmpty(), out.left(2000).constData());
    qInfo("boto3: %s", out.trimmed().constData());

    const int accepted = r.value(QStringLiteral("accepted")).toInt();
    QCOMPARE(r.value(QStringLiteral("errors")).toInt(), 0);
    QCOMPARE(r.value(QStringLiteral("failed")).toInt(), 0);
    QCOMPARE(accepted, kEntries);
    QCOMPARE(r.value(QStringLiteral("distinct_ids")).toInt(), accepted);
    QCOMPARE(r.value(QStringLiteral("requests")).toInt(), kEntries / 10);

    // Every accepted entry is in the engine, nothing more: the lab's own
    // rules and producers saw no traffic meanwhile.
    QVERIFY2(QTest::qWaitFor([&] { return !engine.hasPendingDeliveries(); }, 120000),
             "deliveries still pending two minutes after the load");
    const ef::EngineCounters c = engine.counters();
    QCOMPARE(c.entriesAccepted - before.entriesAccepted, std::uint64_t(accepted));
    QCOMPARE(c.entriesRejected - before.entriesRejected, std::uint64_t(0));
    QCOMPARE(c.deliveriesCreated - before.deliveriesCreated, std::uint64_t(2) * accepted);
    QCOMPARE(c.pending, std::uint64_t(0));
    QCOMPARE(c.delivered + c.deadLettered + c.dropped, c.deliveriesCreated);
    const auto queues = engine.queues();
    const auto q = std::find_if(queues.begin(), queues.end(),
                                [](const ef::QueueInfo &i) { return i.name == "load-q"; });
    QVERIFY(q != queues.end());
    QCOMPARE(q->messagesReceived, std::uint64_t(accepted));

    // Still answering: a real client call after the load.
    QProcess after;
    after.setProcessEnvironment(clientEnvironment(home.path()));
    after.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"),
                 QStringLiteral("import boto3,sys\n"
                                "c=boto3.client('events',endpoint_url=sys.argv[1],"
                                "region_name='us-east-1')\n"
                                "print(len(c.list_event_buses()['EventBuses']))"),
                 server.url()});
    QVERIFY(after.waitForStarted(10000));
    QVERIFY(QTest::qWaitFor([&] { return after.state() == QProcess::NotRunning; }, 60000));
    QCOMPARE(after.exitCode(), 0);
    QVERIFY2(after.readAllStandardOutput().trimmed().toInt() >= 2,
             after.readAllStandardError().constData());
    QVERIFY(window.isVisible());
}

int main(int argc, char **argv)
{
    // boto3 alone needs minutes on a busy machine: more than QTest's 5-minute
    // default per function, less than ctest's 10-minute limit.
    if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", "580000");
    QApplication app(argc, argv);
    TestRealClientLoad test;
    return QTest::qExec(&test, argc, argv);
}
#include "tst_realclientload.moc"
