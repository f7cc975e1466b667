#pragma once

// CloudWatch Logs as the lab shows them: every function's log group
// (/aws/lambda/<name>) with START / END / REPORT and the function's own
// lines, filtered by consumer and text, following new lines, bounded in
// memory. Clicking a line opens its event in the inspector.

#include "core/bus/SimTime.h"

#include <QHash>
#include <QWidget>

#include <deque>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace ef::ui {

class EngineSession;
struct FrameBatch;

class LogsPanel : public QWidget
{
    Q_OBJECT
public:
    // Lines kept and shown. Each costs ~1.5 KB (the view's text block and
    // layout, the line itself); 5,000 made the window grow for 15 s under
    // load. The engine keeps far more (the endpoint's GetLogEvents reads them).
    static constexpr std::size_t kMaxLines = 2000;

    explicit LogsPanel(EngineSession *session, QWidget *parent = nullptr);

    void poll();          // reads new lines now
    void setGroupFilter(const QString &logGroupName);  // empty: all
    void setTextFilter(const QString &text);
    QStringList visibleLines() const;
    QStringList groups() const;
    // The event id a shown line belongs to (as the inspector opens it), or empty.
    QString eventIdAtLine(int line) const;
    // Presentation mode: the log text grows by `scale`.
    void setFontScale(double scale);
    QSize sizeHint() const override { return QSize(440, 290); }

signals:
    void eventRequested(const QString &eventId);
    void groupRequested(const QString &functionName);

private:
    struct Line
    {
        SimTime time;
        QString group;
        QString text;
    };
    void onFrame(const FrameBatch &batch);
    // Reads a group's new records (its newest `maxRecords`) into m_pending.
    void fetch(const QString &group, std::size_t maxRecords);
    // Shows up to `maxLines` pending lines, oldest first.
    void release(std::size_t maxLines);
    void refilter();
    bool accepts(const Line &line) const;
    QString format(const Line &line) const;
    void refreshGroups();

    EngineSession *m_session;
    QComboBox *m_group;
    QLineEdit *m_filter;
    QCheckBox *m_follow;
    QLabel *m_count;
    QPlainTextEdit *m_view;
    std::deque<Line> m_lines;
    std::vector<Line> m_pending;                // read, not shown yet
    QHash<QString, SimTime> m_readUpTo;         // group -> engine time of its last read
    int m_nextGroup = 0;
    std::uint64_t m_positionAtLastLook = 0;  // reading had reached here at refreshGroups()
    bool m_updatingView = false;  // the view's text changes by program, not by the user
    qint64 m_skippedAtMs = -1000000;
    std::deque<std::uint64_t> m_shown;  // line numbers (m_dropped + index) shown
    std::uint64_t m_dropped = 0;
    QHash<QString, std::uint64_t> m_lastRecord;
};

} // namespace ef::ui
