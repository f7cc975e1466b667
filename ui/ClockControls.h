#pragma once

// The toolbar that drives the engine's clock: play/pause, single step,
// speed (0.1x to 10x), clear, and the one-click "Send sample events".
// Shows the simulation time and the frame rate.

#include <QToolBar>

class QAction;
class QComboBox;
class QLabel;

namespace ef::ui {

class EngineSession;
class FrameStats;

class ClockControls : public QToolBar
{
    Q_OBJECT
public:
    ClockControls(EngineSession *session, FrameStats *frames, QWidget *parent = nullptr);

    QAction *playPauseAction() const { return m_playPause; }
    QAction *stepAction() const { return m_step; }
    QAction *clearAction() const { return m_clear; }
    QAction *sendSamplesAction() const { return m_sendSamples; }
    QComboBox *speedBox() const { return m_speed; }

    static const QList<double> &speeds();
    void refreshNow() { refresh(); }

signals:
    void sendSamplesRequested();

private:
    void refresh();

    EngineSession *m_session;
    FrameStats *m_frames;
    QAction *m_playPause = nullptr;
    QAction *m_step = nullptr;
    QAction *m_clear = nullptr;
    QAction *m_sendSamples = nullptr;
    QComboBox *m_speed = nullptr;
    QLabel *m_clock = nullptr;
    QLabel *m_fps = nullptr;
};

} // namespace ef::ui
