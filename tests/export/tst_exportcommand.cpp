// `eventflow export` and `eventflow import` as a user runs them: the built-in
// lab exported in each format, exports imported back into a scenario file,
// and a refused import leaving the scenario file byte for byte as it was.

#include "ExportTestUtil.h"

#include "core/io/ScenarioFile.h"

#include <QTemporaryDir>
#include <QtTest>

class TestExportCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cliJsonDirectory();
    void singleFileToStdout_data();
    void singleFileToStdout();
    void usageErrors_data();
    void usageErrors();
    void importRoundTrip_data();
    void importRoundTrip();
    void importPatternAsRule();
    void refusedImportChangesNothing();

private:
    QString m_eventflow = QStringLiteral(EVENTFLOW_BIN_DIR "/eventflow");
    exporttest::Run eventflow(const QStringList &args) const
    {
        return exporttest::run(m_eventflow, args);
    }
};

void TestExportCommand::initTestCase()
{
    if (!QFileInfo(m_eventflow).isExecutable())
        QFAIL(qPrintable(m_eventflow + QStringLiteral(" is missing: build the eventflow target")));
}

void TestExportCommand::cliJsonDirectory()
{
    QTemporaryDir dir;
    const QString out = dir.filePath("cli");
    const exporttest::Run r = eventflow({"export", "--format", "cli-json", "-o", out});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList names = QDir(out).entryList(QDir::Files, QDir::Name);
    QCOMPARE(names.mid(0, 3), QStringList({"01-create-event-bus-user3-ecommerce-events.json",
                                           "02-put-rule-user3-order-processing-rule.json",
                                           "03-put-targets-user3-order-processing-rule.json"}));
    QCOMPARE(names.size(), 9);
    QVERIFY2(r.err.contains(QStringLiteral("wrote 9 file(s)")), qPrintable(r.err));
    // The bus's description has no place in awscli 2.9's create-event-bus.
    QVERIFY2(r.err.contains(QStringLiteral("warning: event bus user3-ecommerce-events")),
             qPrintable(r.err));
}

void TestExportCommand::singleFileToStdout_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("starts");
    QTest::addRow("pattern of one rule")
        << QStringList{"--format", "pattern", "--rule", "user3-payment-processing-rule"}
        << QStringLiteral("{\n  \"");
    QTest::addRow("cloudformation-yaml")
        << QStringList{"--format", "cloudformation-yaml"}
        << QStringLiteral("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    QTest::addRow("cloudformation-json")
        << QStringList{"--format", "cloudformation-json"}
        << QStringLiteral("{\n  \"AWSTemplateFormatVersion\": \"2010-09-09\",\n");
}

void TestExportCommand::singleFileToStdout()
{
    QFETCH(QStringList, args);
    QFETCH(QString, starts);
    const exporttest::Run r = eventflow(QStringList{"export"} + args);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.startsWith(starts), qPrintable(r.out.left(200)));
}

void TestExportCommand::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::addRow("unknown format") << QStringList{"export", "--format", "yaml"} << 2
                                    << QStringLiteral("--format yaml: unknown format");
    QTest::addRow("no format") << QStringList{"export"} << 2
                               << QStringLiteral("usage: eventflow export");
    QTest::addRow("unknown rule")
        << QStringList{"export", "--format", "cli-json", "--rule", "nope"} << 1
        << QStringLiteral("the scenario has no rule named nope");
    QTest::addRow("several files, no directory") << QStringList{"export", "--format", "aws-cli"}
                                                 << 2 << QStringLiteral("give -o DIR");
    QTest::addRow("missing scenario")
        << QStringList{"export", "/nonexistent/s.json", "--format", "pattern"} << 2
        << QStringLiteral("/nonexistent/s.json");
}

void TestExportCommand::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const exporttest::Run r = eventflow(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message), qPrintable(r.err));
    QVERIFY(r.out.isEmpty());
}

void TestExportCommand::importRoundTrip_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("source");  // relative to the export directory
    QTest::addRow("cli-json") << QStringLiteral("cli-json") << QString();
    QTest::addRow("cloudformation-yaml") << QStringLiteral("cloudformation-yaml")
                                         << QStringLiteral("template.yaml");
    QTest::addRow("cloudformation-json") << QStringLiteral("cloudformation-json")
                                         << QStringLiteral("template.json");
}

