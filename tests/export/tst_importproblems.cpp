// Import refuses a file with any problem, reports every one with its file,
// line and path, and imports nothing from it; resources of other types are
// listed as skipped, members EventFlow does not simulate as warnings.

#include "ExportFixtures.h"

#include "core/bus/InputTransformer.h"
#include "core/io/Import.h"

#include <QtTest>

class TestImportProblems : public QObject
{
    Q_OBJECT

private slots:
    void rejected_data();
    void rejected();
    void skippedAndWarned();
    void intrinsicFunctions();
    void yamlScalars();
};

namespace {

// What PutTargets says about a template naming a variable the map lacks.
QString missingPlaceholderMessage()
{
    ef::Target t;
    t.id = QStringLiteral("1");
    t.arn = QStringLiteral("arn:aws:lambda:us-east-1:1:function:f");
    t.inputTransformer.emplace();
    t.inputTransformer->inputTemplate = QStringLiteral("{\"a\": <missing>}");
    return ef::validateTargetInput(t);
}

} // namespace

void TestImportProblems::rejected_data()
{
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QStringList>("expected");  // ImportProblem::text() of each

    QTest::addRow("invalid pattern in a YAML template")
        << "t.yaml"
        << QByteArray("Resources:\n"
                      "  Orders:\n"
                      "    Type: AWS::Events::Rule\n"
                      "    Properties:\n"
                      "      Name: orders\n"
                      "      EventPattern:\n"
                      "        source: [{prefix: 5}]\n")
        << QStringList{"t.yaml:7: Resources.Orders.Properties.EventPattern: Event pattern is not "
                       "valid. Reason: Field \"source\": prefix match pattern must be a string"};
    QTest::addRow("every problem of a template, not just the first")
        << "t.json"
        << QByteArray("{\"Resources\": {\n"
                      "  \"A\": {\"Type\": \"AWS::Events::Rule\", \"Properties\": {\n"
                      "    \"Nmae\": \"a\", \"EventPattern\": {\"source\": [\"x\"]}}},\n"
                      "  \"B\": {\"Type\": \"AWS::Events::EventBus\", \"Properties\": {\n"
                      "    \"Name\": [\"b\"]}},\n"
                      "  \"C\": {\"Type\": \"AWS::Events::Rule\", \"Properties\": {\n"
                      "    \"Name\": {\"Fn::If\": [\"c\", \"x\", \"y\"]},\n"
                      "    \"EventPattern\": {\"source\": [\"x\"]},\n"
                      "    \"Targets\": [{\"Arn\": \"arn:aws:lambda:us-east-1:1:function:f\"}]}}\n"
                      "}}\n")
        << QStringList{
               "t.json:3: Resources.A.Properties.Nmae: unknown member (expected one of: Name, "
               "EventBusName, EventPattern, ScheduleExpression, State, Description, RoleArn, "
               "Targets)",
               "t.json:5: Resources.B.Properties.Name: expected a string, found a list",
               "t.json:7: Resources.C.Properties.Name: Fn::If is not supported by EventFlow's "
               "import (Ref, Fn::GetAtt, Fn::Sub and Fn::Join are)",
               "t.json:9: Resources.C.Properties.Targets[0]: required member Id is missing"};
    QTest::addRow("Ref of a parameter without a Default")
        << "t.yaml"
        << QByteArray("Parameters:\n"
                      "  Fn:\n"
                      "    Type: String\n"
                      "Resources:\n"
                      "  R:\n"
                      "    Type: AWS::Events::Rule\n"
                      "    Properties:\n"
                      "      EventPattern: {source: [\"x\"]}\n"
                      "      Targets:\n"
                      "        - Id: \"1\"\n"
                      "          Arn: !Ref Fn\n")
        << QStringList{"t.yaml:11: Resources.R.Properties.Targets[0].Arn.Ref: parameter Fn has "
                       "no Default for the import to use"};
    QTest::addRow("create-event-bus with a member awscli 2.9 does not have")
        << "01-create-event-bus-x.json"
        << QByteArray("{\n  \"Name\": \"x\",\n  \"Description\": \"d\"\n}\n")
        << QStringList{"01-create-event-bus-x.json:3: Description: unknown member (expected one "
                       "of: Name)"};
    QTest::addRow("put-targets with an invalid InputTemplate")
        << "put.json"
        << QByteArray("{\"Rule\": \"r\", \"Targets\": [\n"
                      "  {\"Id\": \"1\", \"Arn\": \"arn:aws:lambda:us-east-1:1:function:f\",\n"
                      "   \"InputTransformer\": {\"InputTemplate\": \"{\\\"a\\\": <missing>}\"}}\n"
                      "]}\n")
        << QStringList{"put.json:2: Targets[0]: " + missingPlaceholderMessage()};
    QTest::addRow("names and limits, judged by the engine")
        << "t.yaml"
        << QByteArray("Resources:\n"
                      "  B:\n"
                      "    Type: AWS::Events::EventBus\n"
                      "    Properties:\n"
                      "      Name: \"bad name!\"\n"
                      "  R:\n"
                      "    Type: AWS::Events::Rule\n"
                      "    Properties:\n"
                      "      Name: r\n"
                      "      EventPattern: {source: [\"x\"]}\n"
                      "      Targets:\n"
                      "        - {Id: \"1\",\n"
                      "           Arn: \"arn:aws:lambda:us-east-1:123456789012:function:f\"}\n"
                      "        - Id: \"2\"\n"
                      "          Arn: \"arn:aws:lambda:us-east-1:123456789012:function:g\"\n"
                      "          RetryPolicy: {MaximumRetryAttempts: 500}\n")
        << QStringList{"t.yaml:5: Resources.B.Properties.Name: ValidationException: 1 validation "
                       "error detected: Value 'bad name!' at 'name' failed to satisfy constraint: "
                       "Member must satisfy regular expression pattern: [/\\.\\-_A-Za-z0-9]+",
                       "t.yaml:14: Resources.R.Properties.Targets[1]: ValidationException: 1 "
                       "validation error detected: Value '500' at "
                       "'targets.2.member.retryPolicy.maximumRetryAttempts' failed to satisfy "
                       "constraint: Member must have value less than or equal to 185"};
    QTest::addRow("not JSON")
        << "p.json" << QByteArray("{\n  \"source\": [\"a\"\n}\n")
        << QStringList{"p.json:3: not JSON: Missing a comma or ']' after an array element"};
    QTest::addRow("not YAML")
        << "t.yaml" << QByteArray("Resources:\n  A: [1, 2\n  B: x\n")
        << QStringList{"t.yaml:3: not YAML: end of sequence flow not found"};
    QTest::addRow("a pattern without the rule to put it in")
        << "order-pattern.json" << QByteArray("{\"source\": [\"ecommerce.application\"]}")
        << QStringList{"order-pattern.json:1: this is an event pattern: the import needs the "
                       "name of the rule it becomes (and its bus, else default)"};
    QTest::addRow("a YAML file that is no template")
        << "x.yml" << QByteArray("a: 1\n")
        << QStringList{"x.yml:1: not a CloudFormation template (it has no Resources)"};
    QByteArray laughs = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'j'; ++c) {
        const char prev = char(c - 1);
        laughs += QByteArray(1, c) + ": &" + QByteArray(1, c) + " [*" + QByteArray(1, prev) + ", *"
                  + QByteArray(1, prev) + ", *" + QByteArray(1, prev) + ", *"
                  + QByteArray(1, prev) + ", *" + QByteArray(1, prev) + ", *"
                  + QByteArray(1, prev) + ", *" + QByteArray(1, prev) + ", *"
                  + QByteArray(1, prev) + ", *" + QByteArray(1, prev) + ", *"
                  + QByteArray(1, prev) + "]\n";
    }
    laughs += "Resources: *j\n";
    QTest::addRow("a billion laughs")
        << "t.yaml" << laughs << QStringList{"t.yaml:1: more than 200000 values (aliases "
                                             "included)"};
    QTest::addRow("nested too deep")
        << "p.json" << QByteArray(2000, '[')
        << QStringList{"p.json:1: not JSON: nested deeper than 1100 levels"};
}

