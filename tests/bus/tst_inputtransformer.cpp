// What a target receives: Input, InputPath and InputTransformer, with the
// examples of the EventBridge user guide ("Amazon EventBridge input
// transformation", the input-transformer tutorial and the InputTransformer API
// reference) and PutTargets' validation messages.

#include "core/bus/InputTransformer.h"
#include "core/bus/JsonPath.h"
#include "core/bus/JsonValue.h"

#include <QJsonDocument>
#include <QtTest>

using Paths = QList<QPair<QString, QString>>;
Q_DECLARE_METATYPE(Paths)

class TestInputTransformer : public QObject
{
    Q_OBJECT

private slots:
    void userGuideExamples_data();
    void userGuideExamples();
    void valueKinds_data();
    void valueKinds();
    void predefinedVariables_data();
    void predefinedVariables();
    void inputAndInputPath_data();
    void inputAndInputPath();
    void validation_data();
    void validation();
    void badEvents_data();
    void badEvents();
    void jsonPathSyntax_data();
    void jsonPathSyntax();
    void jsonRoundTrip_data();
    void jsonRoundTrip();
    void putTargetsTarget();
    void compiledTransformIsReusable();
};

namespace {

// The user guide's example Amazon EC2 event.
const char *const kEc2Event = R"({
  "version": "0",
  "id": "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  "source": "aws.ec2",
  "account": "123456789012",
  "time": "2015-11-11T21:29:54Z",
  "region": "us-east-1",
  "resources": [
    "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"
  ],
  "detail": {
    "instance-id": "i-0123456789",
    "state": "RUNNING"
  }
})";

const Paths kEc2Paths = {
    {QStringLiteral("timestamp"), QStringLiteral("$.time")},
    {QStringLiteral("instance"), QStringLiteral("$.detail.instance-id")},
    {QStringLiteral("state"), QStringLiteral("$.detail.state")},
    {QStringLiteral("resource"), QStringLiteral("$.resources[0]")},
};

// An event exercising value kinds: numbers beyond a double, nested objects,
// arrays, strings with characters that need escaping, null and booleans.
const char *const kKindsEvent = R"({
  "version": "0", "id": "e-1", "detail-type": "OrderPlaced", "source": "shop",
  "account": "123456789012", "time": "2026-01-01T00:00:00Z", "region": "us-east-1",
  "resources": [],
  "detail": {
    "orderId": "order-1",
    "big": 12345678901234567890,
    "price": 49.990,
    "exp": 1E+2,
    "neg": -0,
    "flag": true,
    "nothing": null,
    "quote": "say \"hi\"\\now",
    "unicode": "caf\u00e9 \u2713",
    "items": [{"productId": "p1", "quantity": 2}, {"productId": "p2", "quantity": 1}],
    "customer": {"name": "Ann", "tier": "gold"}
  }
})";

ef::RuleContext exampleRule()
{
    return {QStringLiteral("example"),
            QStringLiteral("arn:aws:events:us-east-2:123456789012:rule/example"),
            QStringLiteral("2015-11-11T21:29:55Z")};
}

ef::TargetInput transformerInput(const Paths &paths, const QString &templ)
{
    ef::TargetInput input;
    input.inputTransformer = ef::InputTransformer{paths, templ};
    return input;
}

QString received(const ef::TargetInput &input, const char *event)
{
    const ef::TransformOutcome outcome =
        ef::transformTargetInput(input, event, exampleRule(), QStringLiteral("t1"));
    if (!outcome.ok)
        return QStringLiteral("ERROR: ") + outcome.error;
    return outcome.text;
}

QString minified(const char *json)
{
    ef::json::Value v;
    if (!ef::json::parse(json, v))
        return QStringLiteral("<invalid>");
    return QString::fromStdString(ef::json::toText(v));
}

} // namespace


