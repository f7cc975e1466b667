#pragma once

#include "core/bus/SimTime.h"

#include <QString>

#include <bitset>
#include <optional>

namespace ef::bus {

// A rule's ScheduleExpression: `rate(5 minutes)` or the six-field
// `cron(Minutes Hours Day-of-month Month Day-of-week Year)` of EventBridge,
// in UTC. Cron syntax as the EventBridge user guide lists it: numbers, `*`,
// `?`, ranges, lists, `/` increments, month and weekday names; in
// day-of-month `L` (last day), `nW` (the weekday nearest day n, within the
// month) and `LW` (last weekday); in day-of-week `L` (the last day of the
// week, Saturday), `nL` (the month's last weekday n) and `n#k` (its k-th
// weekday n, alone in the field). Years 1970-2199.
class ScheduleExpression
{
public:
    // nullopt (with the service's message in `error`) when invalid.
    static std::optional<ScheduleExpression> parse(const QString &text, QString *error = nullptr);

    // The first firing strictly after `after`; `created` anchors rate().
    std::optional<SimTime> nextAfter(SimTime after, SimTime created) const;
    const QString &text() const { return m_text; }

private:
    enum class DayRule : std::uint8_t { List, Last, LastWeekday, NearestWeekday };

    bool matchesDay(int year, int month, int day, int weekday) const;
    bool parseDayOfMonth(const QString &field);
    bool parseDayOfWeek(const QString &field);

    QString m_text;
    SimTime m_rate = 0;  // > 0 for rate()
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days;      // 1..31
    DayRule m_dayRule = DayRule::List;
    int m_nearestDay = 0;        // NearestWeekday: the n of `nW`
    bool m_anyDay = false;       // day-of-month is `?`
    std::bitset<13> m_months;    // 1..12
    std::bitset<8> m_weekdays;   // 1..7, 1 = Sunday
    int m_lastWeekdayOf = 0;     // `nL`: the month's last weekday n (1..7), 0 = unused
    int m_nthWeekday = 0;        // `n#k`: weekday n (1..7), 0 = unused
    int m_nth = 0;               //        and k (1..5)
    bool m_anyWeekday = false;   // day-of-week is `?`
    std::bitset<230> m_years;    // 1970..2199
};

} // namespace ef::bus
