#include "ui/editors/EditorsController.h"

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/composer/EventComposer.h"
#include "ui/editors/ConsumerForm.h"
#include "ui/editors/EventBusForm.h"
#include "ui/editors/FieldCatalog.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/PatternEditor.h"
#include "ui/editors/QueueForm.h"
#include "ui/editors/RuleForm.h"
#include "ui/editors/TargetForm.h"
#include "ui/presentation/PresentationMode.h"
#include "ui/sandbox/RecentEvents.h"
#include "ui/sandbox/SandboxVerdict.h"
#include "ui/sandbox/SandboxPanel.h"
#include "ui/settings/PreferencesDialog.h"
#include "ui/settings/ScenarioSettingsForm.h"
#include "ui/undo/BusCommands.h"
#include "ui/undo/ConsumerCommands.h"
#include "ui/undo/MoveNodeCommand.h"
#include "ui/undo/RuleCommands.h"
#include "ui/undo/ScenarioDocument.h"
#include "ui/undo/ScenarioEditCommand.h"
#include "ui/undo/TargetCommands.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMainWindow>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QRegularExpression>
#include <QTextCursor>
#include <QJsonArray>
#include <QUndoStack>

namespace ef::ui {

namespace {

QAction *menuAction(QMenuBar *bar, const QString &title)
{
    for (QAction *a : bar->actions()) {
        if (a->menu() && QString(a->text()).remove(u'&') == title)
            return a;
    }
    return nullptr;
}

// The window's menu of that title, or a new one placed before `before`
// (File, Edit, Scenario, View... in the usual order).
QMenu *menuNamed(QMenuBar *bar, const QString &title, const QString &before = {})
{
    if (QAction *existing = menuAction(bar, title))
        return existing->menu();
    auto *menu = new QMenu(u'&' + title, bar);
    QAction *at = before.isEmpty() ? nullptr : menuAction(bar, before);
    bar->insertMenu(at, menu);
    return menu;
}

// Shows `dock` as a tab beside the first visible dock of `area`, so opening
// it never squeezes the panels already there.
void tabifyWithNeighbour(QMainWindow *window, QDockWidget *dock, Qt::DockWidgetArea area)
{
    if (dock->isVisible())
        return;
    for (QDockWidget *other : window->findChildren<QDockWidget *>()) {
        if (other != dock && other->isVisible() && !other->isFloating()
            && window->dockWidgetArea(other) == area) {
            window->tabifyDockWidget(other, dock);
            return;
        }
    }
}

} // namespace

EditorsController::EditorsController(Engine &engine, QMainWindow *window, const QString &filePath)
    : QObject(window), m_engine(engine), m_window(window)
{
    m_preferences = AppPreferences::load();
    if (m_preferences.theme != u"system")
        applyTheme(m_preferences.theme);
    m_document = new ScenarioDocument(engine, this);
    m_document->setFilePath(filePath);
    m_catalog = new FieldCatalog(this);
    m_recent = new RecentEvents(engine, m_catalog, 20, this);
    m_presentation = new PresentationMode(window, this);

    connect(m_document, &ScenarioDocument::scenarioChanged, this,
            &EditorsController::scenarioChanged);
    connect(m_document, &ScenarioDocument::titleChanged, window, &QWidget::setWindowTitle);
    connect(m_document, &ScenarioDocument::errorOccurred, this,
            [this](const QString &message) { showError(tr("Undo/redo"), message); });

    buildDocks();
    buildMenus();
    window->setAcceptDrops(true);
    window->installEventFilter(this);
    window->setWindowTitle(m_document->windowTitle());
}

EditorsController::~EditorsController() = default;

void EditorsController::buildDocks()
{
    m_sandbox = new SandboxPanel(*m_document, m_catalog, m_recent);
    m_sandboxDock = new QDockWidget(tr("Pattern sandbox"), m_window);
    m_sandboxDock->setObjectName(QStringLiteral("sandboxDock"));
    m_sandboxDock->setWidget(m_sandbox);
    m_window->addDockWidget(Qt::RightDockWidgetArea, m_sandboxDock);
    m_sandboxDock->hide();

    m_composer = new EventComposer(*m_document);
    m_composerDock = new QDockWidget(tr("Event composer"), m_window);
    m_composerDock->setObjectName(QStringLiteral("composerDock"));
    m_composerDock->setWidget(m_composer);
    m_window->addDockWidget(Qt::LeftDockWidgetArea, m_composerDock);
    m_composerDock->hide();

    m_explorer = new ScenarioExplorer(*m_document);
    m_explorerDock = new QDockWidget(tr("Resources"), m_window);
    m_explorerDock->setObjectName(QStringLiteral("explorerDock"));
    m_explorerDock->setWidget(m_explorer);
    m_window->addDockWidget(Qt::LeftDockWidgetArea, m_explorerDock);
    m_explorerDock->hide();

    connect(m_explorer, &ScenarioExplorer::newRequested, this,
            [this](ResourceRef::Kind kind, const ResourceRef &at) {
                if (kind == ResourceRef::Kind::Rule)
                    newRule(at.bus);
                else if (kind == ResourceRef::Kind::Target)
                    at.kind == ResourceRef::Kind::Rule ? newTarget(at.bus, at.name)
                    : at.kind == ResourceRef::Kind::Target
                        ? newTarget(at.bus, at.rule)
                        : (showError(tr("New target"), tr("Select a rule first.")), nullptr);
                else
                    openEditor(kind);
            });
    connect(m_explorer, &ScenarioExplorer::editRequested, this, [this](const ResourceRef &r) {
        switch (r.kind) {
        case ResourceRef::Kind::Rule:
            editRule(r.bus, r.name);
            break;
        case ResourceRef::Kind::Target:
            editTarget(r.bus, r.rule, r.name);
            break;
        case ResourceRef::Kind::Consumer:
            editConsumer(r.name);
            break;
        default:
            break;
        }
    });
    connect(m_explorer, &ScenarioExplorer::deleteRequested, this, [this](const ResourceRef &r) {
        const Status s = deleteResource(r);
        if (!s.ok())
            showError(tr("Delete"), s.error().message);
    });
}

void EditorsController::buildMenus()
{
    QMenuBar *bar = m_window->menuBar();
    QMenu *file = menuNamed(bar, tr("File"));
    QMenu *view = menuNamed(bar, tr("View"));
    QAction *afterFile = bar->actions().value(bar->actions().indexOf(file->menuAction()) + 1);
    QMenu *edit = menuNamed(bar, tr("Edit"), afterFile ? QString(afterFile->text()).remove(u'&')
                                                       : QString());
    QMenu *scenario = menuNamed(bar, tr("Scenario"), QString(afterFile ? afterFile->text()
                                                                       : QString()).remove(u'&'));

    QList<QAction *> fileActions;
    QAction *a = new QAction(tr("&New scenario"), this);
    a->setShortcut(QKeySequence::New);
    connect(a, &QAction::triggered, this, [this] { newScenario(); });
    fileActions << a;
    a = new QAction(tr("&Open…"), this);
    a->setShortcut(QKeySequence::Open);
    connect(a, &QAction::triggered, this, [this] {
        if (!confirmDiscard())
            return;
        const QString path = QFileDialog::getOpenFileName(
            m_window, tr("Open scenario"), QString(), tr("Scenarios (*.json);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    fileActions << a;
    m_recentMenu = new QMenu(tr("Open &recent"), m_window);
    fileActions << m_recentMenu->menuAction();
    a = new QAction(tr("&Save"), this);
    a->setShortcut(QKeySequence::Save);
    connect(a, &QAction::triggered, this, [this] { save(); });
    fileActions << a;
    a = new QAction(tr("Save &as…"), this);
    a->setShortcut(QKeySequence::SaveAs);
    connect(a, &QAction::triggered, this, [this] { saveAs(); });
    fileActions << a;
    auto *sep = new QAction(this);
    sep->setSeparator(true);
    fileActions << sep;
    // Before whatever the window already has there (e.g. Quit).
    file->insertActions(file->actions().value(0), fileActions);
    rebuildRecentMenu();

    m_undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z),
                          QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->insertActions(edit->actions().value(0), {m_undo, m_redo});
    edit->addSeparator();
    connect(edit->addAction(tr("Preferences…")), &QAction::triggered, this,
            [this] { preferences(); });

    auto addScenario = [&](const QString &text, auto slot) {
        connect(scenario->addAction(text), &QAction::triggered, this, slot);
    };
    addScenario(tr("New event &bus…"), [this] { newEventBus(); });
    addScenario(tr("New &rule…"), [this] { newRule(); });
    addScenario(tr("New &target for the selected rule…"), [this] {
        const ResourceRef r = m_explorer->selected();
        if (r.kind == ResourceRef::Kind::Rule)
            newTarget(r.bus, r.name);
        else {
            m_explorerDock->show();
            showError(tr("New target"), tr("Select a rule in Resources first."));
        }
    });
    addScenario(tr("New &consumer…"), [this] { newConsumer(); });
    addScenario(tr("New &queue…"), [this] { newQueue(); });
    scenario->addSeparator();
    addScenario(tr("&Settings (prefix, account, region)…"), [this] { scenarioSettings(); });

    view->addSeparator();
    QAction *sandbox = m_sandboxDock->toggleViewAction();
    sandbox->setText(tr("Pattern &sandbox"));
    sandbox->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
    view->addAction(sandbox);
    QAction *composer = m_composerDock->toggleViewAction();
    composer->setText(tr("Event &composer"));
    composer->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    view->addAction(composer);
    QAction *explorer = m_explorerDock->toggleViewAction();
    explorer->setText(tr("&Resources"));
    explorer->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_R));
    view->addAction(explorer);
    m_presentationAction = view->addAction(tr("&Presentation mode"));
    m_presentationAction->setObjectName(QStringLiteral("presentationAction"));
    m_presentationAction->setCheckable(true);
    m_presentationAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_presentationAction, &QAction::toggled, this, [this](bool on) { setPresentation(on); });
    // Shortcuts must work with the menu bar hidden (presentation, screenshots).
    for (QAction *action : {m_undo, m_redo, sandbox, composer, explorer, m_presentationAction})
        m_window->addAction(action);
}

void EditorsController::rebuildRecentMenu()
{
    m_recentMenu->clear();
    for (const QString &path : m_preferences.recentFiles) {
        QAction *a = m_recentMenu->addAction(QFileInfo(path).fileName());
        a->setToolTip(path);
        connect(a, &QAction::triggered, this, [this, path] {
            if (confirmDiscard())
                openFile(path);
        });
    }
    m_recentMenu->setEnabled(!m_preferences.recentFiles.isEmpty());
}

QDialog *EditorsController::show(QDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void EditorsController::showError(const QString &title, const QString &message)
{
    emit statusMessage(message);
    if (m_window->isVisible())
        QMessageBox::warning(m_window, title, message);
}

QDialog *EditorsController::newEventBus()
{
    return show(new EventBusForm(*m_document, m_window));
}

QDialog *EditorsController::newRule(const QString &busName)
{
    return show(new RuleForm(*m_document, std::nullopt, busName, m_catalog, m_window));
}

QDialog *EditorsController::editRule(const QString &busName, const QString &ruleName)
{
    const auto rule = m_engine.describeRule({ruleName, busName});
    if (!rule.ok()) {
        showError(tr("Edit rule"), rule.error().message);
        return nullptr;
    }
    return show(new RuleForm(*m_document, rule.value(), busName, m_catalog, m_window));
}

QDialog *EditorsController::newTarget(const QString &busName, const QString &ruleName)
{
    return show(new TargetForm(*m_document, {ruleName, busName}, std::nullopt, m_window));
}

QDialog *EditorsController::editTarget(const QString &busName, const QString &ruleName,
                                       const QString &id)
{
    const auto targets = m_engine.listTargetsByRule({ruleName, busName, QString(), 0});
    if (targets.ok()) {
        for (const Target &t : targets->targets) {
            if (t.id == id)
                return show(new TargetForm(*m_document, {ruleName, busName}, t, m_window));
        }
    }
    showError(tr("Edit target"), targets.ok() ? tr("Target %1 not found").arg(id)
                                              : targets.error().message);
    return nullptr;
}

QDialog *EditorsController::newConsumer()
{
    return show(new ConsumerForm(*m_document, std::nullopt, m_window));
}

QDialog *EditorsController::editConsumer(const QString &name)
{
    for (const ConsumerInfo &c : m_engine.consumers()) {
        if (c.name == name)
            return show(new ConsumerForm(*m_document, c.definition, m_window));
    }
    showError(tr("Edit consumer"), tr("Function not found: %1").arg(name));
    return nullptr;
}

QDialog *EditorsController::newQueue()
{
    return show(new QueueForm(*m_document, m_window));
}

QDialog *EditorsController::scenarioSettings()
{
    return show(new ScenarioSettingsForm(*m_document, m_window));
}

QDialog *EditorsController::preferences()
{
    auto *dialog = new PreferencesDialog(m_preferences, m_window);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        m_preferences = dialog->preferences();
        m_preferences.save();
        applyTheme(m_preferences.theme);
    });
    return show(dialog);
}

