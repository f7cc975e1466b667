#pragma once

#include "core/bus/ServiceError.h"
#include "core/bus/SimTime.h"
#include "core/bus/StreamingStore.h"
#include "core/bus/TelemetryTypes.h"
#include "core/bus/Trace.h"

#include <QString>
#include <QStringList>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <unordered_map>
#include <memory>
#include <string>
#include <vector>

namespace ef::bus {

// One Lambda invocation (or one producer call) as stored: 32 bytes in one
// ring shared by all log groups, written in sequence (cheap even at millions
// of invocations a second); turned into CloudWatch log lines only when
// someone reads them. The START / END / REPORT frame and the function's own
// lines come from the renderer.
struct alignas(32) LogRecord
{
    SimTime start = 0;
    EventSeq event = 0;             // the event the function was given
    std::uint32_t durationUs = 0;
    std::uint32_t requestSeq = 0;
    std::uint32_t group = 0;        // index of its LogGroup
    std::uint16_t stream = 0;
    bool failed = false;
    // The function got something else than the event's envelope (an Input*
    // setting, or a producer's request): LogStore::payload() has the text.
    bool hasPayload = false;

    SimTime end() const { return start + durationUs; }
};

static_assert(sizeof(LogRecord) == 32 && offsetof(LogRecord, event) == 8
              && offsetof(LogRecord, durationUs) == 16 && offsetof(LogRecord, requestSeq) == 20
              && offsetof(LogRecord, group) == 24 && offsetof(LogRecord, stream) == 28
              && offsetof(LogRecord, failed) == 30 && offsetof(LogRecord, hasPayload) == 31);

class LogGroup;
// Appends the log lines of one record, each with its timestamp.
using LogRenderer =
    std::function<void(const LogGroup &group, const LogRecord &record, const std::string *payload,
                       std::vector<std::pair<SimTime, QString>> &lines)>;

class LogGroup
{
public:
    struct Stream
    {
        QString name;
        SimTime created = 0;
    };

    LogGroup(QString name, SimTime created, std::uint32_t index)
        : m_name(std::move(name)), m_created(created), m_index(index)
    {
    }

    // The stream of execution environment `slot` (created on first use).
    std::uint32_t streamFor(std::uint32_t slot, SimTime now, std::uint64_t nameSeed)
    {
        if (slot < m_slotStream.size())
            return m_slotStream[slot];
        return addStreams(slot, now, nameSeed);
    }

    const QString &name() const { return m_name; }
    std::uint32_t index() const { return m_index; }
    SimTime created() const { return m_created; }
    const std::vector<Stream> &streams() const { return m_streams; }
    void clear();

private:
    std::uint32_t addStreams(std::uint32_t slot, SimTime now, std::uint64_t nameSeed);

    QString m_name;
    SimTime m_created;
    std::uint32_t m_index;
    std::vector<Stream> m_streams;
    std::vector<std::uint32_t> m_slotStream;  // execution environment -> stream
};

class LogStore
{
public:
    // Keeps the last `capacity` invocations of all groups together (rounded
    // up to a power of two).
    LogStore(std::size_t capacity, QString region, QString account);

    LogGroup *group(const QString &name, SimTime now);  // find or create
    const LogGroup *find(const QString &name) const;
    void setRenderer(LogRenderer renderer) { m_render = std::move(renderer); }
    void setAccount(QString region, QString account);

    // Appends `record` for `group` (the oldest record goes once the ring is full).
    void append(LogGroup &group, const LogRecord &record) { append(group.index(), record); }
    // The same by the group's index. Inline: one per Lambda invocation, on
    // the delivery path (the counts are a dense array for the same reason).
    [[gnu::always_inline]] void append(std::uint32_t group, const LogRecord &appended)
    {
        const std::uint64_t seq = m_next++;
        LogRecord record = appended;
        record.group = group;
        ++m_recordCounts[group];
        if (m_ring.size() < m_capacity) {
            m_ring.push_back(record);
            return;
        }
        if (!m_payloads.empty())
            m_payloads.erase(seq - m_capacity);  // its text goes with it
        auto *to = reinterpret_cast<std::uint64_t *>(&m_ring[seq & (m_capacity - 1)]);
        streamWord(to, static_cast<std::uint64_t>(record.start));
        streamWord(to + 1, record.event);
        streamWord(to + 2, record.durationUs | std::uint64_t(record.requestSeq) << 32);
        streamWord(to + 3, record.group | std::uint64_t(record.stream) << 32
                               | std::uint64_t(record.failed) << 48
                               | std::uint64_t(record.hasPayload) << 56);
    }
    // Attaches the text the function got to the record appended last.
    void setLastPayload(std::string text);

    Result<DescribeLogGroupsResponse> describeGroups(const DescribeLogGroupsRequest &r) const;
    Result<DescribeLogStreamsResponse> describeStreams(const DescribeLogStreamsRequest &r) const;
    Result<GetLogEventsResponse> getEvents(const GetLogEventsRequest &r) const;
    Result<FilterLogEventsResponse> filterEvents(const FilterLogEventsRequest &r) const;
    // For live views: the lines of `group`'s records numbered `from` or later
    // (at most the newest `maxRecords` of them); returns where to continue.
    std::uint64_t tail(const QString &group, std::uint64_t from, std::size_t maxRecords,
                       std::vector<std::pair<SimTime, QString>> &lines) const;
    void clear();

private:
    struct Line
    {
        SimTime time;
        QString message;
        std::uint32_t stream;
        std::uint64_t recordSeq;
        std::uint32_t requestSeq;
        int index;
    };
    // Calls f(seq, record) for the kept records of one group, oldest first.
    template <typename F>
    void forEach(const LogGroup &g, F &&f) const
    {
        const std::uint64_t first = m_next - m_ring.size();
        for (std::uint64_t seq = first; seq < m_next; ++seq) {
            const LogRecord &r = m_ring[seq & (m_capacity - 1)];
            if (r.group == g.index())
                f(seq, r);
        }
    }
    std::vector<Line> expand(const LogGroup &g, int stream) const;
    ServiceError missingGroup() const;

    std::size_t m_capacity;
    QString m_region, m_account;
    std::vector<LogRecord> m_ring;
    std::uint64_t m_next = 0;
    std::unordered_map<std::uint64_t, std::string> m_payloads;  // by record seq
    std::map<QString, std::unique_ptr<LogGroup>> m_groups;
    std::vector<LogGroup *> m_byIndex;
    std::vector<std::uint64_t> m_recordCounts;  // invocations ever logged, by group index
    LogRenderer m_render;
};

// CloudWatch Logs filter pattern (terms, "quoted phrases", -excluded terms;
// `?term` alternatives). An empty pattern matches everything.
class LogFilter
{
public:
    static Result<LogFilter> parse(const QString &pattern);
    bool matches(const QString &line) const;

private:
    QStringList m_all, m_none, m_any;
};

} // namespace ef::bus
