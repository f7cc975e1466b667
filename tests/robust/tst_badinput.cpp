// Bad input everywhere: malformed text at every door into the engine (the
// pattern editor's validator, the event composer's PutEvents entry, the
// scenario loader, the local endpoint's request handling) gets an error that
// names the field (or the line/offset, for text that is not JSON at all) and
// the reason; the importer (CloudFormation YAML/JSON, AWS CLI input JSON,
// pattern JSON) refuses the whole file with FILE:LINE: PATH: reason;
// nothing crashes (the sanitizer build runs this too); and the
// scenario loaded before a rejected load or request is unchanged.
//
// Set EVENTFLOW_PRINT_ERRORS=1 to print every message.

#include "core/api/ApiService.h"
#include "core/bus/Engine.h"
#include "core/io/Import.h"
#include "core/io/ScenarioFile.h"
#include "core/pattern/EventPattern.h"
#include "robust/ScenarioJsonEdit.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <functional>

namespace {

enum class Door { Pattern, Entry, Scenario, Http, Import };

QString labPath()
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json");
}

QByteArray nested(int depth, const QByteArray &leaf = "1")
{
    return QByteArray("[").repeated(depth) + leaf + QByteArray("]").repeated(depth);
}
QByteArray nestedObjects(int depth)
{
    return QByteArray("{\"a\":").repeated(depth) + "1" + QByteArray("}").repeated(depth);
}

const QByteArray kInvalidUtf8[] = {
    QByteArray("\xff"), QByteArray("\xc3"), QByteArray("\xe2\x82"), QByteArray("\xed\xa0\x80"),
    QByteArray("\xc0\xaf"), QByteArray("\xf8\x88\x80\x80\x80")};
const char *const kInvalidUtf8Names[] = {"0xff",       "truncated 2-byte", "truncated 3-byte",
                                         "surrogate",  "overlong slash",   "5-byte form"};
const char *const kNanLike[] = {"NaN", "nan", "Infinity", "-Infinity", "inf", "1e400", "-1e400",
                                "0x10", "+1", ".5", "1.", "01", "1e", "--1", "undefined", "None"};

// A template that imports cleanly (checked by importBaseIsAccepted); the
// import rows break one thing in it at a time.
const QByteArray kTemplate = R"(Resources:
  Bus:
    Type: AWS::Events::EventBus
    Properties:
      Name: imported-bus
  Rule:
    Type: AWS::Events::Rule
    Properties:
      Name: imported-rule
      EventBusName: !Ref Bus
      EventPattern:
        source: [shop]
        detail-type: [OrderPlaced]
      Targets:
        - Id: "1"
          Arn: arn:aws:sqs:us-east-1:123456789012:imported-queue
          RetryPolicy:
            MaximumRetryAttempts: 3
)";

QByteArray replaced(const QByteArray &text, const QByteArray &from, const QByteArray &to)
{
    QByteArray out = text;
    const qsizetype at = out.indexOf(from);
    Q_ASSERT(at >= 0);
    return out.replace(at, from.size(), to);
}

// The template cut right after the first occurrence of `after`.
QByteArray cutAfter(const QByteArray &text, const QByteArray &after)
{
    const qsizetype at = text.indexOf(after);
    Q_ASSERT(at >= 0);
    return text.left(at + after.size());
}

QByteArray tenMegabytes()
{
    static const QByteArray s = QByteArray(10 * 1024 * 1024, 'x');
    return s;
}

void row(Door door, const QString &name, const QByteArray &input, const QString &field,
         const QString &reason, const QByteArray &extra = QByteArray())
{
    QTest::addRow("%s", qPrintable(name)) << int(door) << input << field << reason << extra;
}

} // namespace

class TestBadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importBaseIsAccepted();
    void rejected_data();
    void rejected();
    void cleanupTestCase();

private:
    // Returns the error text, or a null string when the input was accepted.
    QString submit(Door door, const QByteArray &input, const QByteArray &extra);

    ef::Engine m_engine;
    std::unique_ptr<ef::api::ApiService> m_api;
    QByteArray m_loaded;  // the scenario as loaded: every rejection leaves it so
    int m_rows = 0;
};

void TestBadInput::initTestCase()
{
    const ef::ScenarioLoad load = ef::ScenarioFile::load(labPath());
    QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
    QVERIFY(m_engine.applyScenario(*load.scenario));
    m_loaded = ef::ScenarioFile::toJson(m_engine.snapshot());
    m_api = std::make_unique<ef::api::ApiService>(m_engine);
}

void TestBadInput::cleanupTestCase()
{
    qInfo("%d malformed inputs rejected", m_rows);
}

