// Crash safety: the open scenario is autosaved atomically while dirty; a
// session killed with SIGKILL leaves an autosave the next launch can restore;
// a failed autosave (read-only folder, full disk) is reported, keeps the
// previous autosave whole and leaves the work in the engine untouched.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/autosave/Autosave.h"
#include "ui/autosave/AutosaveSession.h"
#include "ui/autosave/RecoveryOffer.h"
#include "ui/undo/BusCommands.h"
#include "ui/undo/ScenarioDocument.h"

#include <QApplication>
#include <QMainWindow>
#include <QStatusBar>
#include <QUndoStack>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>
#include <sys/fsuid.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {

const char *const kChildDir = "EVENTFLOW_AUTOSAVE_CHILD_DIR";

QString labPath()
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json");
}

// An engine holding the lab; returns an error message or "".
QString loadLab(ef::Engine &engine)
{
    const ef::ScenarioLoad load = ef::ScenarioFile::load(labPath());
    if (!load.ok())
        return load.errors.join(u'\n');
    const ef::Status s = engine.applyScenario(*load.scenario);
    return s ? QString() : s.error().message;
}

QByteArray snapshotJson(const ef::Engine &engine)
{
    return ef::ScenarioFile::toJson(engine.snapshot());
}

bool hasBus(const ef::Scenario &scenario, const QString &name)
{
    for (const auto &bus : scenario.buses) {
        if (bus.name == name)
            return true;
    }
    return false;
}

// The child of killedSessionLeavesARestorableAutosave: edits, autosaves,
// says so, and waits to be killed.
int runChild()
{
    int argc = 1;
    char name[] = "tst_autosave";
    char *argv[] = {name, nullptr};
    QCoreApplication app(argc, argv);
    ef::Engine engine;
    if (const QString error = loadLab(engine); !error.isEmpty()) {
        std::fprintf(stderr, "child: %s\n", qPrintable(error));
        return 3;
    }
    ef::ui::Autosave autosave(qEnvironmentVariable(kChildDir),
                              [&engine] { return engine.snapshot(); });
    if (!autosave.start()) {
        std::fprintf(stderr, "child: %s\n", qPrintable(autosave.lastError()));
        return 4;
    }
    autosave.setInterval(20);
    QObject::connect(&autosave, &ef::ui::Autosave::saved, &app, [] {
        std::printf("SAVED\n");
        std::fflush(stdout);
    });
    // As the window runs it: nobody reports the change, the autosave notices.
    autosave.watchForChanges();
    if (!engine.createEventBus({QStringLiteral("unsaved-work"), QString()})) {
        std::fprintf(stderr, "child: cannot create the bus\n");
        return 5;
    }
    return app.exec();  // until SIGKILL
}

} // namespace

class TestAutosave : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void savesOnlyWhileDirty();
    void watchingNoticesChanges();
    void replacesAtomically();
    void cleanEndLeavesNothingToRecover();
    void liveSessionIsNotRecoverable();
    void secondWindowDoesNotAutosave();
    void killedSessionLeavesARestorableAutosave();
    void failedSave_data();
    void failedSave();
    void windowInstall();
    void followsTheDocument();
    void restoredWorkIsUnsaved();
    void recoveryOffer_data();
    void recoveryOffer();

private:
    // Runs a child session that autosaves and is then killed with SIGKILL.
    void killedSession(QString *error);

    std::unique_ptr<QTemporaryDir> m_root;
    QString m_dir;
};

void TestAutosave::init()
{
    m_root = std::make_unique<QTemporaryDir>();
    QVERIFY(m_root->isValid());
    ::chmod(QFile::encodeName(m_root->path()).constData(), 0755);
    m_dir = m_root->filePath(QStringLiteral("autosave"));
}

