#pragma once

// Everything issue 5 adds to the main window, behind one object: the undo
// stack and the open scenario file (ScenarioDocument), the editor forms, the
// pattern sandbox, the event composer and the resource tree as docks,
// File/Edit/Scenario/Tools menus, drag-and-drop of scenario and pattern
// files, the question before closing with unsaved work, presentation mode and
// app preferences. The window constructs one and connects the canvas hooks
// (moveNode / editNode); nothing else in the window needs to know.

#include "core/bus/ServiceError.h"
#include "ui/editors/ScenarioExplorer.h"
#include "ui/settings/AppPreferences.h"

#include <QObject>
#include <QPointF>

class QAction;
class QComboBox;
class QDialog;
class QDockWidget;
class QMainWindow;
class QMenu;

namespace ef {
class Engine;
}

namespace ef::ui {

class EventComposer;
class FieldCatalog;
class PresentationMode;
class RecentEvents;
class SandboxPanel;
class ScenarioDocument;

class EditorsController : public QObject
{
    Q_OBJECT
public:
    EditorsController(Engine &engine, QMainWindow *window, const QString &filePath = {});
    ~EditorsController() override;

    ScenarioDocument *document() const { return m_document; }
    FieldCatalog *catalog() const { return m_catalog; }
    SandboxPanel *sandbox() const { return m_sandbox; }
    EventComposer *composer() const { return m_composer; }
    ScenarioExplorer *explorer() const { return m_explorer; }
    PresentationMode *presentation() const { return m_presentation; }
    QDockWidget *sandboxDock() const { return m_sandboxDock; }
    QDockWidget *composerDock() const { return m_composerDock; }
    QDockWidget *explorerDock() const { return m_explorerDock; }
    QAction *undoAction() const { return m_undo; }
    QAction *redoAction() const { return m_redo; }
    QAction *presentationAction() const { return m_presentationAction; }

    // ---- forms (opened window-modal; returned so callers can drive them) ----
    QDialog *newEventBus();
    QDialog *newRule(const QString &busName = {});
    QDialog *editRule(const QString &busName, const QString &ruleName);
    QDialog *newTarget(const QString &busName, const QString &ruleName);
    QDialog *editTarget(const QString &busName, const QString &ruleName, const QString &id);
    QDialog *newConsumer();
    QDialog *editConsumer(const QString &name);
    QDialog *newQueue();
    QDialog *scenarioSettings();
    QDialog *preferences();
    // Opens the form for a canvas node (its key, e.g. "rule:<bus>/<name>", or a
    // plain rule or consumer name); nullptr when nothing there has a form.
    QDialog *editNode(const QString &nodeOrKey);
    QDialog *openEditor(ResourceRef::Kind kind);
    Status deleteResource(const ResourceRef &ref);

    // ---- canvas hook: a finished drag, as one undoable step ----
    void moveNode(const QString &node, QPointF from, QPointF to);

    // ---- sandbox ----
    // Shows the sandbox dock with the most instructive near miss selected.
    void openSandbox();
    void openComposer();

    // ---- files ----
    bool newScenario();
    bool openFile(const QString &path);
    bool save();
    bool saveAs(const QString &path = {});
    // Asks before unsaved work would be lost; true when it is fine to go on.
    bool confirmDiscard();

    void setPresentation(bool on);

    // Opens one editor by name, for `eventflow --open-editor KIND` and the
    // screenshots: bus, rule, invalid-pattern, target, consumer, queue,
    // settings, preferences (dialogs, returned), sandbox, composer,
    // resources (docks: nullptr returned, `error` empty). Rules and targets
    // open on the scenario's richest rule (the most fields in its pattern).
    QDialog *openEditorByName(const QString &kind, QString *error);
    static QStringList editorNames();

    // Keyboard speed control for the window's speed box: ] or + faster,
    // [ or - slower, one step of the box each.
    void installSpeedShortcuts(QComboBox *speedBox);

signals:
    // The scenario's resources changed (edits, undo, redo, open, new).
    void scenarioChanged();
    void statusMessage(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void buildDocks();
    void buildMenus();
    void rebuildRecentMenu();
    QDialog *show(QDialog *dialog);
    bool openDropped(const QString &path);
    void showError(const QString &title, const QString &message);

    Engine &m_engine;
    QMainWindow *m_window = nullptr;
    ScenarioDocument *m_document = nullptr;
    FieldCatalog *m_catalog = nullptr;
    RecentEvents *m_recent = nullptr;
    SandboxPanel *m_sandbox = nullptr;
    EventComposer *m_composer = nullptr;
    ScenarioExplorer *m_explorer = nullptr;
    PresentationMode *m_presentation = nullptr;
    QDockWidget *m_sandboxDock = nullptr;
    QDockWidget *m_composerDock = nullptr;
    QDockWidget *m_explorerDock = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_presentationAction = nullptr;
    AppPreferences m_preferences;
};

} // namespace ef::ui
