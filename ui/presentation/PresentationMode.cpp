#include "ui/presentation/PresentationMode.h"

#include <QApplication>
#include <QGraphicsView>
#include <QWidget>

namespace ef::ui {

PresentationMode::PresentationMode(QWidget *window, QObject *parent)
    : QObject(parent), m_window(window)
{
}

void PresentationMode::scaleViews(double factor)
{
    if (m_canvasScaler) {
        m_canvasScaler(factor > 1.0);
        return;
    }
    if (!m_window)
        return;
    for (QGraphicsView *view : m_window->findChildren<QGraphicsView *>())
        view->scale(factor, factor);
}

void PresentationMode::setEnabled(bool enabled)
{
    if (enabled == m_enabled)
        return;
    m_enabled = enabled;
    if (enabled) {
        m_savedFont = QApplication::font();
        m_savedPalette = QApplication::palette();
        m_savedStyleSheet = qApp->styleSheet();
        QFont big = m_savedFont;
        big.setPointSizeF(m_savedFont.pointSizeF() * kFontScale);
        QApplication::setFont(big);
        // Black on white with saturated selection: what survives a washed-out
        // projector best.
        QPalette p = m_savedPalette;
        p.setColor(QPalette::Window, Qt::white);
        p.setColor(QPalette::Base, Qt::white);
        p.setColor(QPalette::AlternateBase, QColor(0xee, 0xee, 0xee));
        for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
            p.setColor(role, Qt::black);
        p.setColor(QPalette::Button, QColor(0xf2, 0xf2, 0xf2));
        p.setColor(QPalette::Highlight, QColor(0x00, 0x48, 0x8c));
        p.setColor(QPalette::HighlightedText, Qt::white);
        QApplication::setPalette(p);
        qApp->setStyleSheet(m_savedStyleSheet
                            + QStringLiteral(" QDockWidget::title { font-weight: bold; }"
                                             " QToolBar { spacing: 10px; }"));
        scaleViews(kCanvasScale);
        if (m_window)
            m_window->setProperty("presentationMode", true);
    } else {
        QApplication::setFont(m_savedFont);
        QApplication::setPalette(m_savedPalette);
        qApp->setStyleSheet(m_savedStyleSheet);
        scaleViews(1.0 / kCanvasScale);
        if (m_window)
            m_window->setProperty("presentationMode", false);
    }
    emit toggled(enabled);
}

} // namespace ef::ui
