// Every change made from the window goes through the undo stack: create,
// edit and delete of buses, rules, targets, consumers and queues, and node
// moves, each undone and redone against the engine. The title shows unsaved
// changes, and closing a window with unsaved changes asks first.

#include "EditorsTestSupport.h"

#include "ui/editors/EditorsController.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/PatternEditor.h"
#include "ui/editors/RuleForm.h"
#include "ui/editors/NameField.h"
#include "ui/undo/BusCommands.h"
#include "ui/undo/ConsumerCommands.h"
#include "ui/undo/MoveNodeCommand.h"
#include "ui/undo/RuleCommands.h"
#include "ui/undo/ScenarioDocument.h"
#include "ui/undo/ScenarioEditCommand.h"
#include "ui/undo/TargetCommands.h"

#include <QAction>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using namespace ef;
using namespace ef::ui;

namespace {
const QString kBus = QStringLiteral("user3-ecommerce-events");
const QString kHighValue = QStringLiteral("user3-high-value-order-rule");

bool hasRule(Engine &e, const QString &name) { return e.describeRule({name, kBus}).ok(); }
bool hasBus(Engine &e, const QString &name) { return e.describeEventBus(name).ok(); }
bool hasConsumer(Engine &e, const QString &name)
{
    for (const ConsumerInfo &c : e.consumers()) {
        if (c.name == name)
            return true;
    }
    return false;
}
bool hasQueue(Engine &e, const QString &name)
{
    for (const QueueInfo &q : e.queues()) {
        if (q.name == name)
            return true;
    }
    return false;
}
int targetCount(Engine &e, const QString &rule)
{
    const auto t = e.listTargetsByRule({rule, kBus, {}, 0});
    return t.ok() ? int(t->targets.size()) : -1;
}
} // namespace