QDialog *EditorsController::openEditor(ResourceRef::Kind kind)
{
    switch (kind) {
    case ResourceRef::Kind::Bus:
        return newEventBus();
    case ResourceRef::Kind::Rule:
        return newRule();
    case ResourceRef::Kind::Consumer:
        return newConsumer();
    case ResourceRef::Kind::Queue:
        return newQueue();
    case ResourceRef::Kind::Target: {
        // The first rule that exists, as a starting point.
        const auto buses = m_engine.listEventBuses({});
        if (buses.ok()) {
            for (const EventBusInfo &b : buses->eventBuses) {
                const auto rules = m_engine.listRules({QString(), b.name, QString(), 0});
                if (rules.ok() && !rules->rules.empty())
                    return newTarget(b.name, rules->rules.front().name);
            }
        }
        return nullptr;
    }
    default:
        return nullptr;
    }
}

QDialog *EditorsController::editNode(const QString &nodeOrKey)
{
    // Canvas keys look like "rule:<bus>/<name>" or "fn:<name>"; plain names work too.
    QString node = nodeOrKey.section(u':', 1).isEmpty() ? nodeOrKey
                                                        : nodeOrKey.section(u':', 1);
    if (nodeOrKey.startsWith(u"rule:") && node.contains(u'/')) {
        const QString bus = node.section(u'/', 0, -2);
        return editRule(bus, node.section(u'/', -1));
    }
    const auto buses = m_engine.listEventBuses({});
    if (buses.ok()) {
        for (const EventBusInfo &b : buses->eventBuses) {
            if (m_engine.describeRule({node, b.name}).ok())
                return editRule(b.name, node);
        }
    }
    for (const ConsumerInfo &c : m_engine.consumers()) {
        if (c.name == node)
            return editConsumer(node);
    }
    return nullptr;
}

