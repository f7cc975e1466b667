// Every export format checked by the real tools, offline: CLI input JSON by
// Debian's boto3 (botocore's parameter validation before a Stubber answer,
// plus the model's patterns/lengths/enums), CloudFormation by PyYAML with
// !Ref/!GetAtt/!Sub constructors (property names and types), the scripts by
// bash's parser. The live runs against `eventflow serve` are tst_realaws.

#include "ExportFixtures.h"
#include "ExportTestUtil.h"

#include "core/io/Export.h"

#include <QJsonDocument>
#include <QTemporaryDir>
#include <QtTest>

using ef::io::ExportFormat;
using ef::io::exportScenario;

class TestExportFormats : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void builtInLabRoutesAsTheLabSays();
    void cliJsonFileNames();
    void cliJsonAgainstServiceModel_data();
    void cliJsonAgainstServiceModel();
    void patternLooksLikeTheLabsFile();
    void patternPerRule();
    void singleRule_data();
    void singleRule();
    void unknownRuleIsAnError();
    void cloudFormation_data();
    void cloudFormation();
    void scriptsParse_data();
    void scriptsParse();
    void scriptUsesVariables();
    void formatNames();
};

namespace {

const QString kPython = QStringLiteral("/usr/bin/python3");

} // namespace

void TestExportFormats::initTestCase()
{
    for (const QString &tool : {kPython, QStringLiteral("/bin/bash")}) {
        if (!QFileInfo(tool).isExecutable())
            QFAIL(qPrintable(tool + QStringLiteral(" is missing: run scripts/deps.sh")));
    }
}

void TestExportFormats::builtInLabRoutesAsTheLabSays()
{
    // The exports below start from the built-in lab; its routing is what
    // ../shared/scenarios/storefront-lab.md lists.
    auto routing = [](const ef::Scenario &s) {
        QStringList lines;
        for (const ef::CreateEventBusRequest &bus : s.buses)
            lines << bus.name;
        for (const ef::ScenarioRule &r : s.rules) {
            // Semantically: the loader's QJsonObject orders members alphabetically.
            const QByteArray pattern = r.rule.eventPattern.value_or(QString()).toUtf8();
            lines << r.rule.name + QLatin1Char(' ') + r.rule.eventBusName + QLatin1Char(' ')
                         + QString::fromUtf8(QJsonDocument::fromJson(pattern).toJson(
                             QJsonDocument::Compact));
            for (const ef::Target &t : r.targets)
                lines << t.id + QLatin1Char(' ') + t.arn;
        }
        return lines;
    };
    const ef::Scenario lab = exportfixtures::lab();
    QVERIFY2(!lab.rules.empty(), qPrintable(lab.name));
    QCOMPARE(routing(lab), routing(exportfixtures::labRouting()));
}

void TestExportFormats::cliJsonFileNames()
{
    const ef::io::ExportResult result =
        exportScenario(exportfixtures::lab(), ExportFormat::CliJson);
    QVERIFY2(result.ok, qPrintable(result.error));
    QStringList names;
    for (const auto &f : result.files)
        names << f.name;
    const QStringList expected = {
        "01-create-event-bus-user3-ecommerce-events.json",
        "02-put-rule-user3-order-processing-rule.json",
        "03-put-targets-user3-order-processing-rule.json",
        "04-put-rule-user3-inventory-update-rule.json",
        "05-put-targets-user3-inventory-update-rule.json",
        "06-put-rule-user3-payment-processing-rule.json",
        "07-put-targets-user3-payment-processing-rule.json",
        "08-put-rule-user3-high-value-order-rule.json",
        "09-put-targets-user3-high-value-order-rule.json",
    };
    QCOMPARE(names, expected);
    QCOMPARE(QString::fromUtf8(result.files[2].bytes),
             QStringLiteral("{\n"
                            "  \"Rule\": \"user3-order-processing-rule\",\n"
                            "  \"EventBusName\": \"user3-ecommerce-events\",\n"
                            "  \"Targets\": [\n"
                            "    {\"Id\": \"1\", \"Arn\": \"arn:aws:lambda:us-east-1:123456789012:"
                            "function:user3-order-processor\"}\n"
                            "  ]\n"
                            "}\n"));
}

