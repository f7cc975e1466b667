#pragma once

#include "core/bus/ServiceError.h"
#include "core/bus/SimTime.h"
#include "core/bus/TelemetryTypes.h"
#include "core/bus/Trace.h"

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ef::bus {

// One Lambda invocation (or one producer call) as stored: compact, turned
// into CloudWatch log lines only when someone reads them. The START / END /
// REPORT frame and the function's own lines come from the renderer.
struct LogRecord
{
    enum class Kind : std::uint8_t { Invocation, Text };
    SimTime start = 0;
    SimTime end = 0;
    EventSeq event = 0;
    std::uint64_t seq = 0;          // per group, increasing
    std::uint32_t requestSeq = 0;
    std::uint32_t stream = 0;
    Kind kind = Kind::Invocation;
    bool failed = false;
    // Text: the lines, '\n'-separated. Invocation: the input the function got
    // when it was not the plain event envelope (an Input* setting); else empty.
    std::string payload;
};

// Appends the log lines of one record, each with its timestamp.
using LogRenderer =
    std::function<void(const QString &group, const LogRecord &record,
                       std::vector<std::pair<SimTime, QString>> &lines)>;

class LogGroup
{
public:
    struct Stream
    {
        QString name;
        SimTime created = 0;
        SimTime first = 0;
        SimTime last = 0;
    };

    LogGroup(QString name, SimTime created, std::size_t capacity);

    // Returns the slot to fill (its previous contents are overwritten);
    // seq and stream are set, the rest is the caller's.
    LogRecord &append(SimTime start, std::uint32_t stream);
    std::uint32_t streamFor(std::uint32_t slot, SimTime now, std::uint64_t nameSeed);

    const QString &name() const { return m_name; }
    SimTime created() const { return m_created; }
    const std::vector<Stream> &streams() const { return m_streams; }
    std::uint64_t storedBytes() const { return m_storedRecords * 180; }
    template <typename F>
    void forEach(F &&f) const
    {
        for (std::size_t i = 0; i < m_size; ++i)
            f(m_records[(m_first + i) % m_records.size()]);
    }
    void clear();

private:
    QString m_name;
    SimTime m_created;
    std::size_t m_capacity;
    std::vector<LogRecord> m_records;
    std::size_t m_first = 0, m_size = 0;
    std::uint64_t m_nextSeq = 1;
    std::uint64_t m_storedRecords = 0;
    std::vector<Stream> m_streams;
    std::vector<std::uint32_t> m_slotStream;  // execution environment -> stream
};

class LogStore
{
public:
    LogStore(std::size_t recordsPerGroup, QString region, QString account);

    LogGroup *group(const QString &name, SimTime now);  // find or create
    const LogGroup *find(const QString &name) const;
    void setRenderer(LogRenderer renderer) { m_render = std::move(renderer); }
    void setAccount(QString region, QString account);

    Result<DescribeLogGroupsResponse> describeGroups(const DescribeLogGroupsRequest &r) const;
    Result<DescribeLogStreamsResponse> describeStreams(const DescribeLogStreamsRequest &r) const;
    Result<GetLogEventsResponse> getEvents(const GetLogEventsRequest &r) const;
    Result<FilterLogEventsResponse> filterEvents(const FilterLogEventsRequest &r) const;
    // The lines of one group (all streams), oldest first: for the logs panel
    // and `eventflow run`.
    std::vector<std::pair<SimTime, QString>> lines(const QString &group) const;
    void clear();

private:
    struct Line
    {
        SimTime time;
        QString message;
        std::uint32_t stream;
        std::uint64_t recordSeq;
        int index;
    };
    std::vector<Line> expand(const LogGroup &g, int stream) const;
    ServiceError missingGroup() const;

    std::size_t m_capacity;
    QString m_region, m_account;
    std::map<QString, std::unique_ptr<LogGroup>> m_groups;
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