Status EditorsController::deleteResource(const ResourceRef &ref)
{
    switch (ref.kind) {
    case ResourceRef::Kind::Bus: {
        const auto bus = m_engine.describeEventBus(ref.name);
        if (!bus.ok())
            return bus.error();
        return m_document->execute(new DeleteEventBusCommand(*m_document, bus.value()));
    }
    case ResourceRef::Kind::Rule: {
        const auto rule = m_engine.describeRule({ref.name, ref.bus});
        if (!rule.ok())
            return rule.error();
        const auto targets = m_engine.listTargetsByRule({ref.name, ref.bus, QString(), 0});
        if (!targets.ok())
            return targets.error();
        return m_document->execute(
            new DeleteRuleCommand(*m_document, rule.value(), targets->targets));
    }
    case ResourceRef::Kind::Target: {
        const auto targets = m_engine.listTargetsByRule({ref.rule, ref.bus, QString(), 0});
        if (!targets.ok())
            return targets.error();
        for (const Target &t : targets->targets) {
            if (t.id == ref.name)
                return m_document->execute(
                    new RemoveTargetCommand(*m_document, {ref.rule, ref.bus}, t));
        }
        return ServiceError::notFound(tr("Target %1 not found").arg(ref.name));
    }
    case ResourceRef::Kind::Consumer:
        for (const ConsumerInfo &c : m_engine.consumers()) {
            if (c.name == ref.name)
                return m_document->execute(new DeleteConsumerCommand(*m_document, c.definition));
        }
        return ServiceError::notFound(tr("Function not found: %1").arg(ref.name));
    case ResourceRef::Kind::Queue:
        return m_document->execute(new ScenarioEditCommand(
            *m_document, tr("Delete queue %1").arg(ref.name),
            [name = ref.name](Scenario &s) { removeQueue(s, name); }));
    default:
        return ServiceError::validation(tr("Nothing selected"));
    }
}