void TestExportFormats::cliJsonAgainstServiceModel_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addColumn<QString>("rule");
    QTest::addRow("lab") << exportfixtures::lab() << QString();
    QTest::addRow("every option") << exportfixtures::everything() << QString();
    QTest::addRow("one rule on the default bus")
        << exportfixtures::everything() << QStringLiteral("student7-default-bus-rule");
}

void TestExportFormats::cliJsonAgainstServiceModel()
{
    QFETCH(ef::Scenario, scenario);
    QFETCH(QString, rule);
    const ef::io::ExportResult result = exportScenario(scenario, ExportFormat::CliJson, rule);
    QVERIFY2(result.ok, qPrintable(result.error));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(exporttest::writeFiles(dir.path(), result.files, &error), qPrintable(error));
    const exporttest::Run r =
        exporttest::run(kPython, {exporttest::sourcePath("tests/export/validate_cli_json.py"),
                                  dir.path()});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out.count(QRegularExpression(QStringLiteral("^ok "),
                                            QRegularExpression::MultilineOption)),
             qsizetype(result.files.size()));
}

void TestExportFormats::patternLooksLikeTheLabsFile()
{
    // The lab's own member order (the loader's QJsonObject would sort them).
    const ef::io::ExportResult result =
        exportScenario(exportfixtures::labRouting(), ExportFormat::Pattern,
                       QStringLiteral("user3-high-value-order-rule"));
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.files.size(), std::size_t(1));
    QCOMPARE(result.files[0].name, QStringLiteral("user3-high-value-order-rule-pattern.json"));
    QCOMPARE(QString::fromUtf8(result.files[0].bytes),
             QStringLiteral("{\n"
                            "  \"source\": [\"ecommerce.application\"],\n"
                            "  \"detail-type\": [\"OrderPlaced\"],\n"
                            "  \"detail\": {\n"
                            "    \"amount\": [{\"numeric\": [\">=\", 100]}]\n"
                            "  }\n"
                            "}\n"));
}

void TestExportFormats::patternPerRule()
{
    const ef::Scenario s = exportfixtures::everything();
    const ef::io::ExportResult result = exportScenario(s, ExportFormat::Pattern);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(result.files.size(), s.rules.size());
    // Numbers keep their text (1000.50, -0), members their order.
    const QString text = QString::fromUtf8(result.files[0].bytes);
    QVERIFY2(text.contains(QStringLiteral("[\">\", 0, \"<=\", 1000.50]")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("\"count\": [5, 7.25, -0]")), qPrintable(text));
    QVERIFY(text.indexOf(QStringLiteral("\"source\""))
            < text.indexOf(QStringLiteral("\"detail\"")));
}

void TestExportFormats::singleRule_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QStringList>("expected");
    QTest::addRow("cli-json") << int(ExportFormat::CliJson)
                              << QStringList{"01-create-event-bus-user3-ecommerce-events.json",
                                             "02-put-rule-user3-payment-processing-rule.json",
                                             "03-put-targets-user3-payment-processing-rule.json"};
    QTest::addRow("aws-cli") << int(ExportFormat::AwsCli)
                             << QStringList{"deploy.sh", "cleanup.sh"};
    QTest::addRow("cloudformation-yaml") << int(ExportFormat::CloudFormationYaml)
                                         << QStringList{"template.yaml"};
}

void TestExportFormats::singleRule()
{
    QFETCH(int, format);
    QFETCH(QStringList, expected);
    const ef::io::ExportResult result =
        exportScenario(exportfixtures::lab(), ExportFormat(format),
                       QStringLiteral("user3-ecommerce-events/user3-payment-processing-rule"));
    QVERIFY2(result.ok, qPrintable(result.error));
    QStringList names;
    for (const auto &f : result.files) {
        names << f.name;
        QVERIFY2(!f.bytes.contains("order-processing"), f.bytes.constData());
    }
    QCOMPARE(names, expected);
}

