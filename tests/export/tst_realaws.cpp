// The exports fed to the real AWS tools against `eventflow serve --empty`:
// every CLI input JSON document through Debian's /usr/bin/aws
// (`aws events <operation> --cli-input-json file://...`), and the exported
// deploy and clean-up scripts run by bash with /usr/bin/aws first on PATH
// and ENDPOINT_URL set. After each, the engine is asked through
// /usr/bin/aws list-event-buses / list-rules / list-targets-by-rule and must
// hold exactly the scenario's buses, rules and targets, and after the
// clean-up nothing but the default bus.

#include "ExportFixtures.h"
#include "ExportTestUtil.h"

#include "core/io/CliJson.h"
#include "core/io/Export.h"
#include "core/io/ExportSelection.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using ef::io::ExportFormat;

class TestRealAws : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void cliInputJson_data();
    void cliInputJson();
    void scripts_data();
    void scripts();

private:
    QProcess m_server;
    QString m_endpoint;
    QTemporaryDir m_home;

    QProcessEnvironment awsEnvironment(const QString &region) const;
    exporttest::Run aws(const QStringList &args, const QString &region = {}) const;
    // Several independent calls at once (each aws run spends seconds starting).
    std::vector<QJsonDocument> awsAll(const std::vector<QStringList> &calls,
                                      QString *error) const;
    QStringList engineState(const ef::Scenario &scenario) const;
    QStringList expectedState(const ef::Scenario &scenario) const;
    void emptyEngine();
};

namespace {

const QString kAws = QStringLiteral("/usr/bin/aws");

std::string canonical(const QString &jsonText)
{
    ef::json::Value v;
    return ef::json::parse(jsonText.toStdString(), v) ? ef::json::toText(v) : "<not JSON>";
}

QString operationOf(const QString &fileName)
{
    static const QRegularExpression re(
        QStringLiteral("^[0-9]+-(create-event-bus|put-rule|put-targets)-"));
    return re.match(fileName).captured(1);
}

} // namespace

QProcessEnvironment TestRealAws::awsEnvironment(const QString &region) const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("HOME"), m_home.path());  // no user config or credentials
    env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("AKIDEVENTFLOWTEST"));
    env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("eventflow"));
    env.insert(QStringLiteral("AWS_DEFAULT_REGION"), region.isEmpty() ? "us-east-1" : region);
    env.insert(QStringLiteral("AWS_PAGER"), QString());
    env.insert(QStringLiteral("AWS_EC2_METADATA_DISABLED"), QStringLiteral("true"));
    // The scripts call `aws`: Debian's, whatever the PATH had first.
    env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/bin:/bin"));
    return env;
}

exporttest::Run TestRealAws::aws(const QStringList &args, const QString &region) const
{
    return exporttest::run(kAws, QStringList{"--endpoint-url", m_endpoint, "--output", "json"}
                                     + args,
                           awsEnvironment(region));
}

void TestRealAws::initTestCase()
{
    const QString eventflow = QStringLiteral(EVENTFLOW_BIN_DIR "/eventflow");
    for (const QString &tool : {kAws, eventflow, QStringLiteral("/usr/bin/python3")}) {
        if (!QFileInfo(tool).isExecutable())
            QFAIL(qPrintable(tool + QStringLiteral(" is missing (scripts/deps.sh installs "
                                                   "awscli; the build makes eventflow)")));
    }
    QVERIFY(m_home.isValid());
    // A free port, from the kernel.
    const exporttest::Run port = exporttest::run(
        QStringLiteral("/usr/bin/python3"),
        {QStringLiteral("-c"), QStringLiteral("import socket; s = socket.socket(); "
                                              "s.bind(('127.0.0.1', 0)); "
                                              "print(s.getsockname()[1])")});
    QVERIFY2(port.exitCode == 0, qPrintable(port.describe()));
    m_server.setProcessChannelMode(QProcess::MergedChannels);
    m_server.start(eventflow, {QStringLiteral("serve"), QStringLiteral("--empty"),
                               QStringLiteral("--bind"), QStringLiteral("127.0.0.1"),
                               QStringLiteral("--port"), port.out.trimmed()});
    QVERIFY2(m_server.waitForStarted(10000), qPrintable(m_server.errorString()));
    QByteArray output;
    const QRegularExpression listening(QStringLiteral("listening on (http://\\S+)"));
    QDeadlineTimer deadline(30000);
    while (!deadline.hasExpired() && m_endpoint.isEmpty()) {
        if (m_server.state() != QProcess::Running)
            break;
        m_server.waitForReadyRead(500);
        output += m_server.readAll();
        const QRegularExpressionMatch m = listening.match(QString::fromUtf8(output));
        if (m.hasMatch())
            m_endpoint = m.captured(1);
    }
    QVERIFY2(!m_endpoint.isEmpty(),
             qPrintable(QStringLiteral("eventflow serve did not say where it listens:\n")
                        + QString::fromUtf8(output)));
}

