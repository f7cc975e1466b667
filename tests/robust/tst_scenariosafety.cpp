// A scenario file is data someone else may have written (a classmate, a
// course page): opening it must not make EventFlow run a command or touch a
// file the user did not choose. The loader knows no member that names a
// program, a path or a hook, so every such member is refused by name; names
// that become file names (exports) cannot climb out of the chosen folder; and
// text that looks like shell syntax stays text all the way to the logs.

#include "core/bus/Engine.h"
#include "core/io/Export.h"
#include "core/io/ScenarioFile.h"
#include "robust/ScenarioJsonEdit.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

namespace {

QByteArray labText()
{
    QFile f(QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json"));
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QJsonObject lab()
{
    return QJsonDocument::fromJson(labText()).object();
}

QByteArray text(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject withIn(QJsonObject root, const QString &array, int index, const QString &key,
                   const QJsonValue &value)
{
    setScenarioMember(root, array, index, key, value);
    return root;
}

QStringList filesUnder(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << it.next();
    out.sort();
    return out;
}

} // namespace

class TestScenarioSafety : public QObject
{
    Q_OBJECT

private slots:
    void hooksAreUnknownMembers_data();
    void hooksAreUnknownMembers();
    void namesCannotBePaths_data();
    void namesCannotBePaths();
    void exportStaysInTheChosenFolder();
    void shellSyntaxStaysText();
};

void TestScenarioSafety::hooksAreUnknownMembers_data()
{
    QTest::addColumn<QByteArray>("scenario");
    QTest::addColumn<QString>("path");
    const QJsonObject base = lab();
    for (const char *key : {"command", "exec", "script", "onLoad", "include", "file", "logFile",
                            "plugin"}) {
        QJsonObject top = base;
        top.insert(QLatin1String(key), QStringLiteral("/bin/sh -c 'touch /tmp/pwned'"));
        QTest::addRow("top-level %s", key) << text(top) << QStringLiteral("$");
        QTest::addRow("consumer %s", key)
            << text(withIn(base, QStringLiteral("consumers"), 0, QLatin1String(key),
                           QStringLiteral("/tmp/pwned")))
            << QStringLiteral("$.consumers[0]");
        QTest::addRow("rule %s", key)
            << text(withIn(base, QStringLiteral("rules"), 0, QLatin1String(key),
                           QStringLiteral("/tmp/pwned")))
            << QStringLiteral("$.rules[0]");
    }
}

void TestScenarioSafety::hooksAreUnknownMembers()
{
    QFETCH(QByteArray, scenario);
    QFETCH(QString, path);
    const ef::ScenarioLoad load = ef::ScenarioFile::parse(scenario);
    QVERIFY2(!load.ok(), "a member naming a program or a file was accepted");
    const QString errors = load.errors.join(u'\n');
    QVERIFY2(errors.contains(path) && errors.contains(QStringLiteral("unknown")),
             qPrintable(errors));
}

void TestScenarioSafety::namesCannotBePaths_data()
{
    QTest::addColumn<QByteArray>("scenario");
    const QJsonObject base = lab();
    for (const char *name : {"../../etc/passwd", "a/../../b", "/tmp/x", "..\\..\\x", "~/x"}) {
        const QString n = QLatin1String(name);
        QJsonObject buses = base;
        buses.insert(QStringLiteral("buses"), QJsonArray{QJsonObject{{QStringLiteral("name"), n}}});
        QTest::addRow("bus %s", name) << text(buses);
        QTest::addRow("rule %s", name)
            << text(withIn(base, QStringLiteral("rules"), 0, QStringLiteral("name"), n));
        QTest::addRow("consumer %s", name)
            << text(withIn(base, QStringLiteral("consumers"), 0, QStringLiteral("name"), n));
        QJsonObject queues = base;
        queues.insert(QStringLiteral("queues"),
                      QJsonArray{QJsonObject{{QStringLiteral("name"), n}}});
        QTest::addRow("queue %s", name) << text(queues);
    }
}

void TestScenarioSafety::namesCannotBePaths()
{
    QFETCH(QByteArray, scenario);
    const ef::ScenarioLoad load = ef::ScenarioFile::parse(scenario);
    QVERIFY2(!load.ok(), "a name with a path in it was accepted");
    QVERIFY(!load.errors.isEmpty());
}

void TestScenarioSafety::exportStaysInTheChosenFolder()
{
    // The most path-like names the service allows: dots and dashes only.
    QJsonObject o = lab();
    QJsonArray buses = o.value(QStringLiteral("buses")).toArray();
    buses.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("..")}});
    o.insert(QStringLiteral("buses"), buses);
    QJsonArray rules = o.value(QStringLiteral("rules")).toArray();
    rules.append(QJsonObject{{QStringLiteral("name"), QStringLiteral("..")},
                             {QStringLiteral("eventBusName"), QStringLiteral("..")},
                             {QStringLiteral("eventPattern"),
                              QJsonObject{{QStringLiteral("source"), QJsonArray{"a"}}}}});
    o.insert(QStringLiteral("rules"), rules);
    const ef::ScenarioLoad load = ef::ScenarioFile::parse(text(o));
    QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));

    for (const ef::io::ExportFormat format :
         {ef::io::ExportFormat::Pattern, ef::io::ExportFormat::CliJson}) {
        const ef::io::ExportResult r = ef::io::exportScenario(*load.scenario, format);
        QVERIFY(r.ok);
        for (const ef::io::ExportedFile &f : r.files) {
            QVERIFY2(!f.name.contains(u'/') && !f.name.contains(u'\\') && f.name != "."
                         && f.name != "..",
                     qPrintable(f.name));
        }
    }

    // And the command writes only inside the folder given with -o.
    QTemporaryDir root;
    QVERIFY(root.isValid());
    const QString scenarioPath = root.filePath(QStringLiteral("in.json"));
    QVERIFY(ef::ScenarioFile::save(*load.scenario, scenarioPath));
    QVERIFY(QDir(root.path()).mkpath(QStringLiteral("out/inner")));
    const QString out = root.filePath(QStringLiteral("out/inner"));
    const QStringList before = filesUnder(root.path());
    QProcess p;
    p.start(QStringLiteral(EVENTFLOW_BIN_DIR "/eventflow"),
            {QStringLiteral("export"), scenarioPath, QStringLiteral("--format"),
             QStringLiteral("cli-json"), QStringLiteral("-o"), out});
    QVERIFY2(p.waitForFinished(60000), "eventflow export did not finish");
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    for (const QString &f : filesUnder(root.path())) {
        if (!before.contains(f))
            QVERIFY2(f.startsWith(out + u'/'), qPrintable(f));
    }
    QVERIFY(filesUnder(out).size() > 5);
}