void TestExportFormats::unknownRuleIsAnError()
{
    const ef::io::ExportResult result = exportScenario(
        exportfixtures::lab(), ExportFormat::CliJson, QStringLiteral("no-such-rule"));
    QVERIFY(!result.ok);
    QVERIFY(result.files.empty());
    QCOMPARE(result.error, QStringLiteral("the scenario has no rule named no-such-rule"));
}

void TestExportFormats::cloudFormation_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addColumn<QString>("counts");
    QTest::addRow("lab") << exportfixtures::lab()
                         << QStringLiteral("{\"AWS::Events::EventBus\": 1, \"AWS::Events::Rule\": "
                                           "4, \"AWS::Lambda::Permission\": 4}");
    QTest::addRow("every option")
        << exportfixtures::everything()
        << QStringLiteral("{\"AWS::Events::EventBus\": 2, \"AWS::Events::Rule\": 3, "
                          "\"AWS::Lambda::Permission\": 3}");
}

void TestExportFormats::cloudFormation()
{
    QFETCH(ef::Scenario, scenario);
    QFETCH(QString, counts);
    QTemporaryDir dir;
    QString error;
    for (ExportFormat format :
         {ExportFormat::CloudFormationYaml, ExportFormat::CloudFormationJson}) {
        const ef::io::ExportResult result = exportScenario(scenario, format);
        QVERIFY2(result.ok, qPrintable(result.error));
        QVERIFY2(exporttest::writeFiles(dir.path(), result.files, &error), qPrintable(error));
    }
    const exporttest::Run r = exporttest::run(
        kPython, {exporttest::sourcePath("tests/export/check_cloudformation.py"),
                  dir.filePath("template.yaml"), dir.filePath("template.json")});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QStringLiteral("\"counts\": ") + counts), qPrintable(r.out));
}

void TestExportFormats::scriptsParse_data()
{
    QTest::addColumn<ef::Scenario>("scenario");
    QTest::addRow("lab") << exportfixtures::lab();
    QTest::addRow("every option") << exportfixtures::everything();
}

void TestExportFormats::scriptsParse()
{
    QFETCH(ef::Scenario, scenario);
    const ef::io::ExportResult result = exportScenario(scenario, ExportFormat::AwsCli);
    QVERIFY2(result.ok, qPrintable(result.error));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(exporttest::writeFiles(dir.path(), result.files, &error), qPrintable(error));
    for (const auto &f : result.files) {
        QVERIFY(f.executable);
        const exporttest::Run r =
            exporttest::run(QStringLiteral("/bin/bash"),
                            {QStringLiteral("-n"), dir.filePath(f.name)});
        QVERIFY2(r.exitCode == 0, qPrintable(f.name + QLatin1Char(' ') + r.describe()));
    }
}

void TestExportFormats::scriptUsesVariables()
{
    const ef::io::ExportResult result =
        exportScenario(exportfixtures::lab(), ExportFormat::AwsCli);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QString deploy = QString::fromUtf8(result.files[0].bytes);
    for (const char *expected :
         {"PREFIX=\"${PREFIX:-user3}\"", "ACCOUNT=\"${ACCOUNT:-123456789012}\"",
          "REGION=\"${REGION:-us-east-1}\"", "--name \"${PREFIX}-order-processing-rule\"",
          "--event-bus-name \"${PREFIX}-ecommerce-events\"",
          "\"Arn\": \"arn:aws:lambda:${REGION}:${ACCOUNT}:function:${PREFIX}-order-processor\"",
          "--endpoint-url \"$ENDPOINT_URL\""}) {
        QVERIFY2(deploy.contains(QLatin1String(expected)), expected);
    }
    QVERIFY2(!deploy.contains(QLatin1String("user3-")), qPrintable(deploy));
}

void TestExportFormats::formatNames()
{
    QCOMPARE(ef::io::exportFormatNames(),
             QStringList({"pattern", "cli-json", "aws-cli", "cloudformation-yaml",
                          "cloudformation-json"}));
    for (const QString &name : ef::io::exportFormatNames())
        QCOMPARE(ef::io::exportFormatName(*ef::io::exportFormatFromName(name)), name);
    QVERIFY(!ef::io::exportFormatFromName(QStringLiteral("yaml")));
}

QTEST_GUILESS_MAIN(TestExportFormats)
#include "tst_exportformats.moc"
