#include "ui/LogsPanel.h"

#include "core/bus/Engine.h"
#include "ui/EngineSession.h"
#include "ui/FrameSlots.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

#include <algorithm>
#include <limits>

namespace ef::ui {

namespace {
// A person reads a few lines a second: beyond about 190 lines a second (12
// per log frame, 16 log frames a second) the panel shows the newest
// invocations of each group and says it skips. Bigger chunks made every log
// frame a late one (each append repaints the view: ~1.3 ms for 40 lines).
constexpr std::size_t kRecordsPerFetch = 2;
constexpr std::size_t kLinesPerChunk = 12;
constexpr std::size_t kMaxPending = 200;
// poll() (now, all groups): tests and --screenshot.
constexpr std::size_t kRecordsPerPoll = 25;
constexpr std::size_t kLinesPerPoll = 300;

QString eventIdIn(const QString &text)
{
    static const QRegularExpression id(
        QStringLiteral("\"id\"\\s*:\\s*\"([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-"
                       "[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\""));
    const auto m = id.match(text);
    return m.hasMatch() ? m.captured(1) : QString();
}
} // namespace

LogsPanel::LogsPanel(EngineSession *session, QWidget *parent)
    : QWidget(parent), m_session(session)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    m_group = new QComboBox(this);
    m_group->setObjectName(QStringLiteral("logGroup"));
    m_group->addItem(tr("All log groups"), QString());
    m_group->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_group->setMinimumContentsLength(16);
    row->addWidget(m_group);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("logFilter"));
    m_filter->setPlaceholderText(tr("filter text, e.g. LOW STOCK"));
    m_filter->setClearButtonEnabled(true);
    row->addWidget(m_filter, 1);
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setChecked(true);
    row->addWidget(m_follow);
    m_count = new QLabel(this);
    row->addWidget(m_count);
    layout->addLayout(row);
    m_view = new QPlainTextEdit(this);
    m_view->setObjectName(QStringLiteral("logView"));
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setMaximumBlockCount(static_cast<int>(kMaxLines));
    setFontScale(1.0);
    layout->addWidget(m_view, 1);

    connect(m_group, &QComboBox::currentIndexChanged, this, &LogsPanel::refilter);
    connect(m_filter, &QLineEdit::textChanged, this, &LogsPanel::refilter);
    connect(m_view, &QPlainTextEdit::cursorPositionChanged, this, [this]() {
        // Only the user's moves: once the view is full, every append drops
        // lines at the top and so moves the cursor, which must not send the
        // inspector off to render an event each time.
        if (m_updatingView)
            return;
        const QString id = eventIdAtLine(m_view->textCursor().blockNumber());
        if (!id.isEmpty())
            emit eventRequested(id);
    });
    connect(session, &EngineSession::frame, this, &LogsPanel::onFrame);
    connect(session, &EngineSession::cleared, this, [this]() {
        m_lines.clear();
        m_pending.clear();
        m_readUpTo.clear();
        m_shown.clear();
        m_lastRecord.clear();
        m_positionAtLastLook = 0;
        {
            const QScopedValueRollback guard(m_updatingView, true);
            m_view->clear();
        }
        refreshGroups();
    });
}

QStringList LogsPanel::groups() const
{
    QStringList out;
    for (int i = 1; i < m_group->count(); ++i)
        out << m_group->itemData(i).toString();
    return out;
}

void LogsPanel::refreshGroups()
{
    DescribeLogGroupsRequest request;
    QStringList names;
    for (;;) {
        const auto page = m_session->engine().describeLogGroups(request);
        if (!page)
            break;
        for (const LogGroupInfo &g : page.value().logGroups)
            names << g.logGroupName;
        if (page.value().nextToken.isEmpty())
            break;
        request.nextToken = page.value().nextToken;
    }
    // Record positions are shared by all groups. A group that was not there
    // at the previous look has no record before where reading stood then: it
    // is read from there, not from the start (which walks every record kept,
    // ~10 ms under load).
    std::uint64_t reached = m_positionAtLastLook;
    for (const std::uint64_t p : std::as_const(m_lastRecord))
        reached = std::max(reached, p);
    for (const QString &n : names) {
        if (!m_lastRecord.contains(n))
            m_lastRecord.insert(n, m_positionAtLastLook);
    }
    m_positionAtLastLook = reached;
    if (names == groups())
        return;
    const QString current = m_group->currentData().toString();
    QSignalBlocker block(m_group);
    while (m_group->count() > 1)
        m_group->removeItem(1);
    for (const QString &n : names)
        m_group->addItem(n, n);
    const int keep = m_group->findData(current);
    m_group->setCurrentIndex(keep < 0 ? 0 : keep);
}