void TestImportProblems::rejected()
{
    QFETCH(QString, fileName);
    QFETCH(QByteArray, content);
    QFETCH(QStringList, expected);
    const ef::Scenario into = exportfixtures::lab();
    const ef::io::ImportResult result = ef::io::importBytes(content, fileName, into);
    QVERIFY(!result.ok);
    QStringList problems;
    for (const ef::io::ImportProblem &p : result.problems)
        problems << p.text();
    QCOMPARE(problems, expected);
    QVERIFY(result.scenario.rules.empty());
    QVERIFY(result.scenario.buses.empty());
}

void TestImportProblems::skippedAndWarned()
{
    const QByteArray yaml = "Resources:\n"
                            "  Fn:\n"
                            "    Type: AWS::Lambda::Function\n"
                            "    Properties: {}\n"
                            "  Bus:\n"
                            "    Type: AWS::Events::EventBus\n"
                            "    Properties:\n"
                            "      Name: b\n"
                            "      Tags: [{Key: k, Value: v}]\n"
                            "  Rule:\n"
                            "    Type: AWS::Events::Rule\n"
                            "    Properties:\n"
                            "      EventBusName: !Ref Bus\n"
                            "      EventPattern: {source: [\"x\"]}\n"
                            "      Targets:\n"
                            "        - Id: \"1\"\n"
                            "          Arn: !GetAtt Fn.Arn\n";
    const ef::io::ImportResult bad = ef::io::importBytes(yaml, "t.yaml", ef::Scenario{});
    QVERIFY(!bad.ok);
    QCOMPARE(bad.problemText(),
             QStringLiteral("t.yaml:17: Resources.Rule.Properties.Targets[0].Arn.Fn::GetAtt: "
                            "Fn::GetAtt Fn.Arn cannot be evaluated by EventFlow"));

    QByteArray good = yaml;
    good.replace("!GetAtt Fn.Arn", "arn:aws:lambda:us-east-1:123456789012:function:f");
    const ef::io::ImportResult result = ef::io::importBytes(good, "t.yaml", ef::Scenario{});
    QVERIFY2(result.ok, qPrintable(result.problemText()));
    QCOMPARE(result.skipped,
             QStringList{"Resources.Fn (AWS::Lambda::Function): skipped, EventFlow imports only "
                         "AWS::Events::EventBus and AWS::Events::Rule"});
    QCOMPARE(result.warnings,
             QStringList({"t.yaml:9: Resources.Bus.Properties.Tags: not simulated by EventFlow; "
                         "left out",
                         "t.yaml:13: Resources.Rule.Properties: no Name: the rule is named Rule, "
                         "its logical id"}));
    QCOMPARE(result.scenario.rules.size(), std::size_t(1));
    QCOMPARE(result.scenario.rules[0].rule.eventBusName, QStringLiteral("b"));
    QCOMPARE(result.scenario.rules[0].rule.name, QStringLiteral("Rule"));
}

