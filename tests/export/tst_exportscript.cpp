// The exported AWS CLI scripts run by bash with a recording stand-in for
// `aws` on PATH: the calls they make carry exactly the scenario's names,
// patterns and targets (PREFIX, ACCOUNT and REGION substituted), in an order
// the service accepts. The same scripts against `eventflow serve` with
// Debian's /usr/bin/aws are tst_realaws.

#include "ExportFixtures.h"
#include "ExportTestUtil.h"

#include "core/io/CliJson.h"
#include "core/io/Export.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

class TestExportScript : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void deployCalls_data();
    void deployCalls();
    void cleanupCalls();
    void endpointUrlOption();
};

namespace {

using Call = QStringList;

QString option(const Call &call, const QString &name)
{
    const qsizetype i = call.indexOf(name);
    return i >= 0 && i + 1 < call.size() ? call[i + 1] : QString();
}

QString operation(const Call &call)
{
    const qsizetype i = call.indexOf(QStringLiteral("events"));
    return i >= 0 && i + 1 < call.size() ? call[i + 1] : QString();
}

std::string canonical(const QString &jsonText)
{
    ef::json::Value v;
    return ef::json::parse(jsonText.toStdString(), v) ? ef::json::toText(v) : "<not JSON>";
}

struct ScriptRun
{
    exporttest::Run run;
    std::vector<Call> calls;
};

// Runs `script` of `scenario`'s aws-cli export with the fake aws first on PATH.
ScriptRun runScript(const ef::Scenario &scenario, const QString &script,
                    const QStringList &environment)
{
    ScriptRun result;
    QTemporaryDir dir;
    const ef::io::ExportResult exported = exportScenario(scenario, ef::io::ExportFormat::AwsCli);
    QString error;
    if (!exported.ok || !exporttest::writeFiles(dir.path(), exported.files, &error)) {
        result.run.err = exported.error + error;
        return result;
    }
    QDir(dir.path()).mkdir(QStringLiteral("bin"));
    QFile::copy(exporttest::sourcePath("tests/export/fake_aws.py"), dir.filePath("bin/aws"));
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PATH"), dir.filePath("bin") + QStringLiteral(":/usr/bin:/bin"));
    env.insert(QStringLiteral("FAKE_AWS_LOG"), dir.filePath("calls.jsonl"));
    for (const QString &assignment : environment)
        env.insert(assignment.section(QLatin1Char('='), 0, 0),
                   assignment.section(QLatin1Char('='), 1));
    result.run = exporttest::run(QStringLiteral("/bin/bash"), {dir.filePath(script)}, env);
    QFile log(dir.filePath("calls.jsonl"));
    if (log.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : log.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            Call call;
            for (const QJsonValue &v : QJsonDocument::fromJson(line).array())
                call << v.toString();
            result.calls.push_back(call);
        }
    }
    return result;
}

QString substituted(QString text, const QString &prefix, const ef::ScenarioSettings &from)
{
    return text.replace(from.usernamePrefix + QLatin1Char('-'), prefix + QLatin1Char('-'));
}

} // namespace

void TestExportScript::initTestCase()
{
    if (!QFileInfo(QStringLiteral("/usr/bin/python3")).isExecutable())
        QFAIL("/usr/bin/python3 is missing: run scripts/deps.sh");
}

void TestExportScript::deployCalls_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addColumn<QString>("prefix");
    QTest::addRow("lab") << exportfixtures::lab() << QStringLiteral("user3");
    QTest::addRow("lab as user12") << exportfixtures::lab() << QStringLiteral("user12");
    QTest::addRow("every option") << exportfixtures::everything() << QStringLiteral("student7");
}

