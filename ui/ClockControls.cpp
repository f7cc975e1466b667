#include "ui/ClockControls.h"

#include "ui/EngineSession.h"
#include "ui/FrameSlots.h"
#include "ui/FrameStats.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QLabel>
#include <QStyle>

namespace ef::ui {

const QList<double> &ClockControls::speeds()
{
    static const QList<double> all{0.1, 0.25, 0.5, 1, 2, 5, 10};
    return all;
}

ClockControls::ClockControls(EngineSession *session, FrameStats *frames, QWidget *parent)
    : QToolBar(tr("Clock"), parent), m_session(session), m_frames(frames)
{
    setObjectName(QStringLiteral("clockControls"));
    setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_playPause = addAction(style()->standardIcon(QStyle::SP_MediaPause), tr("Pause"));
    m_playPause->setObjectName(QStringLiteral("playPause"));
    m_playPause->setShortcut(Qt::Key_Space);
    m_playPause->setToolTip(tr("Pause or play the simulation clock (Space)"));
    connect(m_playPause, &QAction::triggered, this,
            [this]() { m_session->setPaused(!m_session->isPaused()); });

    m_step = addAction(style()->standardIcon(QStyle::SP_MediaSeekForward), tr("Step"));
    m_step->setObjectName(QStringLiteral("step"));
    m_step->setShortcut(Qt::Key_Period);
    m_step->setToolTip(tr("Pause, then move the clock to the next scheduled happening (.)"));
    connect(m_step, &QAction::triggered, this, [this]() {
        m_session->setPaused(true);
        m_session->step();
    });

    addWidget(new QLabel(tr("  speed "), this));
    m_speed = new QComboBox(this);
    m_speed->setObjectName(QStringLiteral("speed"));
    for (double s : speeds())
        m_speed->addItem(QStringLiteral("%1×").arg(s), s);
    m_speed->setCurrentIndex(static_cast<int>(speeds().indexOf(1.0)));
    m_speed->setToolTip(tr("Simulation speed: how fast the engine's clock runs"));
    connect(m_speed, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i >= 0)
            (void)m_session->setSpeed(m_speed->itemData(i).toDouble());
    });
    addWidget(m_speed);

    m_clear = addAction(style()->standardIcon(QStyle::SP_DialogResetButton), tr("Clear"));
    m_clear->setObjectName(QStringLiteral("clear"));
    m_clear->setToolTip(tr("Forget counts, tokens, logs and metrics (the scenario stays)"));
    connect(m_clear, &QAction::triggered, m_session, &EngineSession::clear);

    addSeparator();
    m_sendSamples = addAction(style()->standardIcon(QStyle::SP_ArrowRight),
                              tr("Send sample events"));
    m_sendSamples->setObjectName(QStringLiteral("sendSamples"));
    m_sendSamples->setShortcut(QKeySequence(QStringLiteral("Ctrl+E")));
    m_sendSamples->setToolTip(tr("Send the scenario's saved sample events, in order (Ctrl+E)"));
    connect(m_sendSamples, &QAction::triggered, this, &ClockControls::sendSamplesRequested);

    addSeparator();
    m_clock = new QLabel(this);
    m_clock->setObjectName(QStringLiteral("simClock"));
    m_clock->setMinimumWidth(260);
    addWidget(m_clock);
    m_fps = new QLabel(this);
    m_fps->setMinimumWidth(70);
    addWidget(m_fps);

    connect(m_session, &EngineSession::clockChanged, this, &ClockControls::refresh);
    connect(m_session, &EngineSession::frame, this, [this](const FrameBatch &batch) {
        FrameProfile::Scope timed(m_session->profile(), FrameProfile::Controls);
        // Text at 4 Hz is plenty and keeps layout work out of most frames.
        if (batch.advanced > 0 && !frameslots::kClock.due(batch.frame))
            return;
        refresh();
    });
    refresh();
}

void ClockControls::refresh()
{
    const bool paused = m_session->isPaused();
    m_playPause->setText(paused ? tr("Play") : tr("Pause"));
    m_playPause->setIcon(style()->standardIcon(paused ? QStyle::SP_MediaPlay
                                                      : QStyle::SP_MediaPause));
    const int index = static_cast<int>(speeds().indexOf(m_session->speed()));
    if (index >= 0 && index != m_speed->currentIndex()) {
        QSignalBlocker block(m_speed);
        m_speed->setCurrentIndex(index);
    }
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(toMillis(m_session->engine().now()),
                                                       Qt::UTC);
    m_clock->setText(QStringLiteral("  sim %1 UTC%2")
                         .arg(t.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")),
                              paused ? tr("  (paused)") : QString()));
    const double fps = m_frames->recentFps();
    m_fps->setText(fps > 0 ? QStringLiteral("  %1 fps").arg(fps, 0, 'f', 0) : QString());
}

} // namespace ef::ui
