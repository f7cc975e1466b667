// `eventflow test-pattern`, run as a program: stdout carries exactly one JSON
// line per vector line, the exit code is 0 whenever the file was read, and
// the single-pattern form prints true/false (and an explanation).

#include "TestPatternCliCases.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Run
{
    int exitCode = -1;
    QByteArray out, err;
};

Run runEventflow(const QStringList &args)
{
    QProcess p;
    p.start(QStringLiteral(EVENTFLOW_BIN_DIR "/eventflow"), args);
    Run r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return QString();
    f.write(content);
    return path;
}

} // namespace

class TestTestPatternCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(QStringLiteral(EVENTFLOW_BIN_DIR "/eventflow")),
                 "the eventflow executable is not built");
    }

    void vectors()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QList<QPair<QByteArray, QByteArray>> cases = testPatternVectorCases();
        QByteArray input;
        for (const auto &c : cases)
            input += c.first + "\r\n";
        const QString path = writeFile(dir, QStringLiteral("vectors.jsonl"), input);
        const Run r = runEventflow({"test-pattern", "--vectors", path});
        QCOMPARE(r.exitCode, 0);
        const QList<QByteArray> lines = r.out.split('\n');
        QCOMPARE(lines.size(), cases.size() + 1);  // each line ends with '\n'
        QVERIFY(lines.last().isEmpty());
        for (int i = 0; i < cases.size(); ++i)
            QCOMPARE(lines[i], cases[i].second);
    }

    void vectorsFileMissing()
    {
        const Run r = runEventflow({"test-pattern", "--vectors", "/nonexistent/vectors.jsonl"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QVERIFY(r.err.contains("cannot read"));
    }

    void single_data()
    {
        QTest::addColumn<QByteArray>("pattern");
        QTest::addColumn<QByteArray>("event");
        QTest::addColumn<bool>("explain");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QByteArray>("output");
        QTest::newRow("match") << QByteArray(R"({"source":["shop"]})")
                               << QByteArray(R"({"source":"shop"})") << false << 0
                               << QByteArray("true\n");
        QTest::newRow("no match explained")
            << QByteArray(R"({"source":["shop"],"detail":{"n":[{"numeric":[">",5]}]}})")
            << QByteArray(R"({"source":"shop","detail":{"n":3}})") << true << 0
            << QByteArray("false\nno match detail.n: wanted [{\"numeric\":[\">\",5]}], but the "
                          "event has 3\n");
        QTest::newRow("match explained")
            << QByteArray(R"({"source":["shop"]})") << QByteArray(R"({"source":"shop"})") << true
            << 0 << QByteArray("true\nmatch   source: \"shop\" satisfies [\"shop\"]\n");
        QTest::newRow("invalid pattern")
            << QByteArray(R"({"source":"shop"})") << QByteArray(R"({"source":"shop"})") << false
            << 2
            << QByteArray("Event pattern is not valid. Reason: Field \"source\" must be an object "
                          "or an array\n");
        QTest::newRow("invalid event")
            << QByteArray(R"({"source":["shop"]})") << QByteArray(R"({"source":)") << false << 2
            << QByteArray("Event is not valid. Reason: Malformed JSON at line 1, column 11: "
                          "unexpected end of input\n");
    }

    void single()
    {
        QFETCH(QByteArray, pattern);
        QFETCH(QByteArray, event);
        QFETCH(bool, explain);
        QFETCH(int, exitCode);
        QFETCH(QByteArray, output);
        QTemporaryDir dir;
        QStringList args{"test-pattern", "--pattern", writeFile(dir, "p.json", pattern),
                         "--event", writeFile(dir, "e.json", event)};
        if (explain)
            args << "--explain";
        const Run r = runEventflow(args);
        QCOMPARE(r.exitCode, exitCode);
        QCOMPARE(r.out, output);
    }
};

QTEST_GUILESS_MAIN(TestTestPatternCommand)
#include "tst_testpatterncommand.moc"