void TestExportScript::deployCalls()
{
    QFETCH(ef::Scenario, scenario);
    QFETCH(QString, prefix);
    const ScriptRun r = runScript(scenario, QStringLiteral("deploy.sh"),
                                  {QStringLiteral("PREFIX=") + prefix});
    QVERIFY2(r.run.exitCode == 0, qPrintable(r.run.describe()));

    std::size_t next = 0;
    auto expectCall = [&](const QString &op) -> const Call * {
        while (next < r.calls.size() && operation(r.calls[next]) != op)
            ++next;
        return next < r.calls.size() ? &r.calls[next++] : nullptr;
    };
    const ef::ScenarioSettings &settings = scenario.settings;
    for (const ef::CreateEventBusRequest &bus : scenario.buses) {
        const Call *create = expectCall(QStringLiteral("create-event-bus"));
        QVERIFY2(create, qPrintable(QStringLiteral("no create-event-bus for ") + bus.name));
        QCOMPARE(option(*create, QStringLiteral("--name")),
                 substituted(bus.name, prefix, settings));
        QCOMPARE(option(*create, QStringLiteral("--region")), settings.region);
    }
    next = 0;
    for (const ef::ScenarioRule &rule : scenario.rules) {
        const Call *put = expectCall(QStringLiteral("put-rule"));
        QVERIFY2(put, qPrintable(QStringLiteral("no put-rule for ") + rule.rule.name));
        QCOMPARE(option(*put, QStringLiteral("--name")),
                 substituted(rule.rule.name, prefix, settings));
        QCOMPARE(option(*put, QStringLiteral("--event-bus-name")),
                 rule.rule.eventBusName.isEmpty()
                     ? QString()
                     : substituted(rule.rule.eventBusName, prefix, settings));
        QCOMPARE(option(*put, QStringLiteral("--state")), *rule.rule.state);
        QCOMPARE(option(*put, QStringLiteral("--description")),
                 rule.rule.description.value_or(QString()));
        QCOMPARE(canonical(option(*put, QStringLiteral("--event-pattern"))),
                 canonical(*rule.rule.eventPattern));
        if (rule.targets.empty())
            continue;
        const Call *targets = expectCall(QStringLiteral("put-targets"));
        QVERIFY2(targets, qPrintable(QStringLiteral("no put-targets for ") + rule.rule.name));
        QCOMPARE(option(*targets, QStringLiteral("--rule")),
                 substituted(rule.rule.name, prefix, settings));
        ef::json::Value expected;
        expected.kind = ef::json::Value::Kind::Array;
        for (ef::Target target : rule.targets) {
            target.arn = substituted(target.arn, prefix, settings);
            if (target.deadLetterConfig)
                target.deadLetterConfig->arn =
                    substituted(target.deadLetterConfig->arn, prefix, settings);
            expected.items.push_back(ef::io::targetDocument(target));
        }
        QCOMPARE(canonical(option(*targets, QStringLiteral("--targets"))),
                 ef::json::toText(expected));
    }
}

void TestExportScript::cleanupCalls()
{
    const ef::Scenario scenario = exportfixtures::everything();
    const ScriptRun r = runScript(scenario, QStringLiteral("cleanup.sh"),
                                  {QStringLiteral("FAKE_AWS_EXISTS=1")});
    QVERIFY2(r.run.exitCode == 0, qPrintable(r.run.describe()));
    QStringList done;
    for (const Call &call : r.calls) {
        const QString op = operation(call);
        if (op == QLatin1String("remove-targets")) {
            const qsizetype ids = call.indexOf(QStringLiteral("--ids"));
            done << op + QLatin1Char(' ') + option(call, QStringLiteral("--rule"))
                        + QLatin1Char(' ') + call.mid(ids + 1).join(QLatin1Char(','));
        } else if (op.startsWith(QLatin1String("delete-"))) {
            done << op + QLatin1Char(' ') + option(call, QStringLiteral("--name"));
        }
    }
    QCOMPARE(done, QStringList({
                       "delete-rule student7-default-bus-rule",
                       "remove-targets student7-disabled audit",
                       "delete-rule student7-disabled",
                       "remove-targets student7-every-operator "
                       "constant,path,transformer_1,string.template,bare",
                       "delete-rule student7-every-operator",
                       "delete-event-bus shared.audit_bus",
                       "delete-event-bus student7-orders",
                   }));
    // Nothing there any more: the clean-up only asks.
    const ScriptRun again = runScript(scenario, QStringLiteral("cleanup.sh"), {});
    QVERIFY2(again.run.exitCode == 0, qPrintable(again.run.describe()));
    for (const Call &call : again.calls)
        QVERIFY2(operation(call).startsWith(QLatin1String("describe-")),
                 qPrintable(call.join(QLatin1Char(' '))));
}

void TestExportScript::endpointUrlOption()
{
    const ef::Scenario scenario = exportfixtures::lab();
    const ScriptRun with = runScript(scenario, QStringLiteral("deploy.sh"),
                                     {QStringLiteral("ENDPOINT_URL=http://127.0.0.1:9")});
    QVERIFY2(with.run.exitCode == 0, qPrintable(with.run.describe()));
    QVERIFY(!with.calls.empty());
    for (const Call &call : with.calls)
        QCOMPARE(option(call, QStringLiteral("--endpoint-url")),
                 QStringLiteral("http://127.0.0.1:9"));
    const ScriptRun without = runScript(scenario, QStringLiteral("deploy.sh"), {});
    QVERIFY2(without.run.exitCode == 0, qPrintable(without.run.describe()));
    for (const Call &call : without.calls)
        QVERIFY(!call.contains(QStringLiteral("--endpoint-url")));
}

QTEST_GUILESS_MAIN(TestExportScript)
#include "tst_exportscript.moc"