void EditorsController::moveNode(const QString &node, QPointF from, QPointF to)
{
    if (from == to)
        return;
    m_document->execute(new MoveNodeCommand(*m_document, node, from, to));
}

void EditorsController::openSandbox()
{
    m_sandbox->refreshSources();
    m_sandbox->showNearMiss();
    // The sandbox shows two JSON documents side by side: give its column room.
    tabifyWithNeighbour(m_window, m_sandboxDock, Qt::RightDockWidgetArea);
    m_sandboxDock->show();
    m_sandboxDock->raise();
    m_window->resizeDocks({m_sandboxDock}, {qMax(480, m_window->width() * 40 / 100)},
                          Qt::Horizontal);
}

void EditorsController::openComposer()
{
    tabifyWithNeighbour(m_window, m_composerDock, Qt::LeftDockWidgetArea);
    m_composerDock->show();
    m_composerDock->raise();
}

bool EditorsController::confirmDiscard()
{
    return m_document->maybeSave(m_window, [this] { return save(); });
}

bool EditorsController::newScenario()
{
    if (!confirmDiscard())
        return false;
    Scenario fresh;
    fresh.name = tr("Untitled scenario");
    fresh.settings = m_preferences.newScenarioDefaults;
    const Status s = m_document->replaceScenario(fresh, QString());
    if (!s.ok()) {
        showError(tr("New scenario"), s.error().message);
        return false;
    }
    return true;
}