class TestUndo : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        // Recent files go to a test location, not the user's settings.
        QStandardPaths::setTestModeEnabled(true);
    }

    void createRuleUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        PutRuleRequest r;
        r.name = QStringLiteral("user3-extra-rule");
        r.eventBusName = kBus;
        r.eventPattern = QStringLiteral("{\"source\":[\"x\"]}");
        QVERIFY(doc.execute(new PutRuleCommand(doc, r, std::nullopt)).ok());
        QVERIFY(hasRule(*engine, r.name));
        doc.undoStack()->undo();
        QVERIFY(!hasRule(*engine, r.name));
        doc.undoStack()->redo();
        QVERIFY(hasRule(*engine, r.name));
    }

    void editRuleUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const RuleInfo before = engine->describeRule({kHighValue, kBus}).value();
        RuleForm form(doc, before, kBus);
        form.show();
        QPlainTextEdit *edit = form.patternEditor()->edit();
        const QString raised = edit->toPlainText().replace(QStringLiteral("100"),
                                                           QStringLiteral("500"));
        edit->selectAll();
        QTest::keyClicks(edit, QString(raised).replace(u'\n', u' '));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY(engine->describeRule({kHighValue, kBus})->eventPattern.contains(u"500"));
        doc.undoStack()->undo();
        QCOMPARE(engine->describeRule({kHighValue, kBus})->eventPattern, before.eventPattern);
        doc.undoStack()->redo();
        QVERIFY(engine->describeRule({kHighValue, kBus})->eventPattern.contains(u"500"));
    }

    void deleteRuleWithTargetsUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const RuleInfo rule = engine->describeRule({kHighValue, kBus}).value();
        const auto targets = engine->listTargetsByRule({kHighValue, kBus, {}, 0})->targets;
        QCOMPARE(int(targets.size()), 1);
        QVERIFY(doc.execute(new DeleteRuleCommand(doc, rule, targets)).ok());
        QVERIFY(!hasRule(*engine, kHighValue));
        doc.undoStack()->undo();
        QVERIFY(hasRule(*engine, kHighValue));
        QCOMPARE(targetCount(*engine, kHighValue), 1);
        QCOMPARE(engine->listTargetsByRule({kHighValue, kBus, {}, 0})->targets.front().arn,
                 targets.front().arn);
        doc.undoStack()->redo();
        QVERIFY(!hasRule(*engine, kHighValue));
    }

    void busCreateDeleteUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const QString name = QStringLiteral("user3-audit");
        QVERIFY(doc.execute(new CreateEventBusCommand(doc, {name, QStringLiteral("d")})).ok());
        QVERIFY(hasBus(*engine, name));
        const EventBusInfo info = engine->describeEventBus(name).value();
        QVERIFY(doc.execute(new DeleteEventBusCommand(doc, info)).ok());
        QVERIFY(!hasBus(*engine, name));
        doc.undoStack()->undo();  // the delete
        QVERIFY(hasBus(*engine, name));
        QCOMPARE(engine->describeEventBus(name)->description, QStringLiteral("d"));
        doc.undoStack()->undo();  // the create
        QVERIFY(!hasBus(*engine, name));
        doc.undoStack()->redo();
        doc.undoStack()->redo();
        QVERIFY(!hasBus(*engine, name));
        QCOMPARE(doc.undoStack()->count(), 2);
    }

    void refusedChangeIsNotOnTheStack()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        // The lab's bus still has rules: the service refuses to delete it.
        const EventBusInfo bus = engine->describeEventBus(kBus).value();
        const Status s = doc.execute(new DeleteEventBusCommand(doc, bus));
        QVERIFY(!s.ok());
        QCOMPARE(s.error().code, QStringLiteral("ValidationException"));
        QVERIFY(hasBus(*engine, kBus));
        QCOMPARE(doc.undoStack()->count(), 0);
        QVERIFY(!doc.isModified());
    }

    void targetPutRemoveUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const RuleRef rule{kHighValue, kBus};
        Target t;
        t.id = QStringLiteral("audit");
        t.arn = QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:audit-fn");
        QVERIFY(doc.execute(new PutTargetCommand(doc, rule, t, std::nullopt)).ok());
        QCOMPARE(targetCount(*engine, kHighValue), 2);
        QVERIFY(hasConsumer(*engine, QStringLiteral("audit-fn")));
        doc.undoStack()->undo();
        QCOMPARE(targetCount(*engine, kHighValue), 1);
        doc.undoStack()->redo();
        QCOMPARE(targetCount(*engine, kHighValue), 2);
        QVERIFY(doc.execute(new RemoveTargetCommand(doc, rule, t)).ok());
        QCOMPARE(targetCount(*engine, kHighValue), 1);
        doc.undoStack()->undo();
        QCOMPARE(targetCount(*engine, kHighValue), 2);
    }

    void consumerCreateEditDeleteUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const QString name = QStringLiteral("user3-new-fn");
        const QJsonObject v1{{QStringLiteral("name"), name}, {QStringLiteral("latencyMs"), 10}};
        QJsonObject v2 = v1;
        v2.insert(QStringLiteral("latencyMs"), 99);
        QVERIFY(doc.execute(new PutConsumerCommand(doc, v1, std::nullopt)).ok());
        QVERIFY(hasConsumer(*engine, name));
        QVERIFY(doc.execute(new PutConsumerCommand(doc, v2, v1)).ok());
        auto latency = [&] {
            for (const ConsumerInfo &c : engine->consumers()) {
                if (c.name == name)
                    return c.definition.value(QStringLiteral("latencyMs")).toInt();
            }
            return -1;
        };
        QCOMPARE(latency(), 99);
        doc.undoStack()->undo();
        QCOMPARE(latency(), 10);
        doc.undoStack()->undo();
        QVERIFY(!hasConsumer(*engine, name));
        doc.undoStack()->redo();
        QVERIFY(hasConsumer(*engine, name));
        QVERIFY(doc.execute(new DeleteConsumerCommand(doc, v1)).ok());
        QVERIFY(!hasConsumer(*engine, name));
        doc.undoStack()->undo();
        QVERIFY(hasConsumer(*engine, name));
    }

    void queueCreateDeleteUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const QString name = QStringLiteral("user3-dlq");
        QVERIFY(doc.execute(new ScenarioEditCommand(doc, QStringLiteral("q"),
                                                    [&](Scenario &s) { addQueue(s, name); }))
                    .ok());
        QVERIFY(hasQueue(*engine, name));
        doc.undoStack()->undo();
        QVERIFY(!hasQueue(*engine, name));
        doc.undoStack()->redo();
        QVERIFY(hasQueue(*engine, name));
        // The rest of the scenario came through the round trip unchanged.
        QVERIFY(hasRule(*engine, kHighValue));
        QCOMPARE(targetCount(*engine, kHighValue), 1);
    }

    void moveUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const QPointF from(10, 20);
        const QPointF to(300, 140);
        engine->setNodePosition(kHighValue, from);
        QVERIFY(doc.execute(new MoveNodeCommand(doc, kHighValue, from, to)).ok());
        QCOMPARE(engine->nodePositions().value(kHighValue), to);
        doc.undoStack()->undo();
        QCOMPARE(engine->nodePositions().value(kHighValue), from);
        doc.undoStack()->redo();
        QCOMPARE(engine->nodePositions().value(kHighValue), to);
        // Positions travel with the scenario.
        QCOMPARE(engine->snapshot().nodePositions.value(kHighValue), to);
    }

    void titleShowsUnsavedChanges()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window, labScenarioPath());
        const QString name = engine->snapshot().name;
        QVERIFY(!name.isEmpty());
        QCOMPARE(window.windowTitle(),
                 name + QStringLiteral(" — EventFlow (storefront-lab.json)"));
        editors.moveNode(kHighValue, {0, 0}, {50, 50});
        QCOMPARE(window.windowTitle(),
                 name + QStringLiteral("* — EventFlow (storefront-lab.json)"));
        editors.undoAction()->trigger();
        QVERIFY(!window.windowTitle().contains(u'*'));
        editors.redoAction()->trigger();
        QVERIFY(window.windowTitle().contains(u'*'));
    }

    void keyboardUndoRedo()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        editors.moveNode(kHighValue, {0, 0}, {70, 80});
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(engine->nodePositions().value(kHighValue), QPointF(0, 0));
        QTest::keyClick(&window, Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(engine->nodePositions().value(kHighValue), QPointF(70, 80));
        editors.document()->markSaved();  // let the window close quietly
    }

    void dirtyScenarioAsksBeforeClosing_data()
    {
        QTest::addColumn<bool>("dirty");
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("closes");
        QTest::addColumn<int>("questions");
        using A = ScenarioDocument::Answer;
        QTest::addRow("clean closes without asking") << false << int(A::Cancel) << true << 0;
        QTest::addRow("dirty, cancel keeps the window") << true << int(A::Cancel) << false << 1;
        QTest::addRow("dirty, discard closes") << true << int(A::Discard) << true << 1;
        QTest::addRow("dirty, save closes and saves") << true << int(A::Save) << true << 1;
    }

    void dirtyScenarioAsksBeforeClosing()
    {
        QFETCH(bool, dirty);
        QFETCH(int, answer);
        QFETCH(bool, closes);
        QFETCH(int, questions);
        EF_LAB_ENGINE(engine);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("class.json"));
        QMainWindow window;
        EditorsController editors(*engine, &window, path);
        editors.document()->setAnswerForTests(ScenarioDocument::Answer(answer));
        window.show();
        if (dirty)
            editors.moveNode(kHighValue, {0, 0}, {5, 5});
        QCOMPARE(window.close(), closes);
        QCOMPARE(window.isVisible(), !closes);
        QCOMPARE(editors.document()->questionsAsked(), questions);
        if (ScenarioDocument::Answer(answer) == ScenarioDocument::Answer::Save && dirty) {
            QVERIFY(!editors.document()->isModified());
            const ScenarioLoad saved = ScenarioFile::load(path);
            QVERIFY2(saved.ok(), qPrintable(saved.errors.join(u'\n')));
            QCOMPARE(saved.scenario->nodePositions.value(kHighValue), QPointF(5, 5));
        }
        editors.document()->markSaved();
    }

    void openAndSaveAs()
    {
        EF_LAB_ENGINE(engine);
        QTemporaryDir dir;
        QMainWindow window;
        EditorsController editors(*engine, &window);
        const QString path = dir.filePath(QStringLiteral("copy.json"));
        QVERIFY(editors.saveAs(path));
        QVERIFY(!editors.document()->isModified());
        QVERIFY(editors.newScenario());
        QVERIFY(!hasRule(*engine, kHighValue));
        QVERIFY(editors.openFile(path));
        QVERIFY(hasRule(*engine, kHighValue));
        QCOMPARE(editors.document()->filePath(), path);
        QCOMPARE(editors.document()->undoStack()->count(), 0);
        // A broken file changes nothing and says where it is wrong.
        const QString broken = dir.filePath(QStringLiteral("broken.json"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"format\": \"eventflow-scenario\", \"version\": 1, \"rules\": 5}");
        f.close();
        QSignalSpy status(&editors, &EditorsController::statusMessage);
        QVERIFY(!editors.openFile(broken));
        QVERIFY(hasRule(*engine, kHighValue));
        QCOMPARE(status.count(), 1);
        QVERIFY2(status.first().at(0).toString().contains(QStringLiteral("$.rules")),
                 qPrintable(status.first().at(0).toString()));
    }
};

QTEST_MAIN(TestUndo)
#include "tst_undo.moc"