void TestBadInput::importBaseIsAccepted()
{
    // Otherwise every import row would pass for the wrong reason.
    ef::io::ImportOptions options;
    options.ruleName = QStringLiteral("imported-rule");
    for (const QString &name : {QStringLiteral("t.yaml"), QStringLiteral("t.template")}) {
        const ef::io::ImportResult r =
            ef::io::importBytes(kTemplate, name, m_engine.snapshot(), options);
        QVERIFY2(r.ok, qPrintable(r.problemText()));
        QCOMPARE(r.scenario.rules.size(), m_engine.snapshot().rules.size() + 1);
    }
}

void TestBadInput::rejected_data()
{
    QTest::addColumn<int>("door");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("field");   // must appear in the message
    QTest::addColumn<QString>("reason");  // must appear in the message
    QTest::addColumn<QByteArray>("extra"); // Http: the X-Amz-Target operation; Entry: member

    // ---- the pattern editor's validator --------------------------------------
    const QByteArray pattern =
        R"({"source":["shop"],"detail":{"amount":[{"numeric":[">=",100]}],"state":["ok"]}})";
    for (int cut : {1, 2, 9, 10, 11, 18, 30, 45, 60, 70, int(pattern.size()) - 1})
        row(Door::Pattern, QStringLiteral("pattern truncated at %1").arg(cut), pattern.left(cut),
            QStringLiteral("line 1, column"), QStringLiteral("Malformed JSON"));
    row(Door::Pattern, "pattern source not a list", R"({"source":"shop"})",
        "\"source\"", "must be an object or an array");
    row(Door::Pattern, "pattern number operand a string",
        R"({"detail":{"amount":[{"numeric":[">=","100"]}]}})", "\"detail.amount\"", "numeric");
    row(Door::Pattern, "pattern prefix a number", R"({"detail":{"id":[{"prefix":7}]}})",
        "\"detail.id\"", "must be a string");
    row(Door::Pattern, "pattern exists a string", R"({"detail":{"id":[{"exists":"yes"}]}})",
        "\"detail.id\"", "exists");
    row(Door::Pattern, "pattern huge number operand",
        R"({"detail":{"amount":[{"numeric":[">",1e400]}]}})", "\"detail.amount\"", "");
    row(Door::Pattern, "pattern number past 2^53",
        R"({"detail":{"amount":[{"numeric":[">",90071992547409931]}]}})", "\"detail.amount\"",
        "");
    row(Door::Pattern, "pattern nested 2000 arrays", "{\"a\":" + nested(2000) + "}",
        "line 1, column", "deeper");
    row(Door::Pattern, "pattern nested 2000 objects", nestedObjects(2000), "line 1, column",
        "deeper");
    for (std::size_t i = 0; i < std::size(kInvalidUtf8); ++i)
        row(Door::Pattern, QStringLiteral("pattern invalid UTF-8 %1").arg(kInvalidUtf8Names[i]),
            "{\"source\":[\"a" + kInvalidUtf8[i] + "\"]}", "line 1, column", "UTF-8");
    // (Size limits are PutRule's: see the endpoint's rows. Duplicate keys and
    // text after the pattern are accepted as the reference matcher accepts them.)
    row(Door::Pattern, "pattern 10 MB string as a field", "{\"source\":\"" + tenMegabytes() + "\"}",
        "\"source\"", "must be an object or an array");
    row(Door::Pattern, "pattern 10 MB operand", "{\"a\":[{\"numeric\":[\">\",\"" + tenMegabytes() + "\"]}]}",
        "\"a\"", "numeric");
    for (const char *nan : kNanLike)
        row(Door::Pattern, QStringLiteral("pattern literal %1").arg(QLatin1String(nan)),
            QByteArray(R"({"detail":{"amount":[{"numeric":[">",)") + nan + "]}]}}",
            QByteArray(nan).endsWith("e400")
                ? QStringLiteral("\"detail.amount\"")
                : QStringLiteral("line 1, column"),
            QString());
    row(Door::Pattern, "pattern top-level array", R"([{"source":["a"]}])", "", "not an object");
    row(Door::Pattern, "pattern empty text", "", "line 1, column", "");
    row(Door::Pattern, "pattern NUL byte", QByteArray("{\"source\":[\"a\0b\"]}", 18),
        "line 1, column", "control character");

    // ---- the event composer: one PutEvents entry -----------------------------
    // `extra` names the member the input replaces; the rest is a valid entry.
    const QByteArray detail = R"({"orderId":"o-1","amount":120,"items":[{"sku":"a","qty":1}]})";
    for (int cut : {1, 2, 10, 11, 12, 20, 30, 40, int(detail.size()) - 1})
        row(Door::Entry, QStringLiteral("entry detail truncated at %1").arg(cut),
            detail.left(cut), "Detail", "malformed", "Detail");
    const QByteArray notObjects[] = {"[1,2]", "\"text\"", "42", "true", "null", "[]"};
    for (const QByteArray &v : notObjects)
        row(Door::Entry, QStringLiteral("entry detail %1").arg(QString::fromLatin1(v)), v,
            "Detail", "malformed", "Detail");
    row(Door::Entry, "entry detail nested 2000", "{\"a\":" + nested(2000) + "}", "Detail",
        "malformed", "Detail");
    for (std::size_t i = 0; i < std::size(kInvalidUtf8); ++i)
        row(Door::Entry, QStringLiteral("entry detail invalid UTF-8 %1").arg(kInvalidUtf8Names[i]),
            "{\"a\":\"" + kInvalidUtf8[i] + "\"}", "Detail", "malformed", "Detail");
    for (const char *nan : kNanLike)
        row(Door::Entry, QStringLiteral("entry detail literal %1").arg(QLatin1String(nan)),
            QByteArray("{\"amount\":") + nan + "}", "Detail", "malformed", "Detail");
    row(Door::Entry, "entry detail 10 MB", "{\"a\":\"" + tenMegabytes() + "\"}", "entries",
        "size", "Detail");
    row(Door::Entry, "entry source empty", "", "Source", "required", "Source");
    row(Door::Entry, "entry source aws.", "aws.shop", "source", "Not authorized", "Source");
    row(Door::Entry, "entry detail-type empty", "", "DetailType", "required", "DetailType");
    row(Door::Entry, "entry detail empty", "", "Detail", "required", "Detail");
    row(Door::Entry, "entry unknown bus", "no-such-bus", "no-such-bus", "does not exist",
        "EventBusName");
    row(Door::Entry, "entry bus 10 MB name", tenMegabytes(), "Event bus", "does not exist",
        "EventBusName");
    const QByteArray badTimes[] = {"yesterday", "2026-13-01T00:00:00Z", "1e400", "NaN",
                                   "-99999999999999999999", "2026-01-01T25:00:00Z", ""};
    for (const QByteArray &t : badTimes)
        row(Door::Entry, QStringLiteral("entry time %1").arg(QString::fromLatin1(t)), t, "Time",
            "ISO 8601", "Time");
    row(Door::Entry, "entry source 10 MB", tenMegabytes(), "entries", "size", "Source");

    // ---- the scenario loader -------------------------------------------------
    QFile lab(labPath());
    QVERIFY(lab.open(QIODevice::ReadOnly));
    const QByteArray scenario = lab.readAll();
    for (int i = 1; i <= 12; ++i) {
        const int cut = int(scenario.size() * i / 13);
        row(Door::Scenario, QStringLiteral("scenario truncated at %1").arg(cut),
            scenario.left(cut), "offset", "not valid JSON");
    }
    auto edited = [&](const std::function<void(QJsonObject &)> &edit) {
        QJsonObject o = QJsonDocument::fromJson(scenario).object();
        edit(o);
        return QJsonDocument(o).toJson(QJsonDocument::Compact);
    };
    const QJsonValue wrongTypes[] = {QJsonValue(42), QJsonValue(true), QJsonValue(QJsonArray{}),
                                     QJsonValue(QJsonObject{}), QJsonValue::Null};
    const char *const wrongTypeNames[] = {"number", "boolean", "array", "object", "null"};
    for (std::size_t t = 0; t < std::size(wrongTypes); ++t) {
        const QString n = QLatin1String(wrongTypeNames[t]);
        row(Door::Scenario, QStringLiteral("scenario rule name %1").arg(n),
            edited([&](QJsonObject &o) { setScenarioMember(o, "rules", 0, "name", wrongTypes[t]); }),
            "$.rules[0].name", "");
        row(Door::Scenario, QStringLiteral("scenario consumer latency %1").arg(n),
            edited([&](QJsonObject &o) {
                setScenarioMember(o, "consumers", 1, "latencyMs", t == 0 ? QJsonValue(-5) : wrongTypes[t]);
            }),
            "consumers[1].latencyMs", "");
        row(Door::Scenario, QStringLiteral("scenario settings %1").arg(n),
            edited([&](QJsonObject &o) {
                if (t == 3)
                    o.insert("settings", QJsonObject{{"region", 7}});
                else
                    o.insert("settings", wrongTypes[t]);
            }),
            "$.settings", "");
        row(Door::Scenario, QStringLiteral("scenario buses %1").arg(n),
            edited([&](QJsonObject &o) {
                o.insert("buses", t == 2 ? QJsonValue(QJsonArray{7}) : wrongTypes[t]);
            }),
            "$.buses", "");
        row(Door::Scenario, QStringLiteral("scenario rule targets %1").arg(n),
            edited([&](QJsonObject &o) {
                setScenarioMember(o, "rules", 0, "targets", t == 2 ? QJsonValue(QJsonArray{7}) : wrongTypes[t]);
            }),
            "$.rules[0].targets", "");
    }
    row(Door::Scenario, "scenario rule pattern invalid",
        edited([&](QJsonObject &o) {
            setScenarioMember(o, "rules", 0, "eventPattern", QJsonObject{{"source", "shop"}});
        }),
        "$.rules[0]", "Field \"source\" must be an object or an array");
    row(Door::Scenario, "scenario failure rate 7",
        edited([&](QJsonObject &o) { setScenarioMember(o, "consumers", 0, "failureRate", 7); }),
        "consumers[0].failureRate", "");
    row(Door::Scenario, "scenario huge latency",
        edited([&](QJsonObject &o) { setScenarioMember(o, "consumers", 0, "latencyMs", 1e300); }),
        "consumers[0].latencyMs", "");
    row(Door::Scenario, "scenario huge version",
        edited([&](QJsonObject &o) { o.insert("version", 1e300); }), "$.version", "");
    row(Door::Scenario, "scenario version 0.5",
        edited([&](QJsonObject &o) { o.insert("version", 0.5); }), "$.version", "");
    row(Door::Scenario, "scenario wrong format",
        edited([&](QJsonObject &o) { o.insert("format", "something-else"); }), "$.format",
        "must be");
    row(Door::Scenario, "scenario unknown member",
        edited([&](QJsonObject &o) { setScenarioMember(o, "rules", 0, "colour", "red"); }),
        "$.rules[0]", "colour");
    row(Door::Scenario, "scenario 10 MB rule name",
        edited([&](QJsonObject &o) {
            setScenarioMember(o, "rules", 0, "name", QString::fromLatin1(tenMegabytes()));
        }),
        "$.rules[0]", "length less than or equal to 64");
    row(Door::Scenario, "scenario 10 MB rule description",
        edited([&](QJsonObject &o) {
            setScenarioMember(o, "rules", 0, "description", QString::fromLatin1(tenMegabytes()));
        }),
        "$.rules[0]", "length less than or equal to 512");
    row(Door::Scenario, "scenario 10 MB rule pattern",
        edited([&](QJsonObject &o) {
            setScenarioMember(o, "rules", 0, "eventPattern",
                  QJsonObject{{"source", QJsonArray{QString::fromLatin1(tenMegabytes())}}});
        }),
        "$.rules[0]", "4096");
    row(Door::Scenario, "scenario not an object", "[1,2,3]", "$", "JSON object");
    row(Door::Scenario, "scenario empty", "", "offset", "not valid JSON");
    row(Door::Scenario, "scenario nested 2000", "{\"layout\":" + nested(2000) + "}", "offset",
        "not valid JSON");
    for (std::size_t i = 0; i < std::size(kInvalidUtf8); ++i) {
        row(Door::Scenario, QStringLiteral("scenario invalid UTF-8 %1").arg(kInvalidUtf8Names[i]),
            "{\"format\":\"eventflow-scenario\",\"version\":1,\"name\":\"a" + kInvalidUtf8[i]
                + "\"}",
            "offset", "not valid JSON");
    }
    // Qt's JSON reader takes "1." for 1 and ".5" for 0.5 (then $.version says
    // it is not a whole number); "1." alone is therefore left out.
    for (const char *nan : kNanLike) {
        if (QByteArray(nan) == "1.")
            continue;
        row(Door::Scenario, QStringLiteral("scenario literal %1").arg(QLatin1String(nan)),
            QByteArray("{\"format\":\"eventflow-scenario\",\"version\":") + nan + "}",
            QByteArray(nan) == ".5" ? QStringLiteral("$.version") : QStringLiteral("offset"),
            QString());
    }
    row(Door::Scenario, "scenario duplicate key",
        R"({"format":"eventflow-scenario","version":1,"version":"two"})", "$.version", "");

    // ---- the local endpoint (AWS JSON 1.1, in process) -----------------------
    const QByteArray putEvents =
        R"({"Entries":[{"Source":"shop","DetailType":"OrderPlaced","Detail":"{\"a\":1}"}]})";
    for (int cut : {1, 2, 12, 13, 30, 60, int(putEvents.size()) - 1})
        row(Door::Http, QStringLiteral("PutEvents body truncated at %1").arg(cut),
            putEvents.left(cut), "offset", "not valid JSON", "PutEvents");
    const QByteArray entryTypes[] = {"\"x\"", "7", "{}", "[7]", "[[]]", "true"};
    for (const QByteArray &v : entryTypes)
        row(Door::Http, QStringLiteral("PutEvents Entries %1").arg(QString::fromLatin1(v)),
            "{\"Entries\":" + v + "}", "Entries", "", "PutEvents");
    const char *const members[] = {"Source", "DetailType", "Detail", "EventBusName", "Time",
                                   "Resources"};
    for (const char *m : members) {
        for (const QByteArray &v : {QByteArray("{}"), QByteArray("[1]"), QByteArray("false")}) {
            if (QByteArray(m) == "Resources" && v == "[1]")
                continue;
            row(Door::Http, QStringLiteral("PutEvents %1 %2").arg(QLatin1String(m), QString::fromLatin1(v)),
                QByteArray("{\"Entries\":[{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{}\",\"") + m
                    + "\":" + v + "}]}",
                QStringLiteral("Entries[0].") + QLatin1String(m), "", "PutEvents");
        }
    }
    row(Door::Http, "PutEvents Resources [1]",
        R"({"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Resources":[1]}]})",
        "Entries[0].Resources", "list of strings", "PutEvents");
    row(Door::Http, "PutEvents 11 entries",
        "{\"Entries\":[" + QByteArray(R"({"Source":"s","DetailType":"t","Detail":"{}"},)").repeated(10)
            + R"({"Source":"s","DetailType":"t","Detail":"{}"}]})",
        "entries", "less than or equal to 10", "PutEvents");
    row(Door::Http, "PutEvents empty Entries", R"({"Entries":[]})", "entries", "length",
        "PutEvents");
    row(Door::Http, "PutEvents nested 2000", "{\"Entries\":" + nested(2000) + "}",
        "request body", "deeper", "PutEvents");
    for (std::size_t i = 0; i < std::size(kInvalidUtf8); ++i)
        row(Door::Http, QStringLiteral("PutEvents invalid UTF-8 %1").arg(kInvalidUtf8Names[i]),
            "{\"Entries\":[{\"Source\":\"s" + kInvalidUtf8[i] + "\"}]}", "offset",
            "encoding", "PutEvents");
    for (const char *nan : kNanLike)
        row(Door::Http, QStringLiteral("PutEvents Time literal %1").arg(QLatin1String(nan)),
            QByteArray(R"({"Entries":[{"Source":"s","DetailType":"t","Detail":"{}","Time":)") + nan
                + "}]}",
            "offset", "not valid JSON", "PutEvents");
    row(Door::Http, "PutEvents 10 MB Detail",
        R"({"Entries":[{"Source":"s","DetailType":"t","Detail":")" + tenMegabytes() + "\"}]}",
        "entries", "262144", "PutEvents");
    row(Door::Http, "PutEvents duplicate Entries",
        R"({"Entries":[{"Source":"s","DetailType":"t","Detail":"{}"}],"Entries":7})",
        "Entries", "", "PutEvents");
    row(Door::Http, "PutRule bad pattern", R"({"Name":"r1","EventPattern":"{\"source\":\"x\"}"})",
        "\"source\"", "must be an object or an array", "PutRule");
    row(Door::Http, "PutRule truncated pattern", R"({"Name":"r1","EventPattern":"{\"source\":["})",
        "line 1, column", "unexpected end of input", "PutRule");
    row(Door::Http, "PutRule name number", R"({"Name":7,"EventPattern":"{}"})", "Name", "",
        "PutRule");
    row(Door::Http, "PutRule 10 MB pattern",
        "{\"Name\":\"big\",\"EventPattern\":\"{\\\"a\\\":[\\\"" + tenMegabytes() + "\\\"]}\"}",
        "eventPattern", "4096", "PutRule");
    row(Door::Http, "PutRule 10 MB name",
        "{\"Name\":\"" + tenMegabytes() + "\",\"EventPattern\":\"{\\\"a\\\":[1]}\"}", "name", "",
        "PutRule");
    row(Door::Http, "CreateEventBus bad name", R"({"Name":"a b"})", "name", "", "CreateEventBus");
    row(Door::Http, "CreateEventBus default", R"({"Name":"default"})", "default", "",
        "CreateEventBus");
    row(Door::Http, "PutTargets bad arn",
        R"({"Rule":"r","Targets":[{"Id":"1","Arn":"not-an-arn"}]})", "", "", "PutTargets");
    row(Door::Http, "PutTargets Targets string", R"({"Rule":"r","Targets":"x"})", "Targets", "",
        "PutTargets");
    row(Door::Http, "PutTargets RetryPolicy huge",
        R"({"Rule":"r","Targets":[{"Id":"1","Arn":"arn:aws:sqs:us-east-1:123456789012:q","RetryPolicy":{"MaximumRetryAttempts":1e300}}]})",
        "MaximumRetryAttempts", "", "PutTargets");
    row(Door::Http, "TestEventPattern event not JSON",
        R"({"EventPattern":"{\"source\":[\"a\"]}","Event":"{"})", "Event", "", "TestEventPattern");
    row(Door::Http, "unknown operation", "{}", "AWSEvents.Nope", "", "Nope");

    // ---- the importer --------------------------------------------------------
    // `extra` is the file name the bytes arrive under (it picks the reader).
    const QByteArray y = "t.yaml";
    const QByteArray props = "Resources.Rule.Properties";
    row(Door::Import, "import yaml cut after the rule name", cutAfter(kTemplate, "imported-rule\n"),
        "t.yaml:9: " + props, "EventPattern or ScheduleExpression", y);
    row(Door::Import, "import yaml cut after Targets", cutAfter(kTemplate, "Targets:"),
        props + ".Targets", "expected a list", y);
    row(Door::Import, "import yaml cut inside the target ARN", cutAfter(kTemplate, "arn:aws:sq"),
        props + ".Targets[0]", "not valid", y);
    row(Door::Import, "import yaml cut after MaximumRetryAttempts",
        cutAfter(kTemplate, "MaximumRetryAttempts:"), "RetryPolicy.MaximumRetryAttempts",
        "expected an integer", y);
    row(Door::Import, "import yaml cut inside a flow list", cutAfter(kTemplate, "source: [sh"),
        "t.yaml:", "not YAML", y);
    row(Door::Import, "import yaml cut inside a quoted id", cutAfter(kTemplate, "- Id: \"1"),
        "t.yaml:", "not YAML", y);
    row(Door::Import, "import yaml EventPattern a number",
        replaced(kTemplate, "\n        source: [shop]\n        detail-type: [OrderPlaced]", " 5"),
        props + ".EventPattern", "expected a JSON object", y);
    row(Door::Import, "import yaml EventPattern invalid",
        replaced(kTemplate, "source: [shop]", "source: shop"), "t.yaml:", "\"source\"", y);
    row(Door::Import, "import yaml Targets a number",
        cutAfter(kTemplate, "Targets:") + " 7\n", props + ".Targets", "expected a list", y);
    row(Door::Import, "import yaml RetryPolicy a list",
        replaced(kTemplate, "\n            MaximumRetryAttempts: 3", " [3]"), "RetryPolicy",
        "expected an object", y);
    row(Door::Import, "import yaml retries NaN", replaced(kTemplate, "Attempts: 3", "Attempts: .nan"),
        "MaximumRetryAttempts", "expected an integer", y);
    row(Door::Import, "import yaml retries 1e400",
        replaced(kTemplate, "Attempts: 3", "Attempts: 1e400"), "MaximumRetryAttempts",
        "expected an integer", y);
    row(Door::Import, "import yaml retries 999", replaced(kTemplate, "Attempts: 3", "Attempts: 999"),
        "maximumRetryAttempts", "less than or equal to 185", y);
    row(Door::Import, "import yaml retries a string",
        replaced(kTemplate, "Attempts: 3", "Attempts: many"), "MaximumRetryAttempts",
        "expected an integer", y);
    row(Door::Import, "import yaml state MAYBE",
        replaced(kTemplate, "Name: imported-rule", "Name: imported-rule\n      State: MAYBE"),
        "'state'", "ENABLED, DISABLED", y);
    row(Door::Import, "import yaml rule name with a space",
        replaced(kTemplate, "imported-rule", "imported rule"), "'name'",
        "regular expression", y);
    row(Door::Import, "import yaml rule name 10 MB",
        replaced(kTemplate, "imported-rule", tenMegabytes()), "'name'",
        "less than or equal to 64", y);
    row(Door::Import, "import yaml unsupported intrinsic",
        replaced(kTemplate, "!Ref Bus", "!GetAZs Bus"), "EventBusName", "Fn::GetAZs", y);
    row(Door::Import, "import yaml Ref to nothing", replaced(kTemplate, "!Ref Bus", "!Ref Nope"),
        "EventBusName.Ref", "Nope", y);
    row(Door::Import, "import yaml resource without Properties",
        replaced(kTemplate, "    Properties:\n      Name: imported-bus\n", ""),
        "Resources.Bus", "Properties", y);
    row(Door::Import, "import yaml Resources a number", "Resources: 7\n", "t.yaml:1: Resources",
        "expected an object", y);
    row(Door::Import, "import yaml no Resources", "Parameters: {}\n", "t.yaml:",
        "no Resources", y);
    row(Door::Import, "import yaml duplicate key",
        replaced(kTemplate, "Name: imported-rule", "Name: imported-rule\n      Name: other"),
        "t.yaml:10:", "duplicate key Name", y);
    row(Door::Import, "import yaml tab indentation", "Resources:\n\t- Bus\n", "t.yaml:",
        "not YAML", y);
    row(Door::Import, "import yaml alias bomb",
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
        "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
        "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
        "f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
        "Resources: {}\n",
        "t.yaml:", "more than 200000 values", y);
    row(Door::Import, "import yaml nested 3000 flow lists",
        "Resources: " + QByteArray("[").repeated(3000) + QByteArray("]").repeated(3000) + "\n",
        "t.yaml:", "nested deeper", y);
    for (std::size_t i = 0; i < std::size(kInvalidUtf8); ++i)
        row(Door::Import, QStringLiteral("import yaml invalid UTF-8 %1").arg(kInvalidUtf8Names[i]),
            replaced(kTemplate, "imported-bus", "imported-" + kInvalidUtf8[i]), "t.yaml:5:",
            "not valid UTF-8", y);
    // CloudFormation JSON, CLI input JSON and pattern JSON go through the JSON reader.
    const QByteArray cfn =
        R"({"Resources":{"R":{"Type":"AWS::Events::Rule","Properties":{"Name":"r",)"
        R"("EventPattern":{"source":["shop"]}}}}})";
    for (int cut : {1, 15, 40, 90, int(cfn.size()) - 1})
        row(Door::Import, QStringLiteral("import template json truncated at %1").arg(cut),
            cfn.left(cut), "t.json:1", "not JSON", "t.json");
    row(Door::Import, "import template json nested 2000", "{\"Resources\":" + nested(2000) + "}",
        "t.json:1", "not JSON", "t.json");
    row(Door::Import, "import template json NaN", replaced(cfn, "\"r\"", "NaN"), "t.json:1",
        "not JSON", "t.json");
    row(Door::Import, "import template json invalid UTF-8", replaced(cfn, "\"r\"", "\"r\xff\""),
        "t.json:1", "not JSON", "t.json");
    const QByteArray bus = "01-create-event-bus-b.json";
    const QByteArray rule = "02-put-rule-r.json";
    const QByteArray targets = "03-put-targets-r.json";
    row(Door::Import, "import cli bus name a number", R"({"Name":7})", "Name",
        "expected a string", bus);
    row(Door::Import, "import cli bus unknown member", R"({"Name":"b","Colour":"red"})", "Colour",
        "unknown member", bus);
    row(Door::Import, "import cli bus name with a slash", R"({"Name":"a/b"})", "Name",
        "must not contain '/'", bus);
    row(Door::Import, "import cli rule name invalid",
        R"({"Name":"bad name!","EventPattern":"{\"source\":[\"a\"]}"})", "'name'",
        "regular expression", rule);
    row(Door::Import, "import cli rule pattern a number", R"({"Name":"r","EventPattern":7})",
        "EventPattern", "expected a JSON object", rule);
    row(Door::Import, "import cli rule pattern truncated",
        R"({"Name":"r","EventPattern":"{\"source\":["})", "EventPattern", "", rule);
    row(Door::Import, "import cli rule bad schedule",
        R"x({"Name":"r","ScheduleExpression":"rate(0 minutes)"})x", "ScheduleExpression",
        "not valid", rule);
    row(Door::Import, "import cli rule on a missing bus",
        R"({"Name":"r","EventBusName":"nope","EventPattern":"{\"source\":[\"a\"]}"})", "nope",
        "does not exist", rule);
    row(Door::Import, "import cli targets empty", R"({"Rule":"r","Targets":[]})", "Targets",
        "greater than or equal to 1", targets);
    row(Door::Import, "import cli targets for a missing rule",
        R"({"Rule":"nope","Targets":[{"Id":"1","Arn":"arn:aws:sqs:us-east-1:123456789012:q"}]})",
        "nope", "does not exist", targets);
    row(Door::Import, "import cli target retries 1e400",
        R"({"Rule":"r","Targets":[{"Id":"1","Arn":"arn:aws:sqs:us-east-1:1:q","RetryPolicy":{"MaximumRetryAttempts":1e400}}]})",
        targets + ":1", "not JSON", targets);
    row(Door::Import, "import cli target transformer placeholder",
        R"({"Rule":"r","Targets":[{"Id":"1","Arn":"arn:aws:sqs:us-east-1:1:q","InputTransformer":{"InputTemplate":"<x>"}}]})",
        "Targets[0]", "invalid placeholder x", targets);
    row(Door::Import, "import cli target queue name invalid",
        R"({"Rule":"user3-order-processing-rule","EventBusName":"user3-ecommerce-events",)"
        R"("Targets":[{"Id":"9","Arn":"arn:aws:sqs:us-east-1:1:a&b"}]})",
        "a&b",
        "not valid", targets);
    row(Door::Import, "import pattern source a string", R"({"source":"shop"})", "p.json:1",
        "\"source\" must be an object or an array", "p.json");
    row(Door::Import, "import pattern 10 MB", "{\"source\":[\"" + tenMegabytes() + "\"]}",
        "p.json:1", "", "p.json");
}