bool EditorsController::openFile(const QString &path)
{
    const ScenarioLoad load = ScenarioFile::load(path);
    if (!load.ok()) {
        showError(tr("Open %1").arg(QFileInfo(path).fileName()), load.errors.join(u'\n'));
        return false;
    }
    const Status s = m_document->replaceScenario(*load.scenario, path);
    if (!s.ok()) {
        showError(tr("Open %1").arg(QFileInfo(path).fileName()), s.error().message);
        return false;
    }
    m_preferences.addRecentFile(path);
    m_preferences.save();
    rebuildRecentMenu();
    return true;
}

bool EditorsController::save()
{
    if (m_document->filePath().isEmpty() || m_document->filePath().startsWith(u':'))
        return saveAs();
    const Status s = ScenarioFile::save(m_engine.snapshot(), m_document->filePath());
    if (!s.ok()) {
        showError(tr("Save"), s.error().message);
        return false;
    }
    m_document->markSaved();
    m_preferences.addRecentFile(m_document->filePath());
    m_preferences.save();
    rebuildRecentMenu();
    return true;
}

bool EditorsController::saveAs(const QString &given)
{
    QString path = given;
    if (path.isEmpty()) {
        path = QFileDialog::getSaveFileName(m_window, tr("Save scenario as"),
                                            m_document->displayName(),
                                            tr("Scenarios (*.json)"));
        if (path.isEmpty())
            return false;
    }
    m_document->setFilePath(path);
    return save();
}

void EditorsController::setPresentation(bool on)
{
    m_presentation->setEnabled(on);
    if (m_presentationAction->isChecked() != on)
        m_presentationAction->setChecked(on);
}

bool EditorsController::openDropped(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        showError(tr("Open"), tr("%1: %2").arg(path, file.errorString()));
        return false;
    }
    const QByteArray data = file.readAll();
    const QJsonObject root = QJsonDocument::fromJson(data).object();
    const bool scenario = root.contains(QStringLiteral("format"))
                          || root.contains(QStringLiteral("rules"))
                          || root.contains(QStringLiteral("buses"));
    if (scenario) {
        if (!confirmDiscard())
            return false;
        return openFile(path);
    }
    // Anything else is taken as an event pattern, to try in the sandbox.
    m_sandboxDock->show();
    m_sandbox->setPatternText(QString::fromUtf8(data));
    return true;
}

bool EditorsController::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window) {
        switch (event->type()) {
        case QEvent::Close:
            if (!confirmDiscard()) {
                event->ignore();
                return true;
            }
            break;
        case QEvent::DragEnter: {
            auto *drag = static_cast<QDragEnterEvent *>(event);
            if (drag->mimeData()->hasUrls()) {
                drag->acceptProposedAction();
                return true;
            }
            break;
        }
        case QEvent::Drop: {
            auto *drop = static_cast<QDropEvent *>(event);
            const auto urls = drop->mimeData()->urls();
            if (!urls.isEmpty() && urls.front().isLocalFile()) {
                openDropped(urls.front().toLocalFile());
                drop->acceptProposedAction();
                return true;
            }
            break;
        }
        default:
            break;
        }
    }
    return QObject::eventFilter(watched, event);
}

QStringList EditorsController::editorNames()
{
    return {QStringLiteral("bus"),      QStringLiteral("rule"),
            QStringLiteral("invalid-pattern"), QStringLiteral("target"),
            QStringLiteral("consumer"), QStringLiteral("queue"),
            QStringLiteral("settings"), QStringLiteral("preferences"),
            QStringLiteral("sandbox"),  QStringLiteral("composer"),
            QStringLiteral("resources")};
}

