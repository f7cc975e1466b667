#include "ui/MainWindow.h"

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/ClockControls.h"
#include "ui/editors/EditorsController.h"
#include "ui/presentation/PresentationMode.h"
#include "ui/undo/ScenarioDocument.h"
#include "ui/EngineSession.h"
#include "ui/FlowCanvas.h"
#include "ui/InspectorPanel.h"
#include "ui/LogsPanel.h"
#include "ui/MetricsPanel.h"
#include "ui/ProducerPanel.h"
#include "ui/FlowNodeItem.h"
#include "ui/FrameSlots.h"
#include "ui/TokenField.h"

#include <QApplication>
#include <QDateTime>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTimer>

namespace ef::ui {

MainWindow::MainWindow(Engine *engine, QWidget *parent)
    : QMainWindow(parent), m_session(new EngineSession(engine, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/eventflow.svg")));
    m_canvas = new FlowCanvas(m_session, this);
    m_canvas->setObjectName(QStringLiteral("flowCanvas"));
    setCentralWidget(m_canvas);

    m_controls = new ClockControls(m_session, &m_canvas->frameStats(), this);
    addToolBar(Qt::TopToolBarArea, m_controls);

    m_producers = new ProducerPanel(m_session, this);
    m_inspector = new InspectorPanel(m_session, this);
    m_metrics = new MetricsPanel(m_session, this);
    m_logs = new LogsPanel(m_session, this);
    setDockOptions(AnimatedDocks | AllowNestedDocks | AllowTabbedDocks);
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    setCorner(Qt::BottomRightCorner, Qt::RightDockWidgetArea);
    QDockWidget *producers = addPanel(m_producers, tr("Producers"), Qt::LeftDockWidgetArea);
    QDockWidget *inspector = addPanel(m_inspector, tr("Inspector"), Qt::RightDockWidgetArea);
    QDockWidget *metrics = addPanel(m_metrics, tr("Metrics"), Qt::BottomDockWidgetArea);
    QDockWidget *logs = addPanel(m_logs, tr("Logs"), Qt::BottomDockWidgetArea);
    splitDockWidget(metrics, logs, Qt::Horizontal);
    (void)producers;
    (void)inspector;

    connect(m_controls, &ClockControls::sendSamplesRequested, m_producers,
            &ProducerPanel::sendSamples);
    connect(m_canvas, &FlowCanvas::nodeSelected, m_inspector, &InspectorPanel::inspectNode);
    connect(m_canvas, &FlowCanvas::tokenClicked, m_inspector, &InspectorPanel::inspectEventSeq);
    connect(m_logs, &LogsPanel::eventRequested, m_inspector,
            &InspectorPanel::inspectEvent);
    connect(m_session, &EngineSession::cleared, m_inspector, &InspectorPanel::clearView);
    // The inspector follows the sample walk-through, one event at a time.
    connect(m_session, &EngineSession::sampleSent, m_inspector,
            &InspectorPanel::inspectEvent);
    connect(m_session, &EngineSession::frame, this, [this](const FrameBatch &batch) {
        FrameProfile::Scope timed(m_session->profile(), FrameProfile::Status);
        if (frameslots::kStatus.due(batch.frame))
            updateStatus();
    });
    connect(m_canvas, &FlowCanvas::nodeMoved, this,
            [this](const QString &key, QPointF from, QPointF to) {
                // One undoable step per drag.
                m_editors->moveNode(key, from, to);
            });
    // Double-click: the node's form (the editors take canvas keys).
    connect(m_canvas, &FlowCanvas::nodeActivated, this,
            [this](const QString &key) { m_editors->editNode(key); });

    m_status = new QLabel(this);
    m_endpoint = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    statusBar()->addPermanentWidget(m_endpoint);
    buildMenus();
    m_editors = new EditorsController(*engine, this);
    connect(m_editors, &EditorsController::scenarioChanged, m_session,
            &EngineSession::notifyScenarioChanged);
    // Presentation mode: nodes grow with their text, tokens with theirs, and
    // the panels whose texts have sizes of their own (code, logs, the sample
    // list, the plot's legend) grow with the rest of the window's text.
    m_editors->presentation()->setCanvasScaler([this](bool on) {
        FlowNodeItem::setFontScale(on ? 1.35 : 1.0);
        TokenField::setScale(on ? 1.4 : 1.0);
        m_canvas->rebuild();
        const double text = on ? PresentationMode::kFontScale : 1.0;
        m_inspector->setFontScale(text);
        m_logs->setFontScale(text);
        m_producers->setFontScale(text);
        m_metrics->setFontScale(text);
    });
    m_editors->installSpeedShortcuts(m_controls->speedBox());
    connect(m_editors, &EditorsController::statusMessage, this,
            [this](const QString &text) { statusBar()->showMessage(text, 6000); });
    updateStatus();
}

MainWindow::~MainWindow() = default;

QDockWidget *MainWindow::addPanel(QWidget *panel, const QString &title, Qt::DockWidgetArea area)
{
    auto *dock = new QDockWidget(title, this);
    dock->setObjectName(title.toLower().replace(QLatin1Char(' '), QLatin1Char('-'))
                        + QStringLiteral("-dock"));
    dock->setWidget(panel);
    addDockWidget(area, dock);
    if (m_viewMenu)
        m_viewMenu->addAction(dock->toggleViewAction());
    return dock;
}

void MainWindow::buildMenus()
{
    // File (New/Open/Save... come from the editors), Edit, Scenario, View, Simulation, Help.
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    menuBar()->addMenu(tr("&Edit"));
    menuBar()->addMenu(tr("&Scenario"));
    m_fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->addAction(tr("Fit canvas"), QKeySequence(QStringLiteral("Ctrl+0")), m_canvas,
                          &FlowCanvas::fitAll);
    m_viewMenu->addSeparator();
    for (QDockWidget *dock : findChildren<QDockWidget *>())
        m_viewMenu->addAction(dock->toggleViewAction());
    m_simulationMenu = menuBar()->addMenu(tr("S&imulation"));
    m_simulationMenu->addAction(m_controls->playPauseAction());
    m_simulationMenu->addAction(m_controls->stepAction());
    m_simulationMenu->addAction(m_controls->clearAction());
    m_simulationMenu->addAction(m_controls->sendSamplesAction());

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("About EventFlow"), this, [this]() {
        QMessageBox::about(this, tr("About EventFlow"),
                           tr("EventFlow: an EventBridge-compatible event bus you can watch.\n"
                              "Tokens are events (colour and label = detail-type); ↻EB is an "
                              "EventBridge retry, ↻λ a Lambda retry."));
    });
}

void MainWindow::setScenarioPath(const QString &path)
{
    m_scenarioPath = path;
    m_editors->document()->setFilePath(path);
}

bool MainWindow::openScenario(const QString &path, QString *error)
{
    const ScenarioLoad load = ScenarioFile::load(path);
    if (!load.ok()) {
        if (error)
            *error = load.errors.join(QLatin1Char('\n'));
        return false;
    }
    const Status applied = m_session->engine().applyScenario(*load.scenario);
    if (!applied) {
        if (error)
            *error = applied.error().message;
        return false;
    }
    setScenarioPath(path);
    m_session->notifyScenarioChanged();
    return true;
}

bool MainWindow::saveScenario(const QString &path, QString *error)
{
    const Status saved = ScenarioFile::save(m_session->engine().snapshot(), path);
    if (!saved) {
        if (error)
            *error = saved.error().message;
        return false;
    }
    setScenarioPath(path);
    return true;
}

bool MainWindow::event(QEvent *event)
{
    if (event->type() != QEvent::UpdateRequest)
        return QMainWindow::event(event);
    // The whole window's paint and flush: every panel's repaint lands here.
    bool handled = false;
    {
        FrameProfile::Scope timed(m_session->profile(), FrameProfile::WindowPaint);
        handled = QMainWindow::event(event);
    }
    m_session->profile().windowPaintFinished();
    return handled;
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_docksSized)
        return;
    // Dock sizes only take once the window has its size and layout.
    m_docksSized = true;
    QTimer::singleShot(0, this, &MainWindow::sizeDocks);
}