void TestInputTransformer::userGuideExamples_data()
{
    QTest::addColumn<Paths>("paths");
    QTest::addColumn<QString>("inputTemplate");
    QTest::addColumn<QString>("expected");
    // When the documentation shows its output reformatted, the JSON it shows:
    QTest::addColumn<QString>("expectedJson");

    QTest::addRow("simple string")
        << kEc2Paths << QStringLiteral(R"("instance <instance> is in <state>")")
        << QStringLiteral(R"("instance i-0123456789 is in RUNNING")") << QString();
    QTest::addRow("string with escaped quotes")
        << kEc2Paths << QStringLiteral(R"("instance \"<instance>\" is in <state>")")
        << QStringLiteral(R"("instance \"i-0123456789\" is in RUNNING")") << QString();
    QTest::addRow("simple JSON")
        << kEc2Paths << QStringLiteral("{\n  \"instance\" : <instance>,\n  \"state\": <state>\n}")
        << QStringLiteral("{\n  \"instance\" : \"i-0123456789\",\n  \"state\": \"RUNNING\"\n}")
        << QString();
    QTest::addRow("JSON with strings and variables")
        << kEc2Paths
        << QStringLiteral("{\n \"instance\" : <instance>,\n \"state\": \"<state>\",\n"
                          " \"instanceStatus\": \"instance \\\"<instance>\\\" is in <state>\"\n}")
        << QStringLiteral("{\n \"instance\" : \"i-0123456789\",\n \"state\": \"RUNNING\",\n"
                          " \"instanceStatus\": \"instance \\\"i-0123456789\\\" is in RUNNING\"\n}")
        << QString();
    QTest::addRow("JSON with a mix of variables and static information")
        << kEc2Paths
        << QStringLiteral("{\n  \"instance\" : <instance>,\n  \"state\": [ 9, <state>, true ],\n"
                          "  \"Transformed\" : \"Yes\"\n}\n")
        << QStringLiteral("{\n  \"instance\" : \"i-0123456789\",\n  \"state\": [ 9, \"RUNNING\", "
                          "true ],\n  \"Transformed\" : \"Yes\"\n}\n")
        << QStringLiteral(R"({"instance":"i-0123456789","state":[9,"RUNNING",true],)"
                          R"("Transformed":"Yes"})");
    QTest::addRow("reserved variables in JSON")
        << kEc2Paths
        << QStringLiteral("{\n  \"instance\" : <instance>,\n  \"state\": <state>,\n"
                          "  \"ruleArn\" : <aws.events.rule-arn>,\n"
                          "  \"ruleName\" : <aws.events.rule-name>,\n"
                          "  \"originalEvent\" : <aws.events.event.json>\n}")
        << QStringLiteral("{\n  \"instance\" : \"i-0123456789\",\n  \"state\": \"RUNNING\",\n"
                          "  \"ruleArn\" : \"arn:aws:events:us-east-2:123456789012:rule/example\",\n"
                          "  \"ruleName\" : \"example\",\n  \"originalEvent\" : ")
                   + minified(kEc2Event) + QStringLiteral("\n}")
        << QString();
    QTest::addRow("reserved variables in a string")
        << kEc2Paths << QStringLiteral(R"("<aws.events.rule-name> triggered")")
        << QStringLiteral(R"("example triggered")") << QString();
    QTest::addRow("array index path")
        << kEc2Paths << QStringLiteral(R"({"resource": <resource>, "at": <timestamp>})")
        << QStringLiteral(R"({"resource": "arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111", )"
                          R"("at": "2015-11-11T21:29:54Z"})")
        << QString();
    // The tutorial: "This event was of <detail-type> type."
    QTest::addRow("tutorial")
        << Paths{{QStringLiteral("detail-type"), QStringLiteral("$.detail-type")}}
        << QStringLiteral(R"("This event was of <detail-type> type.")")
        << QStringLiteral(R"("This event was of EC2 Instance State-change Notification type.")")
        << QString();
    // The API reference: a template that is plain text, not a JSON string.
    const Paths apiPaths{{QStringLiteral("instance"), QStringLiteral("$.detail.instance-id")},
                         {QStringLiteral("status"), QStringLiteral("$.detail.state")}};
    QTest::addRow("API reference plain text")
        << apiPaths << QStringLiteral("<instance> is in state <status>")
        << QStringLiteral("i-0123456789 is in state RUNNING") << QString();
    QTest::addRow("API reference quotes in a string")
        << apiPaths << QStringLiteral(R"(<instance> is in state "<status>")")
        << QStringLiteral(R"(i-0123456789 is in state "RUNNING")") << QString();
    QTest::addRow("API reference JSON, variables in quotes or out")
        << apiPaths
        << QStringLiteral(R"({"myInstance": <instance>,"myStatus": "<instance> is in state \"<status>\""})")
        << QStringLiteral(R"({"myInstance": "i-0123456789","myStatus": "i-0123456789 is in state \"RUNNING\""})")
        << QString();
    // Multi-line text: each line its own quoted string.
    QTest::addRow("multi-line string")
        << kEc2Paths
        << QStringLiteral("\"<state> finding <instance>\"\n\"Resource: \\\"<resource>\\\"\"")
        << QStringLiteral("\"RUNNING finding i-0123456789\"\n"
                          "\"Resource: \\\"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111\\\"\"")
        << QString();
    // A variable whose path is not in the event is not created (recorded on
    // AWS: "" as a JSON value, nothing inside a string).
    const Paths missing{{QStringLiteral("instance"), QStringLiteral("$.detail.instance-id")},
                        {QStringLiteral("gone"), QStringLiteral("$.detail.not-there")}};
    QTest::addRow("missing path inside a string")
        << missing << QStringLiteral(R"("instance <instance> has <gone>")")
        << QStringLiteral(R"("instance i-0123456789 has ")") << QString();
    QTest::addRow("missing path as a JSON value")
        << missing << QStringLiteral(R"({"i": <instance>, "g": <gone>})")
        << QStringLiteral(R"({"i": "i-0123456789", "g": ""})") << QString();
    QTest::addRow("missing path in plain text")
        << missing << QStringLiteral("<instance>/<gone>/") << QStringLiteral("i-0123456789//")
        << QString();
    QTest::addRow("text that only looks like a placeholder")
        << kEc2Paths << QStringLiteral(R"("1 < 2 and <= <state> <a b>")")
        << QStringLiteral(R"("1 < 2 and <= RUNNING <a b>")") << QString();
    QTest::addRow("template without placeholders")
        << Paths{} << QStringLiteral(R"({"static": [1, 2.50, "x"]})")
        << QStringLiteral(R"({"static": [1, 2.50, "x"]})") << QString();
    QTest::addRow("placeholder repeated")
        << kEc2Paths << QStringLiteral(R"([<state>, <state>])")
        << QStringLiteral(R"([RUNNING, RUNNING])") << QString();
}

