#include "core/bus/LogStore.h"

#include "core/bus/Random.h"

#include <algorithm>
#include <bit>
#include <tuple>

namespace ef::bus {

namespace {

QString streamName(SimTime created, std::uint64_t seed, std::uint32_t slot)
{
    const std::string iso = isoSeconds(created);  // YYYY-MM-DDT...
    const QString date = QString::fromLatin1(iso.substr(0, 10).c_str()).replace(QLatin1Char('-'),
                                                                                 QLatin1Char('/'));
    const std::uint64_t a = mix64(seed ^ (std::uint64_t(slot) << 32));
    const std::uint64_t b = mix64(a);
    return date + QStringLiteral("/[$LATEST]")
           + QStringLiteral("%1%2").arg(a, 16, 16, QLatin1Char('0')).arg(b, 16, 16, QLatin1Char('0'));
}

struct Position
{
    std::uint64_t record = 0;
    int line = 0;
    bool operator<(const Position &o) const
    {
        return std::tie(record, line) < std::tie(o.record, o.line);
    }
};

bool parseToken(const QString &token, QChar kind, Position &pos)
{
    const QStringList parts = token.split(QLatin1Char('/'));
    if (parts.size() != 3 || parts[0].size() != 1 || parts[0][0] != kind)
        return false;
    bool ok1 = false, ok2 = false;
    pos.record = parts[1].toULongLong(&ok1);
    pos.line = parts[2].toInt(&ok2);
    return ok1 && ok2;
}

QString token(QChar kind, const Position &pos)
{
    return QStringLiteral("%1/%2/%3").arg(kind).arg(pos.record).arg(pos.line);
}

} // namespace

std::uint32_t LogGroup::addStreams(std::uint32_t slot, SimTime now, std::uint64_t nameSeed)
{
    while (m_slotStream.size() <= slot) {
        const auto s = static_cast<std::uint32_t>(m_slotStream.size());
        m_streams.push_back({streamName(now, nameSeed, s), now});
        m_slotStream.push_back(static_cast<std::uint32_t>(m_streams.size() - 1));
    }
    return m_slotStream[slot];
}

void LogGroup::clear()
{
    m_streams.clear();
    m_slotStream.clear();
}

LogStore::LogStore(std::size_t capacity, QString region, QString account)
    : m_capacity(std::bit_ceil(std::max<std::size_t>(capacity, 1))), m_region(std::move(region)),
      m_account(std::move(account))
{
}

void LogStore::setAccount(QString region, QString account)
{
    m_region = std::move(region);
    m_account = std::move(account);
}

void LogStore::setLastPayload(std::string text)
{
    if (m_next == 0)
        return;
    m_ring[(m_next - 1) & (m_capacity - 1)].hasPayload = true;
    m_payloads[m_next - 1] = std::move(text);
}

LogGroup *LogStore::group(const QString &name, SimTime now)
{
    auto it = m_groups.find(name);
    if (it != m_groups.end())
        return it->second.get();
    auto g = std::make_unique<LogGroup>(name, now, static_cast<std::uint32_t>(m_byIndex.size()));
    LogGroup *raw = g.get();
    m_groups.emplace(name, std::move(g));
    m_byIndex.push_back(raw);
    m_recordCounts.push_back(0);
    return raw;
}

const LogGroup *LogStore::find(const QString &name) const
{
    auto it = m_groups.find(name);
    return it == m_groups.end() ? nullptr : it->second.get();
}

ServiceError LogStore::missingGroup() const
{
    return ServiceError::notFound(QStringLiteral("The specified log group does not exist."));
}

Result<DescribeLogGroupsResponse>
LogStore::describeGroups(const DescribeLogGroupsRequest &r) const
{
    if (r.limit < 0 || r.limit > 50)
        return ServiceError{QStringLiteral("InvalidParameterException"),
                            QStringLiteral("1 validation error detected: Value '%1' at 'limit' "
                                           "failed to satisfy constraint: Member must have value "
                                           "less than or equal to 50")
                                .arg(r.limit)};
    const int limit = r.limit > 0 ? r.limit : 50;
    DescribeLogGroupsResponse out;
    bool started = r.nextToken.isEmpty();
    for (const auto &[name, g] : m_groups) {
        if (!name.startsWith(r.logGroupNamePrefix))
            continue;
        if (!started) {
            started = name > r.nextToken;
            if (!started)
                continue;
        }
        if (static_cast<int>(out.logGroups.size()) == limit) {
            out.nextToken = out.logGroups.back().logGroupName;
            break;
        }
        LogGroupInfo info;
        info.logGroupName = name;
        info.arn = QStringLiteral("arn:aws:logs:%1:%2:log-group:%3:*")
                       .arg(m_region, m_account, name);
        info.creationTime = g->created();
        info.storedBytes = static_cast<qint64>(m_recordCounts[g->index()] * 180);
        out.logGroups.push_back(info);
    }
    return out;
}

Result<DescribeLogStreamsResponse>
LogStore::describeStreams(const DescribeLogStreamsRequest &r) const
{
    const LogGroup *g = find(r.logGroupName);
    if (!g)
        return missingGroup();
    if (r.orderByLastEventTime && !r.logStreamNamePrefix.isEmpty())
        return ServiceError{QStringLiteral("InvalidParameterException"),
                            QStringLiteral("Cannot order by LastEventTime with a "
                                           "logStreamNamePrefix.")};
    // First and last event times come from the records still kept.
    std::vector<std::pair<SimTime, SimTime>> span(g->streams().size(), {0, 0});
    forEach(*g, [&](std::uint64_t, const LogRecord &rec) {
        auto &[first, last] = span[rec.stream];
        if (first == 0 || rec.start < first)
            first = rec.start;
        last = std::max(last, rec.end());
    });
    std::vector<LogStreamInfo> all;
    for (std::size_t i = 0; i < g->streams().size(); ++i) {
        const LogGroup::Stream &s = g->streams()[i];
        if (!s.name.startsWith(r.logStreamNamePrefix))
            continue;
        all.push_back({s.name, s.created, span[i].first, span[i].second, span[i].second});
    }
    std::sort(all.begin(), all.end(), [&](const LogStreamInfo &a, const LogStreamInfo &b) {
        if (r.orderByLastEventTime && a.lastEventTimestamp != b.lastEventTimestamp)
            return a.lastEventTimestamp < b.lastEventTimestamp;
        return a.logStreamName < b.logStreamName;
    });
    if (r.descending)
        std::reverse(all.begin(), all.end());
    const int limit = r.limit > 0 ? std::min(r.limit, 50) : 50;
    const int offset = r.nextToken.toInt();
    DescribeLogStreamsResponse out;
    for (int i = offset; i < static_cast<int>(all.size()); ++i) {
        if (static_cast<int>(out.logStreams.size()) == limit) {
            out.nextToken = QString::number(i);
            break;
        }
        out.logStreams.push_back(all[static_cast<std::size_t>(i)]);
    }
    return out;
}

std::vector<LogStore::Line> LogStore::expand(const LogGroup &g, int stream) const
{
    std::vector<Line> out;
    std::vector<std::pair<SimTime, QString>> lines;
    forEach(g, [&](std::uint64_t seq, const LogRecord &rec) {
        if (stream >= 0 && rec.stream != static_cast<std::uint32_t>(stream))
            return;
        lines.clear();
        const std::string *payload = nullptr;
        if (rec.hasPayload) {
            auto it = m_payloads.find(seq);
            payload = it == m_payloads.end() ? nullptr : &it->second;
        }
        if (m_render)
            m_render(g, rec, payload, lines);
        int index = 0;
        for (auto &[t, text] : lines)
            out.push_back({t, std::move(text), rec.stream, seq, rec.requestSeq, index++});
    });
    // By time; lines at the same time in the order the invocations started.
    std::stable_sort(out.begin(), out.end(), [](const Line &a, const Line &b) {
        return std::tie(a.time, a.requestSeq) < std::tie(b.time, b.requestSeq);
    });
    return out;
}

Result<GetLogEventsResponse> LogStore::getEvents(const GetLogEventsRequest &r) const
{
    const LogGroup *g = find(r.logGroupName);
    if (!g)
        return missingGroup();
    int stream = -1;
    for (std::size_t i = 0; i < g->streams().size(); ++i) {
        if (g->streams()[i].name == r.logStreamName)
            stream = static_cast<int>(i);
    }
    if (stream < 0)
        return ServiceError::notFound(QStringLiteral("The specified log stream does not exist."));
    std::vector<Line> lines = expand(*g, stream);
    std::erase_if(lines, [&](const Line &l) {
        return (r.startTime && l.time < *r.startTime) || (r.endTime && l.time >= *r.endTime);
    });
    const std::size_t limit = r.limit > 0 ? static_cast<std::size_t>(std::min(r.limit, 10000))
                                          : 10000;
    std::size_t begin = 0, end = lines.size();
    Position pos;
    if (parseToken(r.nextToken, QLatin1Char('f'), pos)) {
        while (begin < lines.size() && !(pos < Position{lines[begin].recordSeq, lines[begin].index}))
            ++begin;
        end = std::min(lines.size(), begin + limit);
    } else if (parseToken(r.nextToken, QLatin1Char('b'), pos)) {
        while (end > 0 && !(Position{lines[end - 1].recordSeq, lines[end - 1].index} < pos))
            --end;
        begin = end > limit ? end - limit : 0;
    } else if (!r.nextToken.isEmpty()) {
        return ServiceError{QStringLiteral("InvalidParameterException"),
                            QStringLiteral("The specified nextToken is invalid.")};
    } else if (r.startFromHead) {
        end = std::min(lines.size(), limit);
    } else {
        begin = lines.size() > limit ? lines.size() - limit : 0;
    }
    GetLogEventsResponse out;
    for (std::size_t i = begin; i < end; ++i)
        out.events.push_back({lines[i].time, lines[i].message, lines[i].time});
    if (begin < end) {
        out.nextForwardToken = token(QLatin1Char('f'),
                                     {lines[end - 1].recordSeq, lines[end - 1].index});
        out.nextBackwardToken = token(QLatin1Char('b'), {lines[begin].recordSeq, lines[begin].index});
    } else {
        // Nothing (more): the service hands back tokens that stay put.
        out.nextForwardToken = r.nextToken.startsWith(QLatin1Char('f'))
                                   ? r.nextToken
                                   : token(QLatin1Char('f'), pos);
        out.nextBackwardToken = r.nextToken.startsWith(QLatin1Char('b'))
                                    ? r.nextToken
                                    : token(QLatin1Char('b'), pos);
    }
    return out;
}

Result<FilterLogEventsResponse> LogStore::filterEvents(const FilterLogEventsRequest &r) const
{
    const LogGroup *g = find(r.logGroupName);
    if (!g)
        return missingGroup();
    auto filter = LogFilter::parse(r.filterPattern);
    if (!filter)
        return filter.error();
    std::vector<Line> lines = expand(*g, -1);
    const std::size_t limit = r.limit > 0 ? static_cast<std::size_t>(std::min(r.limit, 10000))
                                          : 10000;
    bool ok = true;
    const std::size_t skip = r.nextToken.isEmpty() ? 0 : r.nextToken.toULongLong(&ok);
    if (!ok)
        return ServiceError{QStringLiteral("InvalidParameterException"),
                            QStringLiteral("The specified nextToken is invalid.")};
    FilterLogEventsResponse out;
    std::size_t seen = 0;
    for (const Line &l : lines) {
        const QString &stream = g->streams()[l.stream].name;
        if (!r.logStreamNames.isEmpty() && !r.logStreamNames.contains(stream))
            continue;
        if ((r.startTime && l.time < *r.startTime) || (r.endTime && l.time >= *r.endTime))
            continue;
        if (!filter.value().matches(l.message))
            continue;
        if (seen++ < skip)
            continue;
        if (out.events.size() == limit) {
            out.nextToken = QString::number(skip + limit);
            break;
        }
        out.events.push_back({stream, l.time, l.message, l.time,
                              QStringLiteral("%1%2").arg(l.recordSeq, 12, 10, QLatin1Char('0'))
                                  .arg(l.index, 4, 10, QLatin1Char('0'))});
    }
    return out;
}

std::uint64_t LogStore::tail(const QString &group, std::uint64_t from, std::size_t maxRecords,
                            std::vector<std::pair<SimTime, QString>> &lines) const
{
    const LogGroup *g = find(group);
    if (!g)
        return from;
    // Only the records since the last call are visited, only those shown rendered.
    std::vector<std::uint64_t> fresh;
    const std::uint64_t oldest = m_next - m_ring.size();
    for (std::uint64_t seq = std::max(from, oldest); seq < m_next; ++seq) {
        if (m_ring[seq % m_capacity].group == g->index())
            fresh.push_back(seq);
    }
    if (fresh.size() > maxRecords)
        fresh.erase(fresh.begin(), fresh.end() - static_cast<std::ptrdiff_t>(maxRecords));
    if (m_render) {
        for (const std::uint64_t seq : fresh) {
            const LogRecord &r = m_ring[seq % m_capacity];
            const std::string *payload = nullptr;
            if (r.hasPayload) {
                auto it = m_payloads.find(seq);
                payload = it == m_payloads.end() ? nullptr : &it->second;
            }
            m_render(*g, r, payload, lines);
        }
    }
    return m_next;
}

void LogStore::clear()
{
    m_ring.clear();
    m_payloads.clear();
    m_next = 0;
    m_groups.clear();
    m_byIndex.clear();
    m_recordCounts.clear();
}

Result<LogFilter> LogFilter::parse(const QString &pattern)
{
    LogFilter f;
    const QString p = pattern.trimmed();
    if (p.startsWith(QLatin1Char('{')) || p.startsWith(QLatin1Char('[')))
        return ServiceError{QStringLiteral("InvalidParameterException"),
                            QStringLiteral("Invalid filter pattern: JSON and space-delimited "
                                           "filter patterns are not supported here; use "
                                           "terms and \"quoted phrases\".")};
    int i = 0;
    while (i < p.size()) {
        if (p[i].isSpace()) {
            ++i;
            continue;
        }
        QChar sign;
        if (p[i] == QLatin1Char('-') || p[i] == QLatin1Char('?'))
            sign = p[i++];
        QString term;
        if (i < p.size() && p[i] == QLatin1Char('"')) {
            const int close = p.indexOf(QLatin1Char('"'), i + 1);
            if (close < 0)
                return ServiceError{QStringLiteral("InvalidParameterException"),
                                    QStringLiteral("Invalid filter pattern: unterminated "
                                                   "quoted phrase.")};
            term = p.mid(i + 1, close - i - 1);
            i = close + 1;
        } else {
            const int start = i;
            while (i < p.size() && !p[i].isSpace())
                ++i;
            term = p.mid(start, i - start);
        }
        if (term.isEmpty())
            continue;
        if (sign == QLatin1Char('-'))
            f.m_none << term;
        else if (sign == QLatin1Char('?'))
            f.m_any << term;
        else
            f.m_all << term;
    }
    return f;
}

bool LogFilter::matches(const QString &line) const
{
    for (const QString &t : m_all) {
        if (!line.contains(t))
            return false;
    }
    for (const QString &t : m_none) {
        if (line.contains(t))
            return false;
    }
    if (m_any.isEmpty())
        return true;
    return std::any_of(m_any.begin(), m_any.end(),
                       [&](const QString &t) { return line.contains(t); });
}

} // namespace ef::bus
