#include "core/bus/ScheduleExpression.h"

#include <QRegularExpression>
#include <QStringList>

namespace ef::bus {

namespace {

const char *const kMonths[] = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                               "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
const char *const kDays[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

int valueOf(const QString &token, int kind, bool &ok)
{
    ok = true;
    bool isNumber = false;
    const int n = token.toInt(&isNumber);
    if (isNumber)
        return n;
    const QString up = token.toUpper();
    if (kind == 3) {
        for (int i = 0; i < 12; ++i) {
            if (up == QLatin1String(kMonths[i]))
                return i + 1;
        }
    } else if (kind == 4) {
        for (int i = 0; i < 7; ++i) {
            if (up == QLatin1String(kDays[i]))
                return i + 1;
        }
    }
    ok = false;
    return 0;
}

// Sets bits lo..hi of `bits` from one cron field; false when malformed.
template <std::size_t N>
bool parseField(const QString &field, int kind, int lo, int hi, std::bitset<N> &bits, int offset = 0)
{
    for (const QString &part : field.split(QLatin1Char(','))) {
        QString range = part;
        int step = 1;
        const int slash = part.indexOf(QLatin1Char('/'));
        if (slash >= 0) {
            bool ok = false;
            step = part.mid(slash + 1).toInt(&ok);
            if (!ok || step < 1)
                return false;
            range = part.left(slash);
        }
        int a, b;
        if (range == QLatin1String("*")) {
            a = lo;
            b = hi;
        } else {
            const int dash = range.indexOf(QLatin1Char('-'));
            bool ok1 = false, ok2 = true;
            if (dash > 0) {
                a = valueOf(range.left(dash), kind, ok1);
                b = valueOf(range.mid(dash + 1), kind, ok2);
            } else {
                a = valueOf(range, kind, ok1);
                b = slash >= 0 ? hi : a;
            }
            if (!ok1 || !ok2 || a < lo || b > hi || a > b)
                return false;
        }
        for (int v = a; v <= b; v += step)
            bits.set(static_cast<std::size_t>(v - offset));
    }
    return true;
}

int daysInMonth(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

std::int64_t daysOf(int y, int m, int d)
{
    return daysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

// 1 = Sunday .. 7 = Saturday (1970-01-01 was a Thursday).
int weekdayOf(std::int64_t days)
{
    return static_cast<int>(((days % 7) + 11) % 7) + 1;
}

int weekdayOf(int y, int m, int d)
{
    return weekdayOf(daysOf(y, m, d));
}

// The weekday (Monday-Friday) nearest day `n`, without leaving the month;
// 0 when the month has no day `n`.
int nearestWeekday(int y, int m, int n)
{
    const int last = daysInMonth(y, m);
    if (n > last)
        return 0;
    switch (weekdayOf(y, m, n)) {
    case 7: return n == 1 ? 3 : n - 1;     // Saturday: Friday, or Monday the 3rd
    case 1: return n == last ? n - 2 : n + 1;  // Sunday: Monday, or Friday before
    default: return n;
    }
}

int lastWeekday(int y, int m)
{
    const int last = daysInMonth(y, m);
    switch (weekdayOf(y, m, last)) {
    case 7: return last - 1;
    case 1: return last - 2;
    default: return last;
    }
}

} // namespace

std::optional<ScheduleExpression> ScheduleExpression::parse(const QString &text, QString *error)
{
    auto fail = [&]() -> std::optional<ScheduleExpression> {
        if (error)
            *error = QStringLiteral("Parameter ScheduleExpression is not valid.");
        return std::nullopt;
    };
    ScheduleExpression s;
    s.m_text = text;
    static const QRegularExpression rate(QStringLiteral("^rate\\((\\d+) (minute|minutes|hour|"
                                                        "hours|day|days)\\)$"));
    static const QRegularExpression cron(QStringLiteral("^cron\\(([^)]*)\\)$"));
    if (const auto m = rate.match(text); m.hasMatch()) {
        bool ok = false;
        const qint64 n = m.captured(1).toLongLong(&ok);
        const QString unit = m.captured(2);
        if (!ok || n < 1 || (n == 1) != !unit.endsWith(QLatin1Char('s')))
            return fail();
        const qint64 unitSeconds = unit.startsWith(QLatin1String("minute")) ? 60
                                   : unit.startsWith(QLatin1String("hour")) ? 3600
                                                                            : 86400;
        s.m_rate = n * unitSeconds * kMicrosPerSecond;
        return s;
    }
    const auto m = cron.match(text);
    if (!m.hasMatch())
        return fail();
    const QStringList f = m.captured(1).split(QLatin1Char(' '), Qt::SkipEmptyParts);
    if (f.size() != 6)
        return fail();
    if (!parseField(f[0], 0, 0, 59, s.m_minutes) || !parseField(f[1], 1, 0, 23, s.m_hours)
        || !parseField(f[3], 3, 1, 12, s.m_months)
        || !parseField(f[5], 5, 1970, 2199, s.m_years, 1970))
        return fail();
    s.m_anyDay = f[2] == QLatin1String("?");
    s.m_anyWeekday = f[4] == QLatin1String("?");
    if (s.m_anyDay == s.m_anyWeekday)
        return fail();  // exactly one of day-of-month / day-of-week must be '?'
    if (!s.m_anyDay && !s.parseDayOfMonth(f[2]))
        return fail();
    if (!s.m_anyWeekday && !s.parseDayOfWeek(f[4]))
        return fail();
    return s;
}

// `L`, `LW` and `nW` stand alone in the field; anything else is a list.
bool ScheduleExpression::parseDayOfMonth(const QString &field)
{
    const QString f = field.toUpper();
    if (f == QLatin1String("L")) {
        m_dayRule = DayRule::Last;
        return true;
    }
    if (f == QLatin1String("LW")) {
        m_dayRule = DayRule::LastWeekday;
        return true;
    }
    if (f.endsWith(QLatin1Char('W'))) {
        bool ok = false;
        const int n = f.chopped(1).toInt(&ok);
        if (!ok || n < 1 || n > 31 || !f.front().isDigit())
            return false;
        m_dayRule = DayRule::NearestWeekday;
        m_nearestDay = n;
        return true;
    }
    return parseField(field, 2, 1, 31, m_days);
}

// `L` alone is the week's last day (Saturday); `nL` and `n#k` stand alone.
bool ScheduleExpression::parseDayOfWeek(const QString &field)
{
    const QString f = field.toUpper();
    if (f == QLatin1String("L")) {
        m_weekdays.set(7);
        return true;
    }
    const int hash = f.indexOf(QLatin1Char('#'));
    if (hash >= 0) {
        bool okDay = false, okNth = false;
        const int day = valueOf(f.left(hash), 4, okDay);
        const int nth = f.mid(hash + 1).toInt(&okNth);
        if (!okDay || !okNth || day < 1 || day > 7 || nth < 1 || nth > 5)
            return false;  // also "3#1,6#3": one '#' expression only
        m_nthWeekday = day;
        m_nth = nth;
        return true;
    }
    if (f.size() > 1 && f.endsWith(QLatin1Char('L'))) {
        bool ok = false;
        const int day = valueOf(f.chopped(1), 4, ok);
        if (!ok || day < 1 || day > 7)
            return false;
        m_lastWeekdayOf = day;
        return true;
    }
    return parseField(field, 4, 1, 7, m_weekdays);
}

bool ScheduleExpression::matchesDay(int year, int month, int day, int weekday) const
{
    if (year < 1970 || year >= 2200 || !m_years.test(static_cast<std::size_t>(year - 1970))
        || !m_months.test(static_cast<std::size_t>(month)))
        return false;
    if (!m_anyDay) {
        switch (m_dayRule) {
        case DayRule::Last: return day == daysInMonth(year, month);
        case DayRule::LastWeekday: return day == lastWeekday(year, month);
        case DayRule::NearestWeekday: return day == nearestWeekday(year, month, m_nearestDay);
        case DayRule::List: return m_days.test(static_cast<std::size_t>(day));
        }
    }
    if (m_lastWeekdayOf)
        return weekday == m_lastWeekdayOf && day + 7 > daysInMonth(year, month);
    if (m_nthWeekday)
        return weekday == m_nthWeekday && (day - 1) / 7 + 1 == m_nth;
    return m_weekdays.test(static_cast<std::size_t>(weekday));
}

std::optional<SimTime> ScheduleExpression::nextAfter(SimTime after, SimTime created) const
{
    if (m_rate > 0) {
        if (after < created)
            return created + m_rate;
        const SimTime periods = (after - created) / m_rate + 1;
        return created + periods * m_rate;
    }
    // Next whole minute after `after`, then walk day by day (bounded: ~230 years).
    const std::int64_t minute = 60 * kMicrosPerSecond;
    SimTime t = (after / minute + 1) * minute;
    std::int64_t days = t / (86400 * kMicrosPerSecond);
    int startMinuteOfDay = static_cast<int>((t / minute) % 1440);
    for (int guard = 0; guard < 366 * 230; ++guard, ++days, startMinuteOfDay = 0) {
        int y;
        unsigned month, day;
        civilFromDays(days, y, month, day);
        const int mo = static_cast<int>(month), d = static_cast<int>(day);
        if (y >= 2200)
            return std::nullopt;
        const int weekday = weekdayOf(days);
        if (!matchesDay(y, mo, d, weekday))
            continue;
        for (int mod = startMinuteOfDay; mod < 1440; ++mod) {
            if (m_hours.test(static_cast<std::size_t>(mod / 60))
                && m_minutes.test(static_cast<std::size_t>(mod % 60)))
                return (days * 1440 + mod) * minute;
        }
    }
    return std::nullopt;
}

} // namespace ef::bus