void TestAutosave::savesOnlyWhileDirty()
{
    ef::Engine engine;
    QCOMPARE(loadLab(engine), QString());
    int snapshots = 0;
    ef::ui::Autosave autosave(m_dir, [&] {
        ++snapshots;
        return engine.snapshot();
    });
    QVERIFY2(autosave.start(), qPrintable(autosave.lastError()));
    autosave.setInterval(20);
    QSignalSpy saved(&autosave, &ef::ui::Autosave::saved);

    // Not dirty: the timer does not even run.
    QTest::qWait(100);
    QCOMPARE(saved.count(), 0);
    QVERIFY(!QFile::exists(autosave.filePath()));

    QVERIFY(engine.createEventBus({QStringLiteral("edited"), QString()}));
    autosave.markDirty();
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.count(), 1);
    QVERIFY(!autosave.isDirty());
    const ef::ScenarioLoad back = ef::ScenarioFile::load(autosave.filePath());
    QVERIFY2(back.ok(), qPrintable(back.errors.join(u'\n')));
    QVERIFY(hasBus(*back.scenario, QStringLiteral("edited")));
    QCOMPARE(ef::ScenarioFile::toJson(*back.scenario), snapshotJson(engine));

    // Clean again: no further saves.
    QTest::qWait(100);
    QCOMPARE(saved.count(), 1);
    QCOMPARE(snapshots, 1);

    // The user saved: the autosave is gone.
    autosave.markClean();
    QVERIFY(!QFile::exists(autosave.filePath()));
}

void TestAutosave::watchingNoticesChanges()
{
    ef::Engine engine;
    QCOMPARE(loadLab(engine), QString());
    ef::ui::Autosave autosave(m_dir, [&] { return engine.snapshot(); });
    QVERIFY(autosave.start());
    autosave.setInterval(20);
    autosave.watchForChanges();
    QSignalSpy saved(&autosave, &ef::ui::Autosave::saved);
    QTest::qWait(150);
    QCOMPARE(saved.count(), 0);  // unchanged since loaded

    ef::PutRuleRequest rule;
    rule.name = QStringLiteral("added-by-a-client");
    rule.eventPattern = QStringLiteral(R"({"source":["x"]})");
    QVERIFY(engine.putRule(rule));
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.count(), 1);
    QFile f(autosave.filePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), snapshotJson(engine));
    QTest::qWait(150);
    QCOMPARE(saved.count(), 1);  // nothing new since

    // Saved by the user: clean, nothing to recover, and no autosave until the next change.
    autosave.markClean();
    QVERIFY(!QFile::exists(autosave.filePath()));
    QTest::qWait(150);
    QCOMPARE(saved.count(), 1);
    ef::DeleteRuleRequest remove;
    remove.name = rule.name;
    QVERIFY(engine.deleteRule(remove));
    QVERIFY(saved.wait(5000));
    QCOMPARE(saved.count(), 2);
}

void TestAutosave::replacesAtomically()
{
    ef::Engine engine;
    QCOMPARE(loadLab(engine), QString());
    ef::ui::Autosave autosave(m_dir, [&] { return engine.snapshot(); });
    QVERIFY(autosave.start());
    autosave.markDirty();
    QVERIFY(autosave.saveNow());
    QVERIFY(engine.createEventBus({QStringLiteral("second"), QString()}));
    autosave.markDirty();
    QVERIFY(autosave.saveNow());
    QFile f(autosave.filePath());
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), snapshotJson(engine));
    // Only the autosave and the lock: no temporary file left behind.
    const QStringList entries = QDir(m_dir).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(entries, (QStringList{QStringLiteral("autosave.json"),
                                   QStringLiteral("session.lock")}));
}

void TestAutosave::cleanEndLeavesNothingToRecover()
{
    ef::Engine engine;
    {
        ef::ui::Autosave autosave(m_dir, [&] { return engine.snapshot(); });
        QVERIFY(autosave.start());
        autosave.markDirty();
        QVERIFY(autosave.saveNow());
        QVERIFY(QFile::exists(autosave.filePath()));
    }
    QVERIFY(!ef::ui::Autosave::recoverable(m_dir));
    QVERIFY(!QFile::exists(QDir(m_dir).filePath(QStringLiteral("autosave.json"))));
}