void TestInputTransformer::userGuideExamples()
{
    QFETCH(Paths, paths);
    QFETCH(QString, inputTemplate);
    QFETCH(QString, expected);
    QFETCH(QString, expectedJson);

    const QString text = received(transformerInput(paths, inputTemplate), kEc2Event);
    QCOMPARE(text, expected);
    if (!expectedJson.isEmpty()) {
        QCOMPARE(QJsonDocument::fromJson(text.toUtf8()),
                 QJsonDocument::fromJson(expectedJson.toUtf8()));
    }
}

void TestInputTransformer::valueKinds_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("bareJson");   // {"v": <v>}
    QTest::addColumn<QString>("quoted");     // "[<v>]"
    QTest::addColumn<QString>("plainText");  // v=<v>

    QTest::addRow("string") << "$.detail.orderId" << R"({"v": "order-1"})" << R"("[order-1]")"
                            << "v=order-1";
    QTest::addRow("number beyond a double keeps its text")
        << "$.detail.big" << R"({"v": 12345678901234567890})" << R"("[12345678901234567890]")"
        << "v=12345678901234567890";
    QTest::addRow("decimal keeps trailing zero") << "$.detail.price" << R"({"v": 49.990})"
                                                 << R"("[49.990]")" << "v=49.990";
    QTest::addRow("exponent keeps its form") << "$.detail.exp" << R"({"v": 1E+2})"
                                             << R"("[1E+2]")" << "v=1E+2";
    QTest::addRow("negative zero") << "$.detail.neg" << R"({"v": -0})" << R"("[-0]")" << "v=-0";
    QTest::addRow("boolean") << "$.detail.flag" << R"({"v": true})" << R"("[true]")" << "v=true";
    QTest::addRow("null") << "$.detail.nothing" << R"({"v": null})" << R"("[null]")"
                          << "v=null";
    QTest::addRow("string needing escapes")
        << "$.detail.quote" << R"({"v": "say \"hi\"\\now"})" << R"("[say \"hi\"\\now]")"
        << R"(v=say "hi"\now)";
    QTest::addRow("non-ASCII string") << "$.detail.unicode" << "{\"v\": \"caf\u00e9 \u2713\"}"
                                      << "\"[caf\u00e9 \u2713]\"" << "v=caf\u00e9 \u2713";
    QTest::addRow("object") << "$.detail.customer" << R"({"v": {"name":"Ann","tier":"gold"}})"
                            << R"("[{name:Ann,tier:gold}]")" << R"(v={"name":"Ann","tier":"gold"})";
    QTest::addRow("array of objects")
        << "$.detail.items"
        << R"({"v": [{"productId":"p1","quantity":2},{"productId":"p2","quantity":1}]})"
        << R"("[[{productId:p1,quantity:2},{productId:p2,quantity:1}]]")"
        << R"(v=[{"productId":"p1","quantity":2},{"productId":"p2","quantity":1}])";
    QTest::addRow("array element") << "$.detail.items[1].productId" << R"({"v": "p2"})"
                                   << R"("[p2]")" << "v=p2";
    QTest::addRow("negative index") << "$.detail.items[-1].quantity" << R"({"v": 1})"
                                    << R"("[1]")" << "v=1";
    QTest::addRow("wildcard gives an array") << "$.detail.items[*].productId"
                                             << R"({"v": ["p1","p2"]})" << R"("[[p1,p2]]")"
                                             << R"(v=["p1","p2"])";
    QTest::addRow("wildcard matching nothing") << "$.detail.items[*].missing" << R"({"v": []})"
                                               << R"("[[]]")" << "v=[]";
    QTest::addRow("bracket notation") << "$['detail']['orderId']" << R"({"v": "order-1"})"
                                      << R"("[order-1]")" << "v=order-1";
    QTest::addRow("index past the end") << "$.detail.items[5]" << R"({"v": ""})" << R"("[]")"
                                        << "v=";
}

