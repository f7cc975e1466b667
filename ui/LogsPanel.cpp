#include "ui/LogsPanel.h"

#include "core/bus/Engine.h"
#include "ui/EngineSession.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBlock>
#include <QVBoxLayout>

namespace ef::ui {

namespace {
constexpr qint64 kPollEveryMs = 250;
// A person reads a few lines a second: beyond this many per poll (4 a
// second) the panel shows the newest and says how many it skipped.
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
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setPointSizeF(8);
    m_view->setFont(mono);
    layout->addWidget(m_view, 1);

    connect(m_group, &QComboBox::currentIndexChanged, this, &LogsPanel::refilter);
    connect(m_filter, &QLineEdit::textChanged, this, &LogsPanel::refilter);
    connect(m_view, &QPlainTextEdit::cursorPositionChanged, this, [this]() {
        const QString id = eventIdAtLine(m_view->textCursor().blockNumber());
        if (!id.isEmpty())
            emit eventRequested(id);
    });
    connect(session, &EngineSession::frame, this, &LogsPanel::onFrame);
    connect(session, &EngineSession::cleared, this, [this]() {
        m_lines.clear();
        m_shown.clear();
        m_lastRecord.clear();
        m_view->clear();
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

void LogsPanel::onFrame(const FrameBatch &)
{
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms - m_lastPollMs < kPollEveryMs)
        return;
    m_lastPollMs = ms;
    if (!isVisible())
        return;
    poll();
}

void LogsPanel::poll()
{
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms - m_lastGroupsMs > 1000 || m_group->count() <= 1) {
        m_lastGroupsMs = ms;
        refreshGroups();
    }
    std::vector<Line> fresh;
    for (const QString &group : groups()) {
        std::vector<OutputLogEvent> events;
        const std::uint64_t after = m_lastRecord.value(group, 0);
        const std::uint64_t last =
            m_session->engine().tailLogEvents(group, after, kRecordsPerPoll, events);
        m_lastRecord.insert(group, last);
        for (OutputLogEvent &e : events)
            fresh.push_back({e.timestamp, group, std::move(e.message)});
    }
    if (fresh.empty())
        return;
    std::stable_sort(fresh.begin(), fresh.end(),
                     [](const Line &a, const Line &b) { return a.time < b.time; });
    m_skipping = fresh.size() > kLinesPerPoll;
    if (m_skipping) {
        fresh.erase(fresh.begin(), fresh.end() - static_cast<std::ptrdiff_t>(kLinesPerPoll));
    }
    QStringList append;
    for (Line &l : fresh) {
        m_lines.push_back(std::move(l));
        if (accepts(m_lines.back())) {
            append << format(m_lines.back());
            m_shown.push_back(m_dropped + m_lines.size() - 1);
        }
    }
    while (m_lines.size() > kMaxLines) {
        m_lines.pop_front();
        ++m_dropped;
    }
    while (m_shown.size() > kMaxLines)
        m_shown.pop_front();
    if (!append.isEmpty()) {
        const int scroll = m_view->verticalScrollBar()->value();
        m_view->appendPlainText(append.join(QLatin1Char('\n')));
        if (!m_follow->isChecked())
            m_view->verticalScrollBar()->setValue(scroll);
    }
    m_count->setText(m_skipping ? tr("%1 lines (newest only: too fast to show all)")
                                      .arg(m_shown.size())
                                : tr("%1 lines").arg(m_shown.size()));
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