void TestAutosave::liveSessionIsNotRecoverable()
{
    ef::Engine engine;
    ef::ui::Autosave autosave(m_dir, [&] { return engine.snapshot(); });
    QVERIFY(autosave.start());
    autosave.markDirty();
    QVERIFY(autosave.saveNow());
    // Another launch while this session runs must not take its autosave.
    QVERIFY(!ef::ui::Autosave::recoverable(m_dir));
    ef::ui::Autosave::discard(m_dir);
    QVERIFY(QFile::exists(autosave.filePath()));
}

void TestAutosave::secondWindowDoesNotAutosave()
{
    ef::Engine engine;
    ef::ui::Autosave first(m_dir, [&] { return engine.snapshot(); });
    QVERIFY(first.start());
    ef::ui::Autosave second(m_dir, [&] { return engine.snapshot(); });
    QVERIFY(!second.start());
    QVERIFY2(second.lastError().contains(QStringLiteral("another EventFlow window")),
             qPrintable(second.lastError()));
    second.markDirty();
    QVERIFY(!second.saveNow());
}

void TestAutosave::killedSession(QString *error)
{
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QLatin1String(kChildDir), m_dir);
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), {});
    QVERIFY2(child.waitForStarted(10000), qPrintable(child.errorString()));
    QByteArray out;
    while (!out.contains("SAVED\n") && child.state() == QProcess::Running) {
        if (child.waitForReadyRead(30000))
            out += child.readAllStandardOutput();
        else
            break;
    }
    QVERIFY2(out.contains("SAVED\n"), out.constData());
    // While it runs, nothing is offered.
    QVERIFY(!ef::ui::Autosave::recoverable(m_dir));
    child.kill();  // SIGKILL: no destructor, no clean-up
    QVERIFY(child.waitForFinished(10000));
    QCOMPARE(child.exitStatus(), QProcess::CrashExit);
    error->clear();
}

void TestAutosave::killedSessionLeavesARestorableAutosave()
{
    QString error = QStringLiteral("the child did not run");
    killedSession(&error);
    QCOMPARE(error, QString());
    const auto path = ef::ui::Autosave::recoverable(m_dir);
    QVERIFY2(path, "the killed session's autosave is not offered");
    const ef::ScenarioLoad load = ef::ScenarioFile::load(*path);
    QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
    QVERIFY(hasBus(*load.scenario, QStringLiteral("unsaved-work")));
    ef::Engine restored;
    QVERIFY(restored.applyScenario(*load.scenario));

    // The next session takes over the folder; declining removes the leftover.
    ef::ui::Autosave::discard(m_dir);
    QVERIFY(!ef::ui::Autosave::recoverable(m_dir));
}

void TestAutosave::failedSave_data()
{
    QTest::addColumn<QString>("fault");
    QTest::addRow("read-only folder") << QStringLiteral("read-only");
    QTest::addRow("full disk") << QStringLiteral("full");
}

