// `eventflow transform --vectors FILE`, run as a program: one JSON line out
// per line in, in order, nothing else on stdout, exit 0 whenever FILE was read.

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

class TestTransformCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void vectors();
    void missingFile();

private:
    QString m_program;
};

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

Run run(const QString &program, const QStringList &arguments)
{
    QProcess process;
    process.start(program, arguments);
    Run r;
    if (!process.waitForFinished(60000)) {
        r.err = "did not finish: " + process.errorString().toUtf8();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

} // namespace

void TestTransformCommand::initTestCase()
{
    m_program = QStringLiteral(EVENTFLOW_BIN_DIR) + QStringLiteral("/eventflow");
    if (!QFileInfo::exists(m_program))
        QFAIL(qPrintable(QStringLiteral("the eventflow program is not built: ") + m_program));
}

void TestTransformCommand::vectors()
{
    const QByteArray event =
        R"({"version":"0","id":"e1","detail-type":"OrderPlaced","source":"shop",)"
        R"("account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1",)"
        R"("resources":[],"detail":{"orderId":"o-1","amount":149.990,"n":12345678901234567890,)"
        R"("items":[{"productId":"laptop-001","quantity":1}]}})";
    const QByteArray rule =
        R"("rule":{"name":"r1","arn":"arn:aws:events:us-east-1:123456789012:rule/bus/r1"},)"
        R"("ingestion_time":"2026-01-01T00:00:01Z")";
    struct Case
    {
        QByteArray line;
        QByteArray key;       // "input" or "error"
        QByteArray expected;  // the value (for errors: its start)
    };
    const QList<Case> cases = {
        {"{\"event\":" + event + ",\"target\":{}," + rule + "}", "input", event},
        {"{\"event\":" + event + ",\"target\":{\"InputPath\":\"$.detail.n\"}," + rule + "}",
         "input", "12345678901234567890"},
        {"{\"event\":" + event + ",\"target\":{\"Input\":\"{\\\"a\\\": 1.50}\"}," + rule + "}",
         "input", "{\"a\": 1.50}"},
        {"{\"event\":" + event
             + R"(,"target":{"InputTransformer":{"InputPathsMap":{"id":"$.detail.orderId",)"
               R"("amt":"$.detail.amount","p":"$.detail.items[0].productId"},)"
               R"("InputTemplate":"{\"order\": <id>, \"amount\": <amt>, \"text\": \"<p> for $<amt>\", )"
               R"(\"rule\": <aws.events.rule-name>, \"at\": <aws.events.event.ingestion-time>}"}},)"
             + rule + "}",
         "input",
         R"({"order": "o-1", "amount": 149.990, "text": "laptop-001 for $149.990", "rule": "r1", )"
         R"("at": "2026-01-01T00:00:01Z"})"},
        {"not json at all", "error", "the line is not valid JSON"},
        {"", "error", "the line is empty"},
        {"{\"event\":" + event
             + R"(,"target":{"InputTransformer":{"InputTemplate":"\"<undefined>\""}}})",
         "error", "InputTemplate contains invalid placeholder undefined."},
        {"{\"event\":" + event + ",\"target\":{\"Id\":\"t9\",\"Input\":\"1\",\"InputPath\":\"$\"}}",
         "error", "Only one of Input, InputPath, or InputTransformer must be provided for target t9."},
        {"{\"event\":{\"a\":" + QByteArray(2000, '[') + QByteArray(2000, ']') + "}}", "error",
         "the line is not valid JSON: JSON nested deeper than 1100 levels"},
        {"{\"target\":{}}", "error", "\"event\" is required and must be a JSON object"},
        {"{\"event\":" + event + ",\"target\":{\"InputPath\":\"$.detail.items[0]\"}}", "input",
         R"({"productId":"laptop-001","quantity":1})"},
    };

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    QFile file(dir.filePath(QStringLiteral("vectors.jsonl")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("\xEF\xBB\xBF");  // a byte order mark is skipped
    for (const Case &c : cases)
        file.write(c.line + "\r\n");  // Windows line ends are read too
    file.close();

    const Run r = run(m_program, {QStringLiteral("transform"), QStringLiteral("--vectors"),
                                  file.fileName()});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.endsWith('\n'));
    const QList<QByteArray> lines = r.out.chopped(1).split('\n');
    QCOMPARE(lines.size(), cases.size());
    for (int i = 0; i < cases.size(); ++i) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(lines[i], &error);
        QVERIFY2(error.error == QJsonParseError::NoError, lines[i].constData());
        const QJsonObject object = doc.object();
        QCOMPARE(object.keys(), QStringList{QString::fromLatin1(cases[i].key)});
        const QString value = object.value(QString::fromLatin1(cases[i].key)).toString();
        if (cases[i].key == "input")
            QCOMPARE(value, QString::fromUtf8(cases[i].expected));
        else
            QVERIFY2(value.startsWith(QString::fromUtf8(cases[i].expected)), qPrintable(value));
    }
}

void TestTransformCommand::missingFile()
{
    const Run r = run(m_program, {QStringLiteral("transform"), QStringLiteral("--vectors"),
                                  QStringLiteral("/nonexistent/vectors.jsonl")});
    QVERIFY(r.exitCode != 0);
    QVERIFY(r.out.isEmpty());
    QVERIFY(r.err.contains("cannot read"));
}

QTEST_GUILESS_MAIN(TestTransformCommand)
#include "tst_transformcommand.moc"
