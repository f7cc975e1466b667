// Round trips: scenario -> each export format -> import -> the same buses,
// rules, patterns and targets, for the lab's routing and for a scenario with
// every pattern operator and every target option.

#include "ExportFixtures.h"
#include "ExportTestUtil.h"

#include "core/io/CliJson.h"
#include "core/io/Export.h"
#include "core/io/ExportSelection.h"
#include "core/io/Import.h"

#include <QTemporaryDir>
#include <QtTest>

using ef::io::ExportFormat;

class TestExportRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void patternFileIntoExistingRule();
    void cliJsonIntoScenarioWithTheRule();
};

namespace {

std::string canonical(const std::optional<QString> &jsonText)
{
    if (!jsonText)
        return "<none>";
    ef::json::Value v;
    return ef::json::parse(jsonText->toStdString(), v) ? ef::json::toText(v) : "<not JSON>";
}

// One line per bus, rule and target, in a stable order, for QCOMPARE.
QStringList describe(const ef::Scenario &s)
{
    QStringList lines;
    for (const ef::CreateEventBusRequest &bus : s.buses)
        lines << QStringLiteral("bus %1").arg(bus.name);
    for (const ef::ScenarioRule &r : s.rules) {
        lines << QStringLiteral("rule %1 on %2 state=%3 description=%4 schedule=%5 pattern=%6")
                     .arg(r.rule.name, ef::io::ruleBusName(r.rule),
                          r.rule.state.value_or(QStringLiteral("ENABLED")),
                          r.rule.description.value_or(QString()),
                          r.rule.scheduleExpression.value_or(QString()),
                          QString::fromStdString(canonical(r.rule.eventPattern)));
        for (const ef::Target &t : r.targets)
            lines << QStringLiteral("  target %1")
                         .arg(QString::fromStdString(
                             ef::json::toText(ef::io::targetDocument(t))));
    }
    std::sort(lines.begin(), lines.end());
    return lines;
}

ef::Scenario emptyLike(const ef::Scenario &s)
{
    ef::Scenario empty;
    empty.settings = s.settings;
    return empty;
}

} // namespace

void TestExportRoundTrip::roundTrip_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addColumn<int>("format");
    const std::pair<const char *, ef::Scenario> scenarios[] = {
        {"lab", exportfixtures::labRouting()}, {"every option", exportfixtures::everything()}};
    for (const auto &[label, scenario] : scenarios) {
        for (ExportFormat f : {ExportFormat::CliJson, ExportFormat::CloudFormationYaml,
                               ExportFormat::CloudFormationJson}) {
            QTest::addRow("%s via %s", label, qPrintable(ef::io::exportFormatName(f)))
                << scenario << int(f);
        }
    }
}

void TestExportRoundTrip::roundTrip()
{
    QFETCH(ef::Scenario, scenario);
    QFETCH(int, format);
    const ef::io::ExportResult exported = exportScenario(scenario, ExportFormat(format));
    QVERIFY2(exported.ok, qPrintable(exported.error));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(exporttest::writeFiles(dir.path(), exported.files, &error), qPrintable(error));
    const QString source = exported.files.size() == 1 ? dir.filePath(exported.files[0].name)
                                                      : dir.path();
    const ef::io::ImportResult imported = ef::io::importFile(source, emptyLike(scenario));
    QVERIFY2(imported.ok, qPrintable(imported.problemText()));
    QCOMPARE(describe(imported.scenario), describe(scenario));
    QCOMPARE(imported.scenario.settings.usernamePrefix, scenario.settings.usernamePrefix);
    // Only the template has other resources (the Lambda permissions).
    if (ExportFormat(format) == ExportFormat::CliJson)
        QVERIFY2(imported.skipped.isEmpty(), qPrintable(imported.skipped.join('\n')));
    else
        QVERIFY(!imported.skipped.isEmpty());
    QVERIFY2(imported.warnings.isEmpty(), qPrintable(imported.warnings.join('\n')));
}

void TestExportRoundTrip::patternFileIntoExistingRule()
{
    // Each rule's pattern file, imported as that rule into a scenario where
    // the rule has a different pattern, gives back the original.
    const ef::Scenario scenario = exportfixtures::everything();
    const ef::io::ExportResult exported = exportScenario(scenario, ExportFormat::Pattern);
    QVERIFY2(exported.ok, qPrintable(exported.error));
    ef::Scenario into = scenario;
    for (ef::ScenarioRule &r : into.rules)
        r.rule.eventPattern = QStringLiteral(R"({"source":["placeholder"]})");
    QCOMPARE(exported.files.size(), scenario.rules.size());
    for (std::size_t i = 0; i < exported.files.size(); ++i) {
        ef::io::ImportOptions options;
        options.ruleName = scenario.rules[i].rule.name;
        options.eventBusName = scenario.rules[i].rule.eventBusName;
        const ef::io::ImportResult imported = ef::io::importBytes(
            exported.files[i].bytes, exported.files[i].name, into, options);
        QVERIFY2(imported.ok, qPrintable(imported.problemText()));
        QCOMPARE(imported.format, ef::io::ImportFormat::PatternJson);
        into = imported.scenario;
    }
    QCOMPARE(describe(into), describe(scenario));
}

void TestExportRoundTrip::cliJsonIntoScenarioWithTheRule()
{
    // put-targets alone adds to (or replaces by Id) the targets of a rule
    // the scenario has; put-rule alone keeps them.
    const ef::Scenario lab = exportfixtures::labRouting();
    const ef::io::ExportResult exported =
        exportScenario(lab, ExportFormat::CliJson, QStringLiteral("user3-order-processing-rule"));
    QVERIFY2(exported.ok, qPrintable(exported.error));
    ef::Scenario into = lab;
    into.rules[0].targets.push_back(exportfixtures::lambdaTarget("2", "user3-audit"));
    into.rules[0].targets[0].arn.replace(QStringLiteral("order-processor"),
                                         QStringLiteral("old-processor"));
    for (const auto &file : exported.files) {
        const ef::io::ImportResult imported = ef::io::importBytes(file.bytes, file.name, into);
        QVERIFY2(imported.ok, qPrintable(file.name + '\n' + imported.problemText()));
        into = imported.scenario;
    }
    QCOMPARE(into.rules[0].targets.size(), std::size_t(2));
    QCOMPARE(into.rules[0].targets[0].arn, lab.rules[0].targets[0].arn);
    QCOMPARE(into.rules[0].targets[1].id, QStringLiteral("2"));
}

QTEST_GUILESS_MAIN(TestExportRoundTrip)
#include "tst_exportroundtrip.moc"