void TestAutosave::failedSave()
{
    QFETCH(QString, fault);
    ef::Engine engine;
    QCOMPARE(loadLab(engine), QString());
    ef::ui::Autosave autosave(m_dir, [&] { return engine.snapshot(); });
    QVERIFY(autosave.start());
    autosave.markDirty();
    QVERIFY(autosave.saveNow());
    QFile previousFile(autosave.filePath());
    QVERIFY(previousFile.open(QIODevice::ReadOnly));
    const QByteArray previous = previousFile.readAll();
    previousFile.close();

    QVERIFY(engine.createEventBus({QStringLiteral("work-in-progress"), QString()}));
    const QByteArray work = snapshotJson(engine);
    autosave.markDirty();
    QSignalSpy failed(&autosave, &ef::ui::Autosave::saveFailed);

    bool ok = true;
    if (fault == QLatin1String("read-only")) {
        const QByteArray dir = QFile::encodeName(m_dir);
        QCOMPARE(::chmod(dir.constData(), 0555), 0);
        // root ignores permission bits: act as nobody for the file system.
        const bool root = ::geteuid() == 0;
        if (root)
            ::setfsuid(65534);
        ok = autosave.saveNow();
        if (root)
            ::setfsuid(0);
        QCOMPARE(::chmod(dir.constData(), 0755), 0);
    } else {
        // A disk that fills up mid-write: the file-size limit makes the write
        // fail (EFBIG) the way ENOSPC does, after part of the data went out.
        rlimit old{};
        QCOMPARE(::getrlimit(RLIMIT_FSIZE, &old), 0);
        const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = old;
        small.rlim_cur = 1024;
        QVERIFY(work.size() > 4096);
        QCOMPARE(::setrlimit(RLIMIT_FSIZE, &small), 0);
        ok = autosave.saveNow();
        ::setrlimit(RLIMIT_FSIZE, &old);
        std::signal(SIGXFSZ, oldHandler);
    }
    QVERIFY(!ok);
    QCOMPARE(failed.count(), 1);
    const QString message = failed.first().first().toString();
    QVERIFY2(message.contains(autosave.filePath()), qPrintable(message));
    QVERIFY2(message.contains(QStringLiteral("nothing was lost")), qPrintable(message));
    QCOMPARE(autosave.lastError(), message);
    QVERIFY(autosave.isDirty());
    QCOMPARE(autosave.failures(), 1);
    // The work is still in the engine; the previous autosave is whole.
    QCOMPARE(snapshotJson(engine), work);
    QFile after(autosave.filePath());
    QVERIFY(after.open(QIODevice::ReadOnly));
    QCOMPARE(after.readAll(), previous);
    after.close();
    const QStringList entries = QDir(m_dir).entryList(QDir::Files | QDir::Hidden);
    QCOMPARE(entries.size(), 2);

    // Once the disk has room again, the next attempt saves the work.
    QVERIFY2(autosave.saveNow(), qPrintable(autosave.lastError()));
    QVERIFY(!autosave.isDirty());
    QFile saved(autosave.filePath());
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), work);
}

void TestAutosave::windowInstall()
{
    ef::Engine engine;
    QCOMPARE(loadLab(engine), QString());
    QMainWindow window;
    bool restored = true;
    ef::ui::Autosave *autosave = ef::ui::installAutosave(&window, engine, &restored, m_dir);
    QVERIFY(autosave);
    QVERIFY(!restored);  // nothing was left over: no question asked
    autosave->setInterval(20);
    QSignalSpy saved(autosave, &ef::ui::Autosave::saved);
    QVERIFY(engine.createEventBus({QStringLiteral("edited-in-the-window"), QString()}));
    QVERIFY(saved.wait(5000));

    // A second window on the same folder does not autosave, and says so.
    QMainWindow second;
    QVERIFY(!ef::ui::installAutosave(&second, engine, nullptr, m_dir));
    QVERIFY2(second.statusBar()->currentMessage().contains(QStringLiteral("Autosave is off")),
             qPrintable(second.statusBar()->currentMessage()));
}

void TestAutosave::followsTheDocument()
{
    ef::Engine engine;
    QCOMPARE(loadLab(engine), QString());
    QMainWindow window;
    ef::ui::ScenarioDocument document(engine);
    ef::ui::Autosave *autosave =
        ef::ui::installAutosave(&window, engine, nullptr, m_dir, &document);
    QVERIFY(autosave);
    autosave->setInterval(20);
    QSignalSpy saved(autosave, &ef::ui::Autosave::saved);

    // An edit through the editors (the undo stack) is due for autosave at once.
    QVERIFY(document.execute(new ef::ui::CreateEventBusCommand(
        document, {QStringLiteral("edited-in-a-form"), QString()})));
    QVERIFY(document.isModified());
    QVERIFY(autosave->isDirty());
    QVERIFY(saved.wait(5000));
    QVERIFY(QFile::exists(autosave->filePath()));

    // Undo back to the saved state: nothing is left to recover.
    document.undoStack()->undo();
    QVERIFY(!document.isModified());
    QVERIFY(!autosave->isDirty());
    QVERIFY(!QFile::exists(autosave->filePath()));

    // Redo, then File > Save (markSaved): the autosave goes away as well.
    document.undoStack()->redo();
    QVERIFY(autosave->isDirty());
    QVERIFY(saved.wait(5000));
    QVERIFY(QFile::exists(autosave->filePath()));
    document.markSaved();
    QVERIFY(!autosave->isDirty());
    QVERIFY(!QFile::exists(autosave->filePath()));

    // A change made around the document (an endpoint client) is still caught.
    QVERIFY(engine.createEventBus({QStringLiteral("made-by-a-client"), QString()}));
    QVERIFY(saved.wait(5000));
    const ef::ScenarioLoad load = ef::ScenarioFile::load(autosave->filePath());
    QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
    QVERIFY(hasBus(*load.scenario, QStringLiteral("made-by-a-client")));
}