void TestInputTransformer::valueKinds()
{
    QFETCH(QString, path);
    QFETCH(QString, bareJson);
    QFETCH(QString, quoted);
    QFETCH(QString, plainText);
    const Paths paths{{QStringLiteral("v"), path}};

    QCOMPARE(received(transformerInput(paths, QStringLiteral("{\"v\": <v>}")), kKindsEvent),
             bareJson);
    QCOMPARE(received(transformerInput(paths, QStringLiteral("\"[<v>]\"")), kKindsEvent), quoted);
    QCOMPARE(received(transformerInput(paths, QStringLiteral("v=<v>")), kKindsEvent), plainText);
    // A JSON template stays valid JSON, whatever the value.
    const QString json =
        received(transformerInput(paths, QStringLiteral("{\"a\": <v>, \"b\": \"<v>\"}")),
                 kKindsEvent);
    QJsonParseError error;
    QJsonDocument::fromJson(json.toUtf8(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(json));
}

void TestInputTransformer::predefinedVariables_data()
{
    QTest::addColumn<QString>("inputTemplate");
    QTest::addColumn<QString>("expected");

    QTest::addRow("rule ARN, name and ingestion time in a string")
        << R"("<aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>")"
        << R"("arn:aws:events:us-east-2:123456789012:rule/example example 2015-11-11T21:29:55Z")";
    QTest::addRow("rule name as a JSON value gets quotes")
        << R"({"r": <aws.events.rule-name>})" << R"({"r": "example"})";
    QTest::addRow("event without detail, detail-type as detailType")
        << R"({"e": <aws.events.event>})"
        << R"({"e": {"version":"0","id":"7bf73129-1428-4cd3-a780-95db273d1602",)"
           R"("detailType":"EC2 Instance State-change Notification","source":"aws.ec2",)"
           R"("account":"123456789012","time":"2015-11-11T21:29:54Z","region":"us-east-1",)"
           R"("resources":["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"]}})";
    QTest::addRow("whole event")
        << R"({"e": <aws.events.event.json>})"
        << QStringLiteral("{\"e\": ") + minified(kEc2Event) + u'}';
}

void TestInputTransformer::predefinedVariables()
{
    QFETCH(QString, inputTemplate);
    QFETCH(QString, expected);
    QCOMPARE(received(transformerInput({}, inputTemplate), kEc2Event), expected);
}

void TestInputTransformer::inputAndInputPath_data()
{
    QTest::addColumn<QString>("kind");  // "input", "path" or "none"
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");

    QTest::addRow("no input: the whole event, its text unchanged") << "none" << ""
                                                                    << QString::fromUtf8(kEc2Event);
    QTest::addRow("constant Input exactly as given")
        << "input" << R"({ "fixed" : 1.50, "list": [] })" << R"({ "fixed" : 1.50, "list": [] })";
    QTest::addRow("constant Input string") << "input" << R"("hello")" << R"("hello")";
    QTest::addRow("InputPath detail") << "path" << "$.detail"
                                      << R"({"instance-id":"i-0123456789","state":"RUNNING"})";
    QTest::addRow("InputPath string keeps quotes") << "path" << "$.detail.state"
                                                   << R"("RUNNING")";
    QTest::addRow("InputPath root") << "path" << "$" << minified(kEc2Event);
    QTest::addRow("InputPath array element") << "path" << "$.resources[0]"
                                             << R"("arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111")";
    QTest::addRow("InputPath missing gives null") << "path" << "$.detail.nope" << "null";
    QTest::addRow("InputPath wildcard") << "path" << "$.detail.*" << R"(["i-0123456789","RUNNING"])";
}

void TestInputTransformer::inputAndInputPath()
{
    QFETCH(QString, kind);
    QFETCH(QString, value);
    QFETCH(QString, expected);
    ef::TargetInput input;
    if (kind == u"input")
        input.input = value;
    else if (kind == u"path")
        input.inputPath = value;
    QCOMPARE(received(input, kEc2Event), expected);
}

void TestInputTransformer::validation_data()
{
    QTest::addColumn<QString>("kind");  // "input", "path", "transformer", "input+path", ...
    QTest::addColumn<Paths>("paths");
    QTest::addColumn<QString>("value");  // Input, InputPath or InputTemplate
    QTest::addColumn<QString>("message");

    QTest::addRow("two of Input, InputPath, InputTransformer")
        << "path+transformer" << Paths{} << "$.detail"
        << "Only one of Input, InputPath, or InputTransformer must be provided for target t1.";
    QTest::addRow("Input and InputPath")
        << "input+path" << Paths{} << "{}"
        << "Only one of Input, InputPath, or InputTransformer must be provided for target t1.";
    QTest::addRow("Input not JSON")
        << "input" << Paths{} << "{not json"
        << "Input for target t1 is not a valid JSON text: Missing a name for object member at "
           "offset 1.";
    QTest::addRow("Input too long")
        << "input" << Paths{} << QString(8193, u'1')
        << "Input for target t1 is longer than 8192 characters.";
    QTest::addRow("InputPath not starting with $")
        << "path" << Paths{} << "detail"
        << "InputPath for target t1 is not a valid JSON path: a path starts with \"$\".";
    QTest::addRow("InputPath deep scan")
        << "path" << Paths{} << "$..detail"
        << "InputPath for target t1 is not a valid JSON path: deep scan (..) is not supported "
           "at character 2.";
    QTest::addRow("InputPath filter")
        << "path" << Paths{} << "$.items[?(@.a)]"
        << "InputPath for target t1 is not a valid JSON path: slices, filters and unions are not "
           "supported at character 9.";
    QTest::addRow("InputPath too long")
        << "path" << Paths{} << QStringLiteral("$.") + QString(255, u'a')
        << "InputPath for target t1 is longer than 256 characters.";
    QTest::addRow("undefined placeholder")
        << "transformer" << kEc2Paths << R"("Event of <state>, not defined <notdefinedkey>")"
        << "InputTemplate for target t1 contains invalid placeholder notdefinedkey.";
    QTest::addRow("empty template")
        << "transformer" << Paths{} << "" << "InputTemplate for target t1 is empty.";
    QTest::addRow("template too long")
        << "transformer" << Paths{} << QString(8193, u'x')
        << "InputTemplate for target t1 is longer than 8192 characters.";
    Paths tooMany;
    for (int i = 0; i < 101; ++i)
        tooMany.append({QStringLiteral("k%1").arg(i), QStringLiteral("$.detail")});
    QTest::addRow("101 InputPathsMap entries")
        << "transformer" << tooMany << "\"x\""
        << "InputPathsMap for target t1 has 101 entries; at most 100 are allowed.";
    Paths hundred = tooMany.mid(0, 100);
    QTest::addRow("100 InputPathsMap entries are fine") << "transformer" << hundred << "\"x\""
                                                         << "";
    QTest::addRow("key with a dot")
        << "transformer" << Paths{{QStringLiteral("a.b"), QStringLiteral("$.detail")}} << "\"x\""
        << "InputPathsMap key \"a.b\" for target t1 is not valid: a key is 1 to 256 characters "
           "of A-Z, a-z, 0-9, '_' and '-'.";
    QTest::addRow("empty key")
        << "transformer" << Paths{{QString(), QStringLiteral("$.detail")}} << "\"x\""
        << "InputPathsMap key \"\" for target t1 is not valid: a key is 1 to 256 characters of "
           "A-Z, a-z, 0-9, '_' and '-'.";
    QTest::addRow("reserved key")
        << "transformer"
        << Paths{{QStringLiteral("aws.events.rule-name"), QStringLiteral("$.detail")}} << "\"x\""
        << "InputPathsMap key \"aws.events.rule-name\" for target t1 is reserved: names starting "
           "with \"aws.\" belong to the predefined variables.";
    QTest::addRow("reserved prefix any case")
        << "transformer" << Paths{{QStringLiteral("AWS.mine"), QStringLiteral("$.detail")}}
        << "\"x\""
        << "InputPathsMap key \"AWS.mine\" for target t1 is reserved: names starting with "
           "\"aws.\" belong to the predefined variables.";
    QTest::addRow("value not a JSON path")
        << "transformer" << Paths{{QStringLiteral("k"), QStringLiteral("detail.state")}} << "\"x\""
        << "InputPathsMap value of \"k\" for target t1 is not a valid JSON path: a path starts "
           "with \"$\".";
    QTest::addRow("placeholder as an object key")
        << "transformer" << kEc2Paths << R"({<state>: 1})"
        << "InputTemplate for target t1 uses placeholder <state> as an object key, which is not "
           "allowed.";
    QTest::addRow("placeholder inside an object key")
        << "transformer" << kEc2Paths << R"({"k-<state>": 1})"
        << "InputTemplate for target t1 uses placeholder <state> in an object key, which is not "
           "allowed.";
    QTest::addRow("JSON template that is not JSON")
        << "transformer" << kEc2Paths << R"({"a": <state>,})"
        << "InputTemplate for target t1 is not valid JSON: Missing a name for object member at "
           "offset 14.";
    QTest::addRow("placeholder glued to a number")
        << "transformer" << kEc2Paths << R"({"a": -<state>})"
        << "InputTemplate for target t1 is not valid JSON: Invalid value at offset 7.";
    QTest::addRow("event JSON inside quotes")
        << "transformer" << Paths{} << R"({"a": "<aws.events.event.json>"})"
        << "InputTemplate for target t1 uses <aws.events.event.json> inside a quoted string; it "
           "can only be the value of a JSON field.";
    QTest::addRow("valid transformer") << "transformer" << kEc2Paths
                                       << R"({"a": <state>, "b": "<instance>"})" << "";
}

void TestInputTransformer::validation()
{
    QFETCH(QString, kind);
    QFETCH(Paths, paths);
    QFETCH(QString, value);
    QFETCH(QString, message);

    ef::TargetInput input;
    if (kind.contains(u"input"))
        input.input = value;
    if (kind.contains(u"path"))
        input.inputPath = value;
    if (kind.contains(u"transformer"))
        input.inputTransformer = ef::InputTransformer{paths, value};
    QCOMPARE(ef::validateTargetInput(input, QStringLiteral("t1")), message);
    // The transform reports the same words.
    const ef::TransformOutcome outcome =
        ef::transformTargetInput(input, kEc2Event, exampleRule(), QStringLiteral("t1"));
    QCOMPARE(outcome.ok, message.isEmpty());
    QCOMPARE(outcome.error, message);
}

void TestInputTransformer::badEvents_data()
{
    QTest::addColumn<QByteArray>("event");
    QTest::addColumn<QString>("error");

    QTest::addRow("not JSON") << QByteArray("{\"a\":") << "The event is not valid JSON: Invalid "
                                                         "value at offset 5.";
    QTest::addRow("not an object") << QByteArray("[1]") << "The event is not a JSON object.";
    QTest::addRow("1101 levels")
        << (QByteArray("{\"a\":") + QByteArray(1100, '[') + QByteArray(1100, ']') + '}')
        << "The event is not valid JSON: JSON nested deeper than 1100 levels.";
    QTest::addRow("100000 levels")
        << (QByteArray("{\"a\":") + QByteArray(100000, '[') + QByteArray(100000, ']') + '}')
        << "The event is not valid JSON: JSON nested deeper than 1100 levels.";
    QTest::addRow("1100 levels are fine")
        << (QByteArray("{\"a\":") + QByteArray(1099, '[') + QByteArray(1099, ']') + '}')
        << QString();
}

void TestInputTransformer::badEvents()
{
    QFETCH(QByteArray, event);
    QFETCH(QString, error);
    ef::TargetInput input;
    input.inputPath = QStringLiteral("$.a");
    const ef::TransformOutcome outcome =
        ef::transformTargetInput(input, std::string_view(event.constData(), event.size()),
                                 exampleRule());
    QCOMPARE(outcome.error, error);
    QCOMPARE(outcome.ok, error.isEmpty());
    if (outcome.ok)
        QCOMPARE(outcome.text.size(), 2 * 1099);
}

void TestInputTransformer::jsonPathSyntax_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("relative");
    QTest::addColumn<QString>("error");  // empty: valid
    QTest::addColumn<bool>("definite");

    QTest::addRow("root") << "$" << false << "" << true;
    QTest::addRow("dashes underscores digits") << "$.detail.my-key_2" << false << "" << true;
    QTest::addRow("slash and colon in a name") << "$.detail.a/b:c" << false << "" << true;
    QTest::addRow("index") << "$.items[10]" << false << "" << true;
    QTest::addRow("wildcard index") << "$.items[*].id" << false << "" << false;
    QTest::addRow("wildcard member") << "$.detail.*" << false << "" << false;
    QTest::addRow("quoted bracket name") << "$['a.b'][\"c\"]" << false << "" << true;
    QTest::addRow("relative") << "@.productId" << true << "" << true;
    QTest::addRow("relative not allowed")
        << "@.productId" << false
        << "a path starts with \"$\" (\"@\" is only allowed for the current element)" << true;
    QTest::addRow("empty") << "" << false << "the path is empty" << true;
    QTest::addRow("trailing dot") << "$.detail." << false << "a name is missing after \".\" at "
                                                             "the end"
                                  << true;
    QTest::addRow("unclosed bracket") << "$.items[1" << false << "\"]\" expected at character 10"
                                      << true;
    QTest::addRow("slice") << "$.items[1:2]" << false
                           << "slices and unions are not supported at character 10" << true;
    QTest::addRow("space") << "$.a b" << false
                           << "unexpected character ' ' at character 4 (use \".name\" or "
                              "\"[index]\")"
                           << true;
}

