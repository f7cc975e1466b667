// The editors inside the real main window: dragging a node on the canvas is
// one undo step (Ctrl+Z puts it back, on the canvas and in the engine), the
// title marks unsaved work, the File menu has the editors' commands once,
// F5 enlarges the canvas nodes, and ] / [ step the clock's speed.

#include "EditorsTestSupport.h"

#include "ui/ClockControls.h"
#include "ui/FlowCanvas.h"
#include "ui/FlowGraph.h"
#include "ui/FlowNodeItem.h"
#include "ui/MainWindow.h"
#include "ui/editors/EditorsController.h"
#include "ui/editors/RuleForm.h"
#include "ui/presentation/PresentationMode.h"
#include "ui/undo/ScenarioDocument.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QMenu>
#include <QMenuBar>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace ef;
using namespace ef::ui;

namespace {
const QString kRule = FlowGraph::ruleKey(QStringLiteral("user3-ecommerce-events"),
                                         QStringLiteral("user3-high-value-order-rule"));
}

class TestEditorsWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void draggingANodeIsUndoable()
    {
        EF_LAB_ENGINE(engine);
        MainWindow window(engine.get());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        FlowCanvas *canvas = window.canvas();
        FlowNodeItem *node = canvas->nodeItem(kRule);
        QVERIFY(node);
        const QPointF before = node->pos();
        const QPoint press = canvas->mapFromScene(node->sceneBoundingRect().center());
        QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, press);
        for (int i = 1; i <= 5; ++i)
            QTest::mouseMove(canvas->viewport(), press + QPoint(12 * i, 8 * i));
        QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, press + QPoint(60, 40));
        const QPointF after = canvas->nodeItem(kRule)->pos();
        QVERIFY2(after != before, "the drag did not move the node");
        QCOMPARE(engine->nodePositions().value(kRule), after);
        QCOMPARE(window.editors()->document()->undoStack()->count(), 1);
        QVERIFY(window.windowTitle().contains(u'*'));

        window.editors()->undoAction()->trigger();
        QCOMPARE(engine->nodePositions().value(kRule), before);
        QCOMPARE(canvas->nodeItem(kRule)->pos(), before);  // the canvas follows
        QVERIFY(!window.windowTitle().contains(u'*'));
        window.editors()->redoAction()->trigger();
        QCOMPARE(canvas->nodeItem(kRule)->pos(), after);
        window.editors()->document()->markSaved();
    }

    void canvasNodeKeysOpenTheirForm()
    {
        EF_LAB_ENGINE(engine);
        MainWindow window(engine.get());
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // Double-clicking the node opens its form.
        FlowCanvas *canvas = window.canvas();
        const QPoint at = canvas->mapFromScene(canvas->nodeItem(kRule)->sceneBoundingRect().center());
        QTest::mouseDClick(canvas->viewport(), Qt::LeftButton, {}, at);
        RuleForm *opened = nullptr;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *f = qobject_cast<RuleForm *>(w); f && f->isVisible())
                opened = f;
        }
        QVERIFY(opened);
        QCOMPARE(opened->request().name, QStringLiteral("user3-high-value-order-rule"));
        opened->close();
        auto *form = qobject_cast<RuleForm *>(window.editors()->editNode(kRule));
        QVERIFY(form);
        QCOMPARE(form->request().name, QStringLiteral("user3-high-value-order-rule"));
        QCOMPARE(form->request().eventBusName, QStringLiteral("user3-ecommerce-events"));
        form->close();
        auto *consumer = window.editors()->editNode(
            FlowGraph::functionKey(QStringLiteral("user3-order-processor")));
        QVERIFY(consumer);
        consumer->close();
    }

    void fileMenuHasTheEditorsCommandsOnce()
    {
        EF_LAB_ENGINE(engine);
        MainWindow window(engine.get());
        QStringList titles;
        for (QAction *a : window.menuBar()->actions())
            titles << QString(a->text()).remove(u'&');
        QCOMPARE(titles.mid(0, 3),
                 QStringList({QStringLiteral("File"), QStringLiteral("Edit"),
                              QStringLiteral("Scenario")}));
        QCOMPARE(titles.count(QStringLiteral("File")), 1);
        QCOMPARE(titles.count(QStringLiteral("View")), 1);
        int opens = 0;
        for (QAction *a : window.fileMenu()->actions())
            opens += a->shortcut() == QKeySequence(QKeySequence::Open);
        QCOMPARE(opens, 1);
    }

    void presentationKeyEnlargesTheCanvas()
    {
        EF_LAB_ENGINE(engine);
        MainWindow window(engine.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const QSizeF normal = window.canvas()->nodeItem(kRule)->boundingRect().size();
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(window.editors()->presentation()->isEnabled());
        QCOMPARE(FlowNodeItem::fontScale(), 1.35);
        const QSizeF big = window.canvas()->nodeItem(kRule)->boundingRect().size();
        QVERIFY(big.width() > normal.width() * 1.3);
        QTest::keyClick(&window, Qt::Key_F5);
        QCOMPARE(FlowNodeItem::fontScale(), 1.0);
        QCOMPARE(window.canvas()->nodeItem(kRule)->boundingRect().size(), normal);
    }

    void speedKeysDriveTheEngineClock()
    {
        EF_LAB_ENGINE(engine);
        MainWindow window(engine.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        const double start = engine->speed();
        QTest::keyClick(&window, Qt::Key_BracketRight);
        QVERIFY(engine->speed() > start);
        QTest::keyClick(&window, Qt::Key_BracketLeft);
        QTest::keyClick(&window, Qt::Key_BracketLeft);
        QVERIFY(engine->speed() < start);
    }
};

QTEST_MAIN(TestEditorsWindow)
#include "tst_editors_window.moc"