void TestAutosave::restoredWorkIsUnsaved()
{
    QString error = QStringLiteral("the child did not run");
    killedSession(&error);
    QCOMPARE(error, QString());
    ef::Engine engine;
    QCOMPARE(loadLab(engine), QString());
    QMainWindow window;
    ef::ui::ScenarioDocument document(engine);
    document.setFilePath(QStringLiteral("/somewhere/lab.json"));
    bool restored = false;
    ef::ui::Autosave *autosave = ef::ui::installAutosave(
        &window, engine, &restored, m_dir, &document, [](const QString &) { return true; });
    QVERIFY(autosave);
    QVERIFY(restored);
    QVERIFY(hasBus(engine.snapshot(), QStringLiteral("unsaved-work")));
    // Untitled and unsaved: closing asks, and the autosave stays due.
    QVERIFY(document.isModified());
    QCOMPARE(document.filePath(), QString());
    QVERIFY(document.windowTitle().contains(u'*'));
    QVERIFY(autosave->isDirty());
}

void TestAutosave::recoveryOffer_data()
{
    QTest::addColumn<QString>("leftover");  // none, killed, damaged
    QTest::addColumn<bool>("restore");      // the user's answer
    QTest::addColumn<bool>("asked");
    QTest::addColumn<bool>("restored");
    QTest::addColumn<bool>("kept");         // the autosave is still there afterwards
    QTest::addRow("nothing left over") << "none" << true << false << false << false;
    QTest::addRow("killed session, restore") << "killed" << true << true << true << true;
    QTest::addRow("killed session, decline") << "killed" << false << true << false << false;
    QTest::addRow("damaged autosave, restore") << "damaged" << true << true << false << true;
}

void TestAutosave::recoveryOffer()
{
    QFETCH(QString, leftover);
    QFETCH(bool, restore);
    QFETCH(bool, asked);
    QFETCH(bool, restored);
    QFETCH(bool, kept);
    if (leftover == QLatin1String("killed")) {
        QString error = QStringLiteral("the child did not run");
        killedSession(&error);
        QCOMPARE(error, QString());
    } else if (leftover == QLatin1String("damaged")) {
        QVERIFY(QDir().mkpath(m_dir));
        QFile f(QDir(m_dir).filePath(QStringLiteral("autosave.json")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\":\"eventflow-scenario\",\"version\":1,\"rules\":[{\"na");
    }
    QStringList questions;
    const ef::ui::Recovery r = ef::ui::offerRecovery(nullptr, m_dir, [&](const QString &q) {
        questions << q;
        return restore;
    });
    QCOMPARE(!questions.isEmpty(), asked);
    if (asked)
        QVERIFY2(questions.first().contains(QStringLiteral("did not close normally")),
                 qPrintable(questions.first()));
    QCOMPARE(r.scenario.has_value(), restored);
    if (restored)
        QVERIFY(hasBus(*r.scenario, QStringLiteral("unsaved-work")));
    if (leftover == QLatin1String("damaged"))
        QVERIFY2(r.error.contains(QStringLiteral("cannot be restored")) && r.error.contains(u'$'),
                 qPrintable(r.error));
    QCOMPARE(QFile::exists(QDir(m_dir).filePath(QStringLiteral("autosave.json"))), kept);
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsSet(kChildDir))
        return runChild();
    QApplication app(argc, argv);
    TestAutosave test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_autosave.moc"