void MainWindow::sizeDocks()
{
    QDockWidget *producers = findChild<QDockWidget *>(QStringLiteral("producers-dock"));
    QDockWidget *inspector = findChild<QDockWidget *>(QStringLiteral("inspector-dock"));
    QDockWidget *metrics = findChild<QDockWidget *>(QStringLiteral("metrics-dock"));
    QDockWidget *logs = findChild<QDockWidget *>(QStringLiteral("logs-dock"));
    if (producers && inspector)
        resizeDocks({producers, inspector}, {290, 350}, Qt::Horizontal);
    if (metrics && logs) {
        const int w = std::max(600, width() - 290 - 350);
        resizeDocks({metrics, logs}, {w * 62 / 100, w * 38 / 100}, Qt::Horizontal);
        resizeDocks({metrics}, {std::max(260, height() * 3 / 10)}, Qt::Vertical);
    }
}

void MainWindow::refreshNow()
{
    updateStatus();
    m_controls->refreshNow();
    m_logs->poll();
    m_metrics->refreshSeries();
    m_metrics->replot();
}

void MainWindow::setEndpointStatus(const QString &text) { m_endpoint->setText(text); }

void MainWindow::startLive() { m_session->startFrames(); }

void MainWindow::updateStatus()
{
    const EngineCounters c = m_session->engine().counters();
    m_status->setText(tr("events accepted %1 · rejected %2 · no rule matched %3 · deliveries %4:"
                         " delivered %5, dead-lettered %6, dropped %7, pending %8 · tokens %9")
                          .arg(c.entriesAccepted)
                          .arg(c.entriesRejected)
                          .arg(c.eventsWithoutMatch)
                          .arg(c.deliveriesCreated)
                          .arg(c.delivered)
                          .arg(c.deadLettered)
                          .arg(c.dropped)
                          .arg(c.pending)
                          .arg(m_canvas->tokens().size()));
}

} // namespace ef::ui