void TestImportProblems::intrinsicFunctions()
{
    const QByteArray yaml =
        "Parameters:\n"
        "  UsernamePrefix: {Type: String, Default: user9}\n"
        "  Queue: {Type: String, Default: \"arn:aws:sqs:eu-west-1:111122223333:dlq\"}\n"
        "Resources:\n"
        "  Bus:\n"
        "    Type: AWS::Events::EventBus\n"
        "    Properties: {Name: !Sub \"${UsernamePrefix}-orders\"}\n"
        "  Rule:\n"
        "    Type: AWS::Events::Rule\n"
        "    Properties:\n"
        "      Name: !Join [\"-\", [!Ref UsernamePrefix, rule]]\n"
        "      EventBusName: !GetAtt Bus.Arn\n"
        "      EventPattern:\n"
        "        source: [!Sub \"${UsernamePrefix}.shop\"]\n"
        "        detail: {n: [1e3, +5, .5, 0x1F]}\n"
        "      Targets:\n"
        "        - Id: \"1\"\n"
        "          Arn: !Sub \"arn:${AWS::Partition}:events:${AWS::Region}:${AWS::AccountId}:"
        "event-bus/${Bus}\"\n"
        "          DeadLetterConfig: {Arn: !Ref Queue}\n"
        "          Input: !Sub [\"{\\\"rule\\\": \\\"${R}\\\", \\\"x\\\": \\\"${!Literal}\\\"}\","
        " {R: !GetAtt Rule.Arn}]\n"
        "          RetryPolicy: {MaximumRetryAttempts: \"4\", MaximumEventAgeInSeconds: 120}\n";
    const ef::io::ImportResult result = ef::io::importBytes(yaml, "t.yaml", ef::Scenario{});
    QVERIFY2(result.ok, qPrintable(result.problemText()));
    QCOMPARE(result.scenario.settings.usernamePrefix, QStringLiteral("user9"));
    QCOMPARE(result.scenario.buses.at(0).name, QStringLiteral("user9-orders"));
    const ef::ScenarioRule &rule = result.scenario.rules.at(0);
    QCOMPARE(rule.rule.name, QStringLiteral("user9-rule"));
    QCOMPARE(rule.rule.eventBusName, QStringLiteral("user9-orders"));
    QCOMPARE(*rule.rule.eventPattern,
             QStringLiteral(R"({"source":["user9.shop"],"detail":{"n":[1e3,5,0.5,31]}})"));
    const ef::Target &t = rule.targets.at(0);
    QCOMPARE(t.arn,
             QStringLiteral("arn:aws:events:us-east-1:123456789012:event-bus/user9-orders"));
    QCOMPARE(t.deadLetterConfig->arn, QStringLiteral("arn:aws:sqs:eu-west-1:111122223333:dlq"));
    QCOMPARE(*t.input, QStringLiteral(R"({"rule": "arn:aws:events:us-east-1:123456789012:)"
                                      R"(rule/user9-orders/user9-rule", "x": "${Literal}"})"));
    QCOMPARE(t.retryPolicy->maximumRetryAttempts, 4);
    QCOMPARE(t.retryPolicy->maximumEventAgeInSeconds, 120);
}

void TestImportProblems::yamlScalars()
{
    // Quoted scalars stay strings; plain ones resolve as YAML 1.2's core schema.
    const QByteArray yaml = "Resources:\n"
                            "  R:\n"
                            "    Type: AWS::Events::Rule\n"
                            "    Properties:\n"
                            "      Name: r\n"
                            "      EventPattern:\n"
                            "        detail:\n"
                            "          a: [\"123\", 123, 'true', true, ~, null, \"null\", yes]\n";
    const ef::io::ImportResult result = ef::io::importBytes(yaml, "t.yaml", ef::Scenario{});
    QVERIFY2(result.ok, qPrintable(result.problemText()));
    QCOMPARE(*result.scenario.rules.at(0).rule.eventPattern,
             QStringLiteral(R"({"detail":{"a":["123",123,"true",true,null,null,"null","yes"]}})"));
}

QTEST_GUILESS_MAIN(TestImportProblems)
#include "tst_importproblems.moc"