void LogsPanel::onFrame(const FrameBatch &batch)
{
    FrameProfile::Scope timed(m_session->profile(), FrameProfile::Logs);
    if (!isVisible())
        return;
    if (frameslots::kLogGroups.due(batch.frame) || m_group->count() <= 1)
        refreshGroups();
    // One log group per frame: reading them all at once costs several
    // milliseconds under load (each read walks every record since the last),
    // and a frame that takes them all is a late frame.
    const QStringList all = groups();
    if (!all.isEmpty()) {
        m_nextGroup = m_nextGroup % all.size();
        fetch(all[m_nextGroup++], kRecordsPerFetch);
    }
    // Every new text repaints the view and its scroll bars (a few ms): in
    // bounded chunks, in frames of their own.
    if (frameslots::kLogLines.due(batch.frame))
        release(kLinesPerChunk);
}

void LogsPanel::poll()
{
    refreshGroups();
    for (const QString &group : groups())
        fetch(group, kRecordsPerPoll);
    // All of it now, the newest if there is too much.
    if (m_pending.size() > kLinesPerPoll) {
        std::stable_sort(m_pending.begin(), m_pending.end(),
                         [](const Line &a, const Line &b) { return a.time < b.time; });
        m_pending.erase(m_pending.begin(),
                        m_pending.end() - static_cast<std::ptrdiff_t>(kLinesPerPoll));
        m_skippedAtMs = QDateTime::currentMSecsSinceEpoch();
    }
    release(kLinesPerPoll);
}

void LogsPanel::fetch(const QString &group, std::size_t maxRecords)
{
    std::vector<OutputLogEvent> events;
    const std::uint64_t after = m_lastRecord.value(group, 0);
    const std::uint64_t last =
        m_session->engine().tailLogEvents(group, after, maxRecords, events);
    m_lastRecord.insert(group, last);
    m_readUpTo.insert(group, m_session->engine().now());
    std::size_t starts = 0;
    for (OutputLogEvent &e : events) {
        starts += e.message.startsWith(QLatin1String("START "));
        m_pending.push_back({e.timestamp, group, std::move(e.message)});
    }
    // The tail gave the newest records only: older ones were passed over.
    if (starts >= maxRecords)
        m_skippedAtMs = QDateTime::currentMSecsSinceEpoch();
}

void LogsPanel::release(std::size_t maxLines)
{
    if (m_pending.empty())
        return;
    // Lines go out in time order once every group has been read past them.
    SimTime upTo = std::numeric_limits<SimTime>::max();
    for (const QString &group : groups())
        upTo = std::min(upTo, m_readUpTo.value(group, 0));
    std::stable_sort(m_pending.begin(), m_pending.end(),
                     [](const Line &a, const Line &b) { return a.time < b.time; });
    if (m_pending.size() > kMaxPending) {
        m_pending.erase(m_pending.begin(),
                        m_pending.end() - static_cast<std::ptrdiff_t>(kMaxPending));
        m_skippedAtMs = QDateTime::currentMSecsSinceEpoch();
    }
    std::size_t n = 0;
    while (n < m_pending.size() && n < maxLines && m_pending[n].time <= upTo)
        ++n;
    if (n == 0)
        return;
    QStringList append;
    for (std::size_t i = 0; i < n; ++i) {
        m_lines.push_back(std::move(m_pending[i]));
        if (accepts(m_lines.back())) {
            append << format(m_lines.back());
            m_shown.push_back(m_dropped + m_lines.size() - 1);
        }
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(n));
    while (m_lines.size() > kMaxLines) {
        m_lines.pop_front();
        ++m_dropped;
    }
    while (m_shown.size() > kMaxLines)
        m_shown.pop_front();
    if (!append.isEmpty()) {
        const QScopedValueRollback guard(m_updatingView, true);
        const int scroll = m_view->verticalScrollBar()->value();
        m_view->appendPlainText(append.join(QLatin1Char('\n')));
        if (!m_follow->isChecked())
            m_view->verticalScrollBar()->setValue(scroll);
    }
    const bool skipping = QDateTime::currentMSecsSinceEpoch() - m_skippedAtMs < 2000;
    const QString count = skipping ? tr("%1 lines (newest only: too fast to show all)")
                                         .arg(m_shown.size())
                                   : tr("%1 lines").arg(m_shown.size());
    // A label's new text relayouts its row: only when it reads differently.
    if (count != m_count->text())
        m_count->setText(count);
}