QDialog *EditorsController::openEditorByName(const QString &kind, QString *error)
{
    // The rule whose pattern tests the most fields: the most to look at.
    RuleInfo richest;
    int most = -1;
    const auto buses = m_engine.listEventBuses({});
    if (buses.ok()) {
        for (const EventBusInfo &b : buses->eventBuses) {
            const auto rules = m_engine.listRules({QString(), b.name, QString(), 0});
            if (!rules.ok())
                continue;
            for (const RuleInfo &r : rules->rules) {
                const int n = patternFieldCount(r.eventPattern);
                if (n > most) {
                    most = n;
                    richest = r;
                }
            }
        }
    }
    auto needRule = [&]() {
        if (most >= 0)
            return true;
        *error = tr("the scenario has no rule to open");
        return false;
    };
    error->clear();
    if (kind == u"bus")
        return newEventBus();
    if (kind == u"rule")
        return needRule() ? editRule(richest.eventBusName, richest.name) : nullptr;
    if (kind == u"invalid-pattern") {
        if (!needRule())
            return nullptr;
        auto *form = qobject_cast<RuleForm *>(editRule(richest.eventBusName, richest.name));
        if (form) {
            // A typical slip: a number written as text.
            JsonEdit *edit = form->patternEditor()->edit();
            const QRegularExpression number(QStringLiteral("\\d+(\\.\\d+)?"));
            QRegularExpressionMatch last;
            for (auto it = number.globalMatch(edit->toPlainText()); it.hasNext();)
                last = it.next();
            QTextCursor cursor(edit->document());
            if (last.hasMatch()) {
                cursor.setPosition(int(last.capturedStart()));
                cursor.setPosition(int(last.capturedEnd()), QTextCursor::KeepAnchor);
            }
            cursor.insertText(QStringLiteral("\"lots\""));
            edit->setTextCursor(cursor);
        }
        return form;
    }
    if (kind == u"target") {
        if (!needRule())
            return nullptr;
        const auto targets =
            m_engine.listTargetsByRule({richest.name, richest.eventBusName, QString(), 0});
        if (targets.ok() && !targets->targets.empty())
            return editTarget(richest.eventBusName, richest.name, targets->targets.front().id);
        return newTarget(richest.eventBusName, richest.name);
    }
    if (kind == u"consumer") {
        const auto consumers = m_engine.consumers();
        // The one with the most log lines shows the most.
        const ConsumerInfo *best = nullptr;
        for (const ConsumerInfo &c : consumers) {
            if (!best || c.definition.value(QStringLiteral("logLines")).toArray().size()
                             > best->definition.value(QStringLiteral("logLines")).toArray().size())
                best = &c;
        }
        return best ? editConsumer(best->name) : newConsumer();
    }
    if (kind == u"queue")
        return newQueue();
    if (kind == u"settings")
        return scenarioSettings();
    if (kind == u"preferences")
        return preferences();
    if (kind == u"sandbox") {
        openSandbox();
        return nullptr;
    }
    if (kind == u"composer") {
        openComposer();
        return nullptr;
    }
    if (kind == u"resources") {
        tabifyWithNeighbour(m_window, m_explorerDock, Qt::LeftDockWidgetArea);
        m_explorerDock->show();
        m_explorerDock->raise();
        m_window->resizeDocks({m_explorerDock}, {qMax(380, m_window->width() / 4)},
                              Qt::Horizontal);
        return nullptr;
    }
    *error = tr("unknown editor \"%1\" (one of: %2)").arg(kind, editorNames().join(u", "));
    return nullptr;
}

void EditorsController::installSpeedShortcuts(QComboBox *speedBox)
{
    auto add = [&](const QString &text, QList<QKeySequence> keys, int step) {
        auto *a = new QAction(text, m_window);
        a->setShortcuts(keys);
        connect(a, &QAction::triggered, speedBox, [speedBox, step] {
            const int i = qBound(0, speedBox->currentIndex() + step, speedBox->count() - 1);
            speedBox->setCurrentIndex(i);
        });
        m_window->addAction(a);
        return a;
    };
    add(tr("Faster"), {QKeySequence(Qt::Key_BracketRight), QKeySequence(Qt::Key_Plus)}, +1);
    add(tr("Slower"), {QKeySequence(Qt::Key_BracketLeft), QKeySequence(Qt::Key_Minus)}, -1);
}

} // namespace ef::ui