void TestInputTransformer::jsonPathSyntax()
{
    QFETCH(QString, path);
    QFETCH(bool, relative);
    QFETCH(QString, error);
    QFETCH(bool, definite);
    std::string reason;
    const auto parsed = ef::json::JsonPath::parse(path.toStdString(), &reason, relative);
    QCOMPARE(QString::fromStdString(reason), error);
    QCOMPARE(parsed.has_value(), error.isEmpty());
    if (parsed)
        QCOMPARE(parsed->isDefinite(), definite);
}

void TestInputTransformer::jsonRoundTrip_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("written");

    QTest::addRow("number beyond a double's range is refused") << "[1e400]"
                                             << "<error>";
    QTest::addRow("numbers within range") << "[12345678901234567890, 1.0, -0, 2E-3]"
                                          << "[12345678901234567890,1.0,-0,2E-3]";
    QTest::addRow("escapes") << R"(["\u0041\n\t\"\\\/\u0001"])" << R"(["A\n\t\"\\/\u0001"])";
    QTest::addRow("order and repeated keys kept") << R"({"b":1,"a":2,"b":3})"
                                                  << R"({"b":1,"a":2,"b":3})";
    QTest::addRow("trailing text") << "{} x" << "<error>";
    QTest::addRow("NUL byte after the value") << QStringLiteral("{}") + QChar(0) + u'x'
                                              << "<error>";
    QTest::addRow("invalid UTF-8 escape") << R"(["\ud800"])" << "<error>";
}