bool LogsPanel::accepts(const Line &line) const
{
    const QString group = m_group->currentData().toString();
    if (!group.isEmpty() && line.group != group)
        return false;
    const QString text = m_filter->text();
    return text.isEmpty() || line.text.contains(text, Qt::CaseInsensitive);
}

QString LogsPanel::format(const Line &line) const
{
    const QString time = QDateTime::fromMSecsSinceEpoch(toMillis(line.time), Qt::UTC)
                             .toString(QStringLiteral("HH:mm:ss.zzz"));
    const QString who = line.group.section(QLatin1Char('/'), -1);
    QString text = line.text;
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    if (text.endsWith(QLatin1Char(' ')))
        text.chop(1);
    return time + QStringLiteral("  ") + who + QStringLiteral("  ") + text;
}

void LogsPanel::refilter()
{
    const QScopedValueRollback guard(m_updatingView, true);
    m_view->clear();
    m_shown.clear();
    QStringList lines;
    for (std::size_t i = 0; i < m_lines.size(); ++i) {
        if (accepts(m_lines[i])) {
            lines << format(m_lines[i]);
            m_shown.push_back(m_dropped + i);
        }
    }
    while (m_shown.size() > kMaxLines) {
        m_shown.pop_front();
        lines.removeFirst();
    }
    if (!lines.isEmpty())
        m_view->setPlainText(lines.join(QLatin1Char('\n')));
    m_count->setText(tr("%1 lines").arg(m_shown.size()));
}

void LogsPanel::setGroupFilter(const QString &logGroupName)
{
    refreshGroups();
    const int i = m_group->findData(logGroupName);
    m_group->setCurrentIndex(i < 0 ? 0 : i);
}

void LogsPanel::setFontScale(double scale)
{
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setPointSizeF(8 * scale);
    m_view->setFont(mono);
}

void LogsPanel::setTextFilter(const QString &text) { m_filter->setText(text); }

QStringList LogsPanel::visibleLines() const
{
    QStringList out;
    for (QTextBlock b = m_view->document()->begin(); b.isValid(); b = b.next()) {
        if (!b.text().isEmpty())
            out << b.text();
    }
    return out;
}

QString LogsPanel::eventIdAtLine(int line) const
{
    // Lines shown and blocks correspond one to one (both bounded alike).
    const int blocks = m_view->document()->blockCount();
    const int offset = static_cast<int>(m_shown.size()) - blocks;
    const int at = line + std::max(0, offset);
    if (at < 0 || at >= static_cast<int>(m_shown.size()))
        return {};
    const std::int64_t index = static_cast<std::int64_t>(m_shown[at]) - static_cast<std::int64_t>(m_dropped);
    if (index < 0)
        return {};
    // The line itself, else the invocation's earlier lines (functions print the
    // event they received near their START line).
    const QString group = m_lines[index].group;
    for (std::int64_t i = index; i >= 0 && i > index - 40; --i) {
        if (m_lines[i].group != group)
            continue;
        const QString id = eventIdIn(m_lines[i].text);
        if (!id.isEmpty())
            return id;
        if (m_lines[i].text.startsWith(QLatin1String("START")))
            break;
    }
    for (std::int64_t i = index + 1; i < static_cast<std::int64_t>(m_lines.size()) && i < index + 40; ++i) {
        if (m_lines[i].group != group)
            continue;
        if (m_lines[i].text.startsWith(QLatin1String("END")))
            break;
        const QString id = eventIdIn(m_lines[i].text);
        if (!id.isEmpty())
            return id;
    }
    return {};
}

} // namespace ef::ui