void TestRealAws::cleanupTestCase()
{
    if (m_server.state() == QProcess::Running) {
        m_server.terminate();
        if (!m_server.waitForFinished(5000))
            m_server.kill();
        m_server.waitForFinished(5000);
    }
}

void TestRealAws::init()
{
    emptyEngine();
}

std::vector<QJsonDocument> TestRealAws::awsAll(const std::vector<QStringList> &calls,
                                               QString *error) const
{
    std::vector<std::unique_ptr<QProcess>> processes;
    for (const QStringList &args : calls) {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(awsEnvironment({}));
        p->start(kAws, QStringList{"--endpoint-url", m_endpoint, "--output", "json"} + args);
        processes.push_back(std::move(p));
    }
    std::vector<QJsonDocument> results;
    for (std::size_t i = 0; i < processes.size(); ++i) {
        QProcess &p = *processes[i];
        if (!p.waitForFinished(120000) || p.exitStatus() != QProcess::NormalExit
            || p.exitCode() != 0) {
            error->append(QStringLiteral("aws %1 failed: %2\n")
                              .arg(calls[i].join(QLatin1Char(' ')),
                                   QString::fromUtf8(p.readAllStandardError())));
        }
        results.push_back(QJsonDocument::fromJson(p.readAllStandardOutput()));
    }
    return results;
}

// Whatever a previous row left (it may have failed half-way) goes away.
void TestRealAws::emptyEngine()
{
    QString error;
    const QJsonArray buses =
        awsAll({{"events", "list-event-buses"}}, &error).front()["EventBuses"].toArray();
    QVERIFY2(error.isEmpty(), qPrintable(error));
    std::vector<QStringList> listRules;
    for (const QJsonValue &bus : buses)
        listRules.push_back({"events", "list-rules", "--event-bus-name", bus["Name"].toString()});
    const std::vector<QJsonDocument> rules = awsAll(listRules, &error);
    for (std::size_t b = 0; b < rules.size(); ++b) {
        const QString name = listRules[b].last();
        for (const QJsonValue &rule : rules[b]["Rules"].toArray()) {
            const QString ruleName = rule["Name"].toString();
            const exporttest::Run targets = aws(
                {"events", "list-targets-by-rule", "--event-bus-name", name, "--rule", ruleName});
            QStringList ids;
            for (const QJsonValue &t :
                 QJsonDocument::fromJson(targets.out.toUtf8())["Targets"].toArray())
                ids << t["Id"].toString();
            if (!ids.isEmpty())
                aws(QStringList{"events", "remove-targets", "--event-bus-name", name, "--rule",
                                ruleName, "--ids"}
                    + ids);
            aws({"events", "delete-rule", "--event-bus-name", name, "--name", ruleName});
        }
        if (name != QLatin1String("default"))
            aws({"events", "delete-event-bus", "--name", name});
    }
}

// The engine's buses, rules and targets as sorted lines, through the real
// CLI: list-event-buses, then list-rules per bus, then list-targets-by-rule
// per rule, each wave run at once.
QStringList TestRealAws::engineState(const ef::Scenario &scenario) const
{
    Q_UNUSED(scenario);
    QString error;
    QStringList lines;
    const QJsonArray buses =
        awsAll({{"events", "list-event-buses"}}, &error).front()["EventBuses"].toArray();
    std::vector<QStringList> listRules;
    for (const QJsonValue &bus : buses) {
        const QString name = bus["Name"].toString();
        if (name != QLatin1String("default"))
            lines << QStringLiteral("bus %1").arg(name);
        listRules.push_back({"events", "list-rules", "--event-bus-name", name});
    }
    const std::vector<QJsonDocument> rules = awsAll(listRules, &error);
    std::vector<QStringList> listTargets;
    for (std::size_t b = 0; b < rules.size(); ++b) {
        const QString bus = listRules[b].last();
        for (const QJsonValue &rule : rules[b]["Rules"].toArray()) {
            lines << QStringLiteral("rule %1 on %2 state=%3 description=%4 pattern=%5")
                         .arg(rule["Name"].toString(), bus, rule["State"].toString(),
                              rule["Description"].toString(),
                              QString::fromStdString(canonical(rule["EventPattern"].toString())));
            listTargets.push_back({"events", "list-targets-by-rule", "--event-bus-name", bus,
                                   "--rule", rule["Name"].toString()});
        }
    }
    const std::vector<QJsonDocument> targets = awsAll(listTargets, &error);
    for (std::size_t r = 0; r < targets.size(); ++r) {
        for (const QJsonValue &t : targets[r]["Targets"].toArray()) {
            lines << QStringLiteral("  target of %1: %2")
                         .arg(listTargets[r].last(),
                              QString::fromUtf8(
                                  QJsonDocument(t.toObject()).toJson(QJsonDocument::Compact)));
        }
    }
    if (!error.isEmpty())
        return {error};
    std::sort(lines.begin(), lines.end());
    return lines;
}