void TestExportCommand::importRoundTrip()
{
    QFETCH(QString, format);
    QFETCH(QString, source);
    QTemporaryDir dir;
    const QString out = dir.filePath("export/");
    const exporttest::Run exported = eventflow({"export", "--format", format, "-o", out});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    const QString scenario = dir.filePath("imported.json");
    const exporttest::Run imported =
        eventflow({"import", QDir(out).filePath(source), "-o", scenario});
    QVERIFY2(imported.exitCode == 0, qPrintable(imported.describe()));
    QVERIFY2(imported.err.contains(QStringLiteral("imported 1 event bus(es), 4 rule(s), "
                                                  "4 target(s)")),
             qPrintable(imported.err));
    // The imported scenario exports to the same request documents.
    const exporttest::Run again =
        eventflow({"export", scenario, "--format", "cli-json", "-o", dir.filePath("again")});
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    const exporttest::Run original =
        eventflow({"export", "--format", "cli-json", "-o", dir.filePath("original")});
    QVERIFY2(original.exitCode == 0, qPrintable(original.describe()));
    const QStringList names = QDir(dir.filePath("original")).entryList(QDir::Files, QDir::Name);
    QCOMPARE(QDir(dir.filePath("again")).entryList(QDir::Files, QDir::Name), names);
    for (const QString &name : names) {
        QFile a(dir.filePath("again/" + name));
        QFile b(dir.filePath("original/" + name));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        const QByteArray aBytes = a.readAll();
        const QByteArray bBytes = b.readAll();
        // The bus description is the one thing a template-less format drops.
        if (!name.contains(QLatin1String("create-event-bus")))
            QCOMPARE(aBytes, bBytes);
    }
}

void TestExportCommand::importPatternAsRule()
{
    QTemporaryDir dir;
    QFile pattern(dir.filePath("order-pattern.json"));
    QVERIFY(pattern.open(QIODevice::WriteOnly));
    pattern.write("{\n  \"source\": [\"ecommerce.application\"],\n"
                  "  \"detail-type\": [\"OrderPlaced\"]\n}\n");
    pattern.close();
    const QString scenario = dir.filePath("s.json");
    const exporttest::Run noRule = eventflow({"import", pattern.fileName(), "-o", scenario});
    QCOMPARE(noRule.exitCode, 1);
    QVERIFY2(noRule.err.contains(QStringLiteral("needs the name of the rule")),
             qPrintable(noRule.err));
    QVERIFY(!QFileInfo::exists(scenario));
    const exporttest::Run r = eventflow({"import", pattern.fileName(), "--rule", "orders",
                                         "-o", scenario});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const ef::ScenarioLoad loaded = ef::ScenarioFile::load(scenario);
    QVERIFY2(loaded.ok(), qPrintable(loaded.errors.join('\n')));
    QCOMPARE(loaded.scenario->rules.size(), std::size_t(1));
    QCOMPARE(loaded.scenario->rules[0].rule.name, QStringLiteral("orders"));
}

void TestExportCommand::refusedImportChangesNothing()
{
    QTemporaryDir dir;
    const QString scenario = dir.filePath("s.json");
    QVERIFY(QFile::copy(exporttest::sourcePath("resources/scenarios/storefront-lab.json"),
                        scenario));
    QFile before(scenario);
    QVERIFY(before.open(QIODevice::ReadOnly));
    const QByteArray original = before.readAll();
    before.close();
    QFile bad(dir.filePath("t.yaml"));
    QVERIFY(bad.open(QIODevice::WriteOnly));
    bad.write("Resources:\n"
              "  Good:\n"
              "    Type: AWS::Events::EventBus\n"
              "    Properties: {Name: fine-bus}\n"
              "  Bad:\n"
              "    Type: AWS::Events::Rule\n"
              "    Properties:\n"
              "      Name: \"not a valid name\"\n"
              "      EventPattern: {source: [{suffix: 1}]}\n");
    bad.close();
    const exporttest::Run r = eventflow({"import", bad.fileName(), "-o", scenario});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(bad.fileName() + QStringLiteral(":9: Resources.Bad.Properties."
                                                            "EventPattern: Event pattern is not "
                                                            "valid.")),
             qPrintable(r.err));
    QVERIFY2(r.err.contains(QStringLiteral("nothing imported")), qPrintable(r.err));
    QFile after(scenario);
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), original);
}

QTEST_GUILESS_MAIN(TestExportCommand)
#include "tst_exportcommand.moc"
