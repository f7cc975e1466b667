// Round trips: scenario -> each export format -> import -> the same buses,
// rules, patterns and targets, for the lab's routing and for a scenario with
// every pattern operator and every target option.

#include "ExportFixtures.h"
#include "ExportTestUtil.h"

#include "core/io/CliJson.h"
#include "core/io/Export.h"
#include "core/io/ExportSelection.h"
#include "core/io/Import.h"
#include "core/io/ScenarioFile.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using ef::io::ExportFormat;

class TestExportRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void scenarioFile_data();
    void scenarioFile();
    void patternFileIntoExistingRule();
    void cliJsonIntoScenarioWithTheRule();
};

namespace {

// JSON text with the members in document order, or (sortedKeys) in
// alphabetical order for paths that go through QJsonObject, which sorts.
QString canonical(const std::string &jsonText, bool sortedKeys)
{
    ef::json::Value v;
    if (!ef::json::parse(jsonText, v))
        return QStringLiteral("<not JSON>");
    if (!sortedKeys)
        return QString::fromStdString(ef::json::toText(v));
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(jsonText));
    return QString::fromUtf8(doc.toJson(QJsonDocument::Compact));
}

// One line per bus, rule and target, in a stable order, for QCOMPARE.
QStringList describe(const ef::Scenario &s, bool sortedKeys = false)
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
                          r.rule.eventPattern
                              ? canonical(r.rule.eventPattern->toStdString(), sortedKeys)
                              : QStringLiteral("<none>"));
        for (const ef::Target &t : r.targets)
            lines << QStringLiteral("  target %1")
                         .arg(canonical(ef::json::toText(ef::io::targetDocument(t)), sortedKeys));
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
        {"lab", exportfixtures::lab()}, {"every option", exportfixtures::everything()}};
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

void TestExportRoundTrip::scenarioFile_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addRow("lab") << exportfixtures::lab();
    QTest::addRow("every option") << exportfixtures::everything();
}

void TestExportRoundTrip::scenarioFile()
{
    // An EventFlow scenario file imports whole into nothing, and its buses,
    // rules and targets into a scenario that has others.
    QFETCH(ef::Scenario, scenario);
    const QByteArray file = ef::ScenarioFile::toJson(scenario);
    const ef::io::ImportResult whole = ef::io::importBytes(file, "s.json", ef::Scenario{});
    QVERIFY2(whole.ok, qPrintable(whole.problemText()));
    QCOMPARE(whole.format, ef::io::ImportFormat::Scenario);
    // The scenario file keeps objects as QJsonObject, which orders members
    // alphabetically; the same patterns and targets, in that order.
    QCOMPARE(describe(whole.scenario, true), describe(scenario, true));
    QCOMPARE(whole.scenario.name, scenario.name);

    ef::Scenario other;
    other.settings = scenario.settings;
    other.buses.push_back({QStringLiteral("someone-elses-bus"), QString()});
    const ef::io::ImportResult into = ef::io::importBytes(file, "s.json", other);
    QVERIFY2(into.ok, qPrintable(into.problemText()));
    QStringList expected = describe(scenario, true) + QStringList{"bus someone-elses-bus"};
    std::sort(expected.begin(), expected.end());
    QCOMPARE(describe(into.scenario, true), expected);
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
    const ef::Scenario lab = exportfixtures::lab();
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