QStringList TestRealAws::expectedState(const ef::Scenario &scenario) const
{
    QStringList lines;
    for (const ef::CreateEventBusRequest &bus : scenario.buses)
        lines << QStringLiteral("bus %1").arg(bus.name);
    for (const ef::ScenarioRule &r : scenario.rules) {
        lines << QStringLiteral("rule %1 on %2 state=%3 description=%4 pattern=%5")
                     .arg(r.rule.name, ef::io::ruleBusName(r.rule),
                          r.rule.state.value_or(QStringLiteral("ENABLED")),
                          r.rule.description.value_or(QString()),
                          QString::fromStdString(canonical(*r.rule.eventPattern)));
        for (const ef::Target &t : r.targets) {
            // Through QJsonDocument, as the listing is, so both read alike.
            const QByteArray doc =
                QByteArray::fromStdString(ef::json::toText(ef::io::targetDocument(t)));
            lines << QStringLiteral("  target of %1: %2")
                         .arg(r.rule.name,
                              QString::fromUtf8(QJsonDocument::fromJson(doc).toJson(
                                  QJsonDocument::Compact)));
        }
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

void TestRealAws::cliInputJson_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addRow("lab") << exportfixtures::lab();
    QTest::addRow("every option") << exportfixtures::everything();
}

void TestRealAws::cliInputJson()
{
    QFETCH(ef::Scenario, scenario);
    const ef::io::ExportResult exported = exportScenario(scenario, ExportFormat::CliJson);
    QVERIFY2(exported.ok, qPrintable(exported.error));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(exporttest::writeFiles(dir.path(), exported.files, &error), qPrintable(error));
    for (const ef::io::ExportedFile &file : exported.files) {
        const exporttest::Run r =
            aws({"events", operationOf(file.name), "--cli-input-json",
                 "file://" + dir.filePath(file.name)},
                scenario.settings.region);
        QVERIFY2(r.exitCode == 0, qPrintable(file.name + QLatin1Char('\n') + r.describe()));
        if (operationOf(file.name) == QLatin1String("put-targets"))
            QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8())["FailedEntryCount"].toInt(-1), 0);
    }
    QCOMPARE(engineState(scenario), expectedState(scenario));
}

void TestRealAws::scripts_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addRow("lab") << exportfixtures::lab();
    QTest::addRow("every option") << exportfixtures::everything();
}

void TestRealAws::scripts()
{
    QFETCH(ef::Scenario, scenario);
    const ef::io::ExportResult exported = exportScenario(scenario, ExportFormat::AwsCli);
    QVERIFY2(exported.ok, qPrintable(exported.error));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(exporttest::writeFiles(dir.path(), exported.files, &error), qPrintable(error));
    QProcessEnvironment env = awsEnvironment(scenario.settings.region);
    env.insert(QStringLiteral("ENDPOINT_URL"), m_endpoint);
    const QString bash = QStringLiteral("/bin/bash");
    // Twice: the second run finds everything there and changes nothing.
    for (int pass = 1; pass <= 2; ++pass) {
        const exporttest::Run deploy = exporttest::run(bash, {dir.filePath("deploy.sh")}, env);
        QVERIFY2(deploy.exitCode == 0,
                 qPrintable(QStringLiteral("deploy.sh pass %1\n").arg(pass) + deploy.describe()));
        QCOMPARE(engineState(scenario), expectedState(scenario));
    }
    for (int pass = 1; pass <= 2; ++pass) {
        const exporttest::Run cleanup = exporttest::run(bash, {dir.filePath("cleanup.sh")}, env);
        QVERIFY2(cleanup.exitCode == 0,
                 qPrintable(QStringLiteral("cleanup.sh pass %1\n").arg(pass)
                            + cleanup.describe()));
        QCOMPARE(engineState(scenario), QStringList());
    }
}

QTEST_GUILESS_MAIN(TestRealAws)
#include "tst_realaws.moc"