void TestScenarioSafety::shellSyntaxStaysText()
{
    QTemporaryDir cwd;
    QVERIFY(cwd.isValid());
    const QString marker = cwd.filePath(QStringLiteral("pwned"));
    const QString line = QStringLiteral("got $(touch %1) `touch %1` ; touch %1 ${$.detail.note}")
                             .arg(marker);
    QJsonObject o = withIn(lab(), QStringLiteral("consumers"), 0, QStringLiteral("logLines"),
                           QJsonArray{line});
    const ef::ScenarioLoad load = ef::ScenarioFile::parse(text(o));
    QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
    ef::Engine engine;
    QVERIFY(engine.applyScenario(*load.scenario));
    const ef::Scenario s = engine.snapshot();
    const QString consumer = s.consumers.front().value(QStringLiteral("name")).toString();
    // A rule of its own sends one event to that consumer.
    ef::PutRuleRequest rule;
    rule.name = QStringLiteral("safety");
    rule.eventPattern = QStringLiteral(R"({"source":["safety.test"]})");
    QVERIFY(engine.putRule(rule));
    ef::Target fn;
    fn.id = QStringLiteral("fn");
    fn.arn = QStringLiteral("arn:aws:lambda:%1:%2:function:%3")
                 .arg(engine.settings().region, engine.settings().account, consumer);
    const auto put = engine.putTargets({rule.name, QString(), {fn}});
    QVERIFY(put && put->failedEntryCount == 0);
    ef::PutEventsRequestEntry e;
    e.source = "safety.test";
    e.detailType = "Safety";
    e.detail = R"x({"note":"$(touch x)"})x";
    const auto sent = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&e, 1));
    QVERIFY(sent && sent->entries.front().ok());
    engine.runUntilIdle();
    ef::FilterLogEventsRequest request;
    request.logGroupName = QStringLiteral("/aws/lambda/") + consumer;
    const auto logs = engine.filterLogEvents(request);
    QVERIFY(logs);
    bool seen = false;
    for (const ef::FilteredLogEvent &e : logs->events)
        seen = seen || e.message.contains(QStringLiteral("`touch ") + marker + u'`');
    QVERIFY2(seen, "the consumer's line was not logged as written");
    QVERIFY2(!QFile::exists(marker), "a log line ran a command");
}

QTEST_GUILESS_MAIN(TestScenarioSafety)
#include "tst_scenariosafety.moc"
