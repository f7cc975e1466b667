#pragma once

// The inspector: what one event went through (its full envelope, which
// rules matched and which did not with the pattern engine's explanation,
// what each target received after its input transformation, and the
// delivery history with attempts, timings and outcome), or what one node is.

#include "core/bus/Trace.h"

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace ef::ui {

class EngineSession;

class InspectorPanel : public QWidget
{
    Q_OBJECT
public:
    explicit InspectorPanel(EngineSession *session, QWidget *parent = nullptr);

    void inspectEvent(const QString &eventId);
    void inspectEventSeq(EventSeq event);
    void inspectNode(const QString &key);
    void clearView();
    // Presentation mode: every text of the panel grows by `scale`.
    void setFontScale(double scale);

    QString currentNode() const { return m_node; }
    QString currentEvent() const { return m_event; }
    QString text() const;  // plain text of what is shown (tests)

private:
    QString ruleHtml(const QString &bus, const QString &rule) const;
    void render(const QString &eventId);

    bool m_pending = false;   // the event shown still has deliveries in flight

    EngineSession *m_session;
    QLabel *m_title;
    QTextBrowser *m_body;
    QString m_node;
    QString m_event;
};

} // namespace ef::ui
