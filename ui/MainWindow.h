#pragma once

// The main window: it assembles the panels (flow canvas in the middle,
// producers left, inspector right, metrics and logs below) around one
// EngineSession, and wires clicks between them. Each panel is its own class;
// editors, the sandbox and presentation mode add their docks and actions
// through addPanel() and the menus.

#include <QMainWindow>

class QDockWidget;
class QLabel;
class QMenu;

namespace ef {
class Engine;
}

namespace ef::ui {

class ClockControls;
class EditorsController;
class EngineSession;
class FlowCanvas;
class InspectorPanel;
class LogsPanel;
class MetricsPanel;
class ProducerPanel;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // The window drives `engine` (kept by the caller) through its facade.
    explicit MainWindow(Engine *engine, QWidget *parent = nullptr);
    ~MainWindow() override;

    EngineSession *session() const { return m_session; }
    FlowCanvas *canvas() const { return m_canvas; }
    ProducerPanel *producers() const { return m_producers; }
    InspectorPanel *inspector() const { return m_inspector; }
    MetricsPanel *metrics() const { return m_metrics; }
    LogsPanel *logs() const { return m_logs; }
    ClockControls *controls() const { return m_controls; }
    // Issue 5's editors, sandbox, undo stack, files and presentation mode.
    EditorsController *editors() const { return m_editors; }
    QMenu *fileMenu() const { return m_fileMenu; }
    QMenu *viewMenu() const { return m_viewMenu; }
    QMenu *simulationMenu() const { return m_simulationMenu; }

    // Adds a panel as a dock (listed in the View menu).
    QDockWidget *addPanel(QWidget *panel, const QString &title, Qt::DockWidgetArea area);

    // The scenario file shown (empty: built in / unsaved).
    QString scenarioPath() const { return m_scenarioPath; }
    void setScenarioPath(const QString &path);
    bool openScenario(const QString &path, QString *error = nullptr);
    bool saveScenario(const QString &path, QString *error = nullptr);
    void setEndpointStatus(const QString &text);
    // Runs frames on the real clock (the window) or not (tests, screenshots).
    void startLive();
    // Brings status, clock readout, logs and plots up to date now (they
    // otherwise refresh a few times a second): for --screenshot and tests.
    void refreshNow();

protected:
    bool event(QEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void buildMenus();
    void updateStatus();
    void sizeDocks();

    EngineSession *m_session;
    FlowCanvas *m_canvas;
    ProducerPanel *m_producers;
    InspectorPanel *m_inspector;
    MetricsPanel *m_metrics;
    LogsPanel *m_logs;
    ClockControls *m_controls;
    EditorsController *m_editors = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_simulationMenu = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_endpoint = nullptr;
    QString m_scenarioPath;
    bool m_docksSized = false;
};

} // namespace ef::ui
