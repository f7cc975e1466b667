#pragma once

// Presentation mode for projectors: larger fonts everywhere, the canvas (any
// QGraphicsView in the window) zoomed so nodes and labels read from the back
// of the room, and a high-contrast palette. Toggling back restores exactly
// what was there.

#include <QFont>
#include <QObject>
#include <QPalette>
#include <QPointer>

#include <functional>

class QWidget;

namespace ef::ui {

class PresentationMode : public QObject
{
    Q_OBJECT
public:
    static constexpr double kFontScale = 1.3;
    static constexpr double kCanvasScale = 1.35;

    explicit PresentationMode(QWidget *window, QObject *parent = nullptr);

    bool isEnabled() const { return m_enabled; }

    // How the canvas grows its nodes and tokens; without one, every
    // QGraphicsView in the window is zoomed instead.
    void setCanvasScaler(std::function<void(bool enabled)> scaler)
    {
        m_canvasScaler = std::move(scaler);
    }
    void setEnabled(bool enabled);
    void toggle() { setEnabled(!m_enabled); }

signals:
    void toggled(bool enabled);

private:
    void scaleViews(double factor);

    QPointer<QWidget> m_window;
    bool m_enabled = false;
    QFont m_savedFont;
    QPalette m_savedPalette;
    QString m_savedStyleSheet;
    std::function<void(bool)> m_canvasScaler;
};

} // namespace ef::ui