void TestInputTransformer::jsonRoundTrip()
{
    QFETCH(QString, text);
    QFETCH(QString, written);
    ef::json::Value v;
    const std::string utf8 = text.toStdString();
    if (!ef::json::parse(utf8, v)) {
        QCOMPARE(QStringLiteral("<error>"), written);
        return;
    }
    QCOMPARE(QString::fromStdString(ef::json::toText(v)), written);
    const ef::json::Value *repeated = v.find("b");
    if (repeated)
        QCOMPARE(QString::fromStdString(repeated->text), QStringLiteral("3"));
}

void TestInputTransformer::putTargetsTarget()
{
    ef::Target target;
    target.id = QStringLiteral("order-target");
    target.arn = QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:f");
    target.inputTransformer =
        ef::InputTransformerSpec{kEc2Paths, QStringLiteral("\"<state> <nope>\"")};
    QCOMPARE(ef::validateTargetInput(target),
             QStringLiteral("InputTemplate for target order-target contains invalid placeholder "
                            "nope."));
    target.inputTransformer->inputTemplate = QStringLiteral("\"<state>\"");
    QCOMPARE(ef::validateTargetInput(target), QString());
    QCOMPARE(received(ef::targetInputOf(target), kEc2Event), QStringLiteral("\"RUNNING\""));
}

void TestInputTransformer::compiledTransformIsReusable()
{
    QString error;
    const auto transform = ef::TargetInputTransform::compile(
        transformerInput(kEc2Paths, QStringLiteral(R"({"s": <state>, "r": <aws.events.rule-name>})")),
        QStringLiteral("t1"), &error);
    QVERIFY2(transform, qPrintable(error));
    QVERIFY(!transform->passesWholeEvent());
    for (const char *state : {"A", "B"}) {
        const std::string event = std::string(R"({"detail":{"state":")") + state + "\"}}";
        std::string out;
        QVERIFY(transform->apply(event, exampleRule(), out));
        QCOMPARE(QString::fromStdString(out),
                 QStringLiteral(R"({"s": "%1", "r": "example"})").arg(QLatin1String(state)));
    }
    const auto whole = ef::TargetInputTransform::compile({}, QString(), &error);
    QVERIFY(whole && whole->passesWholeEvent());
}

QTEST_GUILESS_MAIN(TestInputTransformer)
#include "tst_inputtransformer.moc"