QString TestBadInput::submit(Door door, const QByteArray &input, const QByteArray &extra)
{
    switch (door) {
    case Door::Pattern: {
        const ef::pattern::CompileResult r =
            ef::pattern::validatePattern(std::string_view(input.constData(), input.size()));
        return r ? QString() : QString::fromStdString(r.error.message());
    }
    case Door::Entry: {
        ef::PutEventsRequestEntry e;
        e.source = "shop";
        e.detailType = "OrderPlaced";
        e.detail = R"({"a":1})";
        const std::string v(input.constData(), std::size_t(input.size()));
        if (extra == "Source")
            e.source = v;
        else if (extra == "DetailType")
            e.detailType = v;
        else if (extra == "Detail")
            e.detail = v;
        else if (extra == "EventBusName")
            e.eventBusName = v;
        else if (extra == "Time")
            e.time = v;
        const auto r = m_engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&e, 1));
        if (!r)
            return r.error().code + QStringLiteral(": ") + r.error().message;
        const ef::PutEventsResultEntry &out = r->entries.front();
        return out.ok() ? QString() : out.errorCode + QStringLiteral(": ") + out.errorMessage;
    }
    case Door::Scenario: {
        // What File > Open does: parse and validate, then replace the scenario.
        const ef::ScenarioLoad load = ef::ScenarioFile::parse(input);
        if (!load.ok())
            return load.errors.join(u'\n');
        const ef::Status s = m_engine.applyScenario(*load.scenario);
        return s ? QString() : s.error().message;
    }
    case Door::Http: {
        ef::api::ApiRequest request;
        request.method = "POST";
        request.path = "/";
        request.headers = {{"X-Amz-Target", "AWSEvents." + extra},
                           {"Content-Type", "application/x-amz-json-1.1"}};
        request.body = input;
        const ef::api::ApiResponse response = m_api->handle(request);
        if (response.status == 200)
            return QString();
        const QJsonObject body = QJsonDocument::fromJson(response.body).object();
        const QString type = body.value(QStringLiteral("__type")).toString();
        const QString message = body.value(QStringLiteral("message")).toString();
        if (response.status >= 500 || type.isEmpty() || message.isEmpty())
            return QStringLiteral("BAD RESPONSE %1: %2")
                .arg(response.status)
                .arg(QString::fromUtf8(response.body.left(300)));
        return type + QStringLiteral(": ") + message;
    }
    case Door::Import: {
        ef::io::ImportOptions options;
        options.ruleName = QStringLiteral("imported-rule");
        const ef::io::ImportResult r = ef::io::importBytes(input, QString::fromUtf8(extra),
                                                           m_engine.snapshot(), options);
        if (r.ok)
            return QString();
        if (!r.scenario.buses.empty() || !r.scenario.rules.empty())
            return QStringLiteral("BAD RESPONSE: a refused file imported something");
        return r.problemText();
    }
    }
    return QStringLiteral("unknown door");
}

