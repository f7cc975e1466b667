// The editors' single entry point as the window uses it: every editor opens
// by name (the --open-editor flag), the sandbox opens on the lab's near miss
// (the --open-sandbox flag), a dropped pattern file lands in the sandbox,
// speed keys step the speed box, and presentation mode enlarges the text and
// restores it exactly.

#include "EditorsTestSupport.h"

#include "ui/editors/EditorsController.h"
#include "ui/editors/PatternEditor.h"
#include "ui/editors/RuleForm.h"
#include "ui/presentation/PresentationMode.h"
#include "ui/sandbox/SandboxPanel.h"
#include "ui/undo/ScenarioDocument.h"

#include <QApplication>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QMimeData>
#include <QPushButton>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace ef;
using namespace ef::ui;

class TestEditorsController : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void everyEditorOpensByName_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<bool>("dialog");
        for (const QString &name : EditorsController::editorNames()) {
            const bool dock = name == u"sandbox" || name == u"composer" || name == u"resources";
            QTest::addRow("%s", qPrintable(name)) << name << !dock;
        }
    }

    void everyEditorOpensByName()
    {
        QFETCH(QString, kind);
        QFETCH(bool, dialog);
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        window.show();
        QString error;
        QDialog *opened = editors.openEditorByName(kind, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(opened != nullptr, dialog);
        if (opened) {
            QVERIFY(opened->isVisible());
            opened->close();
        }
        if (kind == u"sandbox")
            QVERIFY(editors.sandboxDock()->isVisible());
        if (kind == u"composer")
            QVERIFY(editors.composerDock()->isVisible());
        if (kind == u"resources")
            QVERIFY(editors.explorerDock()->isVisible());
    }

    void unknownEditorIsAnError()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        QString error;
        QVERIFY(!editors.openEditorByName(QStringLiteral("rules"), &error));
        QVERIFY(error.contains(QStringLiteral("unknown editor \"rules\"")));
        QVERIFY(error.contains(QStringLiteral("invalid-pattern")));
    }

    void ruleEditorsOpenOnTheRichestRule()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        QString error;
        auto *rule = qobject_cast<RuleForm *>(editors.openEditorByName(QStringLiteral("rule"),
                                                                       &error));
        QVERIFY(rule);
        QCOMPARE(rule->request().name, QStringLiteral("user3-high-value-order-rule"));
        QVERIFY(rule->saveButton()->isEnabled());
        auto *broken = qobject_cast<RuleForm *>(
            editors.openEditorByName(QStringLiteral("invalid-pattern"), &error));
        QVERIFY(broken);
        QVERIFY(!broken->patternEditor()->isValid());
        QVERIFY(!broken->saveButton()->isEnabled());
        QVERIFY(broken->patternEditor()->statusLabel()->text().startsWith(
            QStringLiteral("Event pattern is not valid. Reason: ")));
        QVERIFY(broken->patternEditor()->text().contains(QStringLiteral("\"lots\"")));
    }

    void openSandboxShowsTheLabsNearMiss()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        window.show();
        editors.openSandbox();
        QVERIFY(editors.sandboxDock()->isVisible());
        QCOMPARE(editors.sandbox()->verdict().result, SandboxVerdict::Result::NoMatch);
        QVERIFY(editors.sandbox()->eventCombo()->currentText().contains(QStringLiteral("29.99")));
        QVERIFY(editors.sandbox()->ruleCombo()->currentText().startsWith(
            QStringLiteral("user3-high-value-order-rule")));
    }

    void droppedPatternFileGoesToTheSandbox()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        window.show();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pattern.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"source\": [\"ecommerce.application\"]}");
        f.close();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(path)});
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(&window, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&window, &drop);
        QVERIFY(editors.sandboxDock()->isVisible());
        QCOMPARE(editors.sandbox()->patternText(),
                 QStringLiteral("{\"source\": [\"ecommerce.application\"]}"));
        QVERIFY(editors.sandbox()->patternEditor()->isValid());
    }

    void speedKeysStepTheSpeedBox()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        auto *speed = new QComboBox(&window);
        speed->addItems({QStringLiteral("0.5x"), QStringLiteral("1x"), QStringLiteral("2x")});
        speed->setCurrentIndex(1);
        editors.installSpeedShortcuts(speed);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_BracketRight);
        QCOMPARE(speed->currentIndex(), 2);
        QTest::keyClick(&window, Qt::Key_BracketRight);
        QCOMPARE(speed->currentIndex(), 2);  // stays at the fastest
        QTest::keyClick(&window, Qt::Key_BracketLeft);
        QTest::keyClick(&window, Qt::Key_BracketLeft);
        QCOMPARE(speed->currentIndex(), 0);
    }

    void presentationModeTogglesAndRestores()
    {
        EF_LAB_ENGINE(engine);
        QMainWindow window;
        EditorsController editors(*engine, &window);
        bool canvasScaled = false;
        editors.presentation()->setCanvasScaler([&](bool on) { canvasScaled = on; });
        const QFont before = QApplication::font();
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(editors.presentation()->isEnabled());
        QVERIFY(canvasScaled);
        QVERIFY(QApplication::font().pointSizeF() >= before.pointSizeF() * 1.25);
        QCOMPARE(QApplication::palette().color(QPalette::Window), QColor(Qt::white));
        QTest::keyClick(&window, Qt::Key_F5);
        QVERIFY(!editors.presentation()->isEnabled());
        QVERIFY(!canvasScaled);
        QCOMPARE(QApplication::font(), before);
    }
};

QTEST_MAIN(TestEditorsController)
#include "tst_editors_controller.moc"
