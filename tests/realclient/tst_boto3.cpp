// Every endpoint operation, with its error cases, through Debian's boto3
// (python3-boto3 1.26: JSON 1.1 for events and logs, the Query protocol for
// CloudWatch) against `eventflow serve --empty`. boto3_operations.py runs
// the calls; this asserts what came back.

#include "ServeProcess.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

class TestBoto3 : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void operation_data();
    void operation();
    void cleanupTestCase();

private:
    ServeProcess m_serve;
    QHash<QString, QJsonObject> m_steps;
    QHash<QString, QString> m_lines;  // as printed: member order kept
    QString m_runLog;
};

void TestBoto3::initTestCase()
{
    if (requireClient("/usr/bin/python3").isEmpty())
        QFAIL("/usr/bin/python3 is missing: scripts/deps.sh installs python3-boto3");
    QString error;
    QVERIFY2(m_serve.start({"--empty", "--port", "0"}, &error), qPrintable(error));
    const ClientRun probe = m_serve.run("/usr/bin/python3", {"-c", "import boto3"});
    QVERIFY2(probe.exitCode == 0,
             qPrintable("Debian's boto3 is missing for /usr/bin/python3 (scripts/deps.sh "
                        "installs python3-boto3): " + probe.describe()));
    const ClientRun r = m_serve.run(
        "/usr/bin/python3",
        {QStringLiteral(EVENTFLOW_SOURCE_DIR "/tests/realclient/boto3_operations.py"),
         m_serve.url()},
        180000);
    m_runLog = r.describe();
    QVERIFY2(r.exitCode == 0, qPrintable(m_runLog));
    for (const QByteArray &line : r.out.split('\n')) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (!o.isEmpty()) {
            m_steps.insert(o[QStringLiteral("step")].toString(), o);
            m_lines.insert(o[QStringLiteral("step")].toString(), QString::fromUtf8(line));
        }
    }
    QVERIFY2(m_steps.contains(QStringLiteral("done")), qPrintable(m_runLog));
}

void TestBoto3::operation_data()
{
    QTest::addColumn<QString>("step");
    QTest::addColumn<QString>("errorCode");  // empty: the call succeeds
    QTest::addColumn<QString>("contains");   // in the result's or error's JSON

    const QString ok;
    auto row = [](const QString &step, const QString &code, const QString &contains) {
        QTest::newRow(qPrintable(step)) << step << code << contains;
    };
    row("CreateEventBus", ok,
        "\"EventBusArn\":\"arn:aws:events:us-east-1:123456789012:event-bus/b3-bus\"");
    row("CreateEventBus duplicate", "ResourceAlreadyExistsException", "b3-bus");
    row("DescribeEventBus", ok, "\"Name\":\"b3-bus\"");
    row("DescribeEventBus unknown", "ResourceNotFoundException", "b3-nope");
    row("ListEventBuses NamePrefix", ok, "\"EventBuses\":[{\"Name\":\"b3-bus\"");
    row("PutRule", ok,
        "\"RuleArn\":\"arn:aws:events:us-east-1:123456789012:rule/b3-bus/b3-rule\"");
    row("PutRule invalid pattern", "InvalidEventPatternException", "");
    row("DescribeRule", ok, "\"State\":\"ENABLED\"");
    row("DescribeRule unknown", "ResourceNotFoundException", "b3-nope");
    row("ListRules", ok, "\"Name\":\"b3-rule\"");
    row("DisableRule", ok, "");
    row("DescribeRule disabled", ok, "\"State\":\"DISABLED\"");
    row("EnableRule", ok, "");
    row("EnableRule unknown", "ResourceNotFoundException", "");
    row("PutTargets", ok, "\"FailedEntryCount\":0");
    // The service reports a bad target per entry, not for the whole call.
    row("PutTargets bad target ARN", ok,
        "\"FailedEntryCount\":1,\"FailedEntries\":[{\"TargetId\":\"2\",\"ErrorCode\":"
        "\"ValidationException\",\"ErrorMessage\":\"Parameter not-an-arn is not valid.\"}]");
    row("PutTargets unknown rule", "ResourceNotFoundException", "b3-nope");
    // InputPathsMap keeps the request's member order (z before a).
    row("ListTargetsByRule", ok, "\"InputPathsMap\":{\"z\":\"$.detail.n\",\"a\":\"$.source\"}");
    row("ListRuleNamesByTarget", ok, "\"RuleNames\":[\"b3-rule\"]");
    row("PutEvents", ok, "\"FailedEntryCount\":0");
    row("PutEvents 11 entries", "ValidationException", "");
    row("PutEvents oversized entry", "ValidationException", "");
    row("PutEvents aws. source", ok, "NotAuthorizedForSourceException");
    row("TestEventPattern match", ok, "\"Result\":true");
    row("TestEventPattern no match", ok, "\"Result\":false");
    row("wait for delivery", ok, "");
    row("DescribeLogGroups", ok, "\"logGroupName\":\"/aws/lambda/b3-function\"");
    row("DescribeLogStreams", ok, "\"logStreamName\":");
    row("GetLogEvents", ok, "\"message\":");
    row("FilterLogEvents", ok, "\"eventId\":");
    row("DescribeLogStreams unknown group", "ResourceNotFoundException", "");
    row("GetMetricStatistics MatchedEvents", ok, "\"Sum\":2.0");
    // The custom bus's rule is known by both dimensions only, as in CloudWatch.
    row("GetMetricStatistics RuleName alone", ok, "\"Datapoints\":[]");
    row("GetMetricStatistics bad period", "InvalidParameterValue", "");
    row("ListMetrics", ok, "{\"Name\":\"RuleName\",\"Value\":\"b3-rule\"}");
    row("DeleteRule with targets", "ValidationException",
        "Rule can't be deleted since it has targets.");
    row("DeleteEventBus with rules", "ValidationException", "");
    row("RemoveTargets", ok, "\"FailedEntryCount\":0");
    row("DeleteRule", ok, "");
    row("DeleteEventBus", ok, "");
    row("ListEventBuses after", ok, "\"EventBuses\":[]");
    row("unknown operation", "UnknownOperationException", "NoSuchOperation");
    row("malformed JSON", "SerializationException", "");
    row("wrong member type", "SerializationException", "Name");
}

void TestBoto3::operation()
{
    QFETCH(QString, step);
    QFETCH(QString, errorCode);
    QFETCH(QString, contains);
    QVERIFY2(m_steps.contains(step), qPrintable("step did not run\n" + m_runLog));
    const QJsonObject o = m_steps.value(step);
    const QString text = m_lines.value(step);
    if (errorCode.isEmpty()) {
        QVERIFY2(o[QStringLiteral("ok")].toBool(), qPrintable(text));
    } else {
        QVERIFY2(!o[QStringLiteral("ok")].toBool(), qPrintable(text));
        QCOMPARE(o[QStringLiteral("error")][QStringLiteral("code")].toString(), errorCode);
        QVERIFY2(!o[QStringLiteral("error")][QStringLiteral("message")].toString().isEmpty(),
                 qPrintable("an error says why: " + text));
    }
    QVERIFY2(text.contains(contains), qPrintable(text));
}

void TestBoto3::cleanupTestCase()
{
    QVERIFY2(m_serve.running(), "the server survived every call");
    m_serve.stop();
}

QTEST_GUILESS_MAIN(TestBoto3)
#include "tst_boto3.moc"
