#pragma once

#include "core/bus/SimTime.h"

#include <QString>

#include <bitset>
#include <optional>

namespace ef::bus {

// A rule's ScheduleExpression: `rate(5 minutes)` or the six-field
// `cron(Minutes Hours Day-of-month Month Day-of-week Year)` of EventBridge,
// in UTC. Supported cron syntax: numbers, `*`, `?`, ranges, lists, `/`
// increments, month and weekday names, `L` (last day of the month).
class ScheduleExpression
{
public:
    // nullopt (with the service's message in `error`) when invalid.
    static std::optional<ScheduleExpression> parse(const QString &text, QString *error = nullptr);

    // The first firing strictly after `after`; `created` anchors rate().
    std::optional<SimTime> nextAfter(SimTime after, SimTime created) const;
    const QString &text() const { return m_text; }

private:
    bool matchesDay(int year, int month, int day, int weekday) const;

    QString m_text;
    SimTime m_rate = 0;  // > 0 for rate()
    std::bitset<60> m_minutes;
    std::bitset<24> m_hours;
    std::bitset<32> m_days;      // 1..31
    bool m_lastDay = false;
    bool m_anyDay = false;       // day-of-month is `?`
    std::bitset<13> m_months;    // 1..12
    std::bitset<8> m_weekdays;   // 1..7, 1 = Sunday
    bool m_anyWeekday = false;   // day-of-week is `?`
    std::bitset<200> m_years;    // 1970..2169
};

} // namespace ef::bus