void TestBadInput::rejected()
{
    QFETCH(int, door);
    QFETCH(QByteArray, input);
    QFETCH(QString, field);
    QFETCH(QString, reason);
    QFETCH(QByteArray, extra);
    const QString message = submit(Door(door), input, extra);
    if (qEnvironmentVariableIsSet("EVENTFLOW_PRINT_ERRORS"))
        qInfo("%s => %s", QTest::currentDataTag(), qPrintable(message.left(300)));
    if (message.isNull()) {
        // Put back what an accepted load replaced, so later rows still compare.
        const ef::ScenarioLoad again = ef::ScenarioFile::parse(m_loaded);
        QVERIFY(again.ok() && m_engine.applyScenario(*again.scenario));
        QFAIL("accepted");
    }
    QVERIFY2(!message.startsWith(QStringLiteral("BAD RESPONSE")), qPrintable(message.left(400)));
    // Clear: says where and why, in readable words (no raw 10 MB echo).
    QVERIFY2(message.size() > 10 && message.size() < 2000, qPrintable(message.left(400)));
    QVERIFY2(message.contains(field, Qt::CaseInsensitive), qPrintable(message));
    QVERIFY2(message.contains(reason, Qt::CaseInsensitive), qPrintable(message));
    // Whatever came in, the loaded scenario is as it was.
    QCOMPARE(ef::ScenarioFile::toJson(m_engine.snapshot()), m_loaded);
    ++m_rows;
}

QTEST_GUILESS_MAIN(TestBadInput)
#include "tst_badinput.moc"
