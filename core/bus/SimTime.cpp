#include "core/bus/SimTime.h"

#include <cstdio>

namespace ef {

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

void two(char *at, unsigned v)
{
    at[0] = static_cast<char>('0' + v / 10);
    at[1] = static_cast<char>('0' + v % 10);
}

// "YYYY-MM-DDTHH:MM:SS" (+ ".mmm") + "Z" without printf: this runs for every
// event that carries its own time.
int format(SimTime t, bool millis, char *buf, std::size_t size)
{
    const std::int64_t secs = floorDiv(t, kMicrosPerSecond);
    const std::int64_t days = floorDiv(secs, 86400);
    const std::int64_t rem = secs - days * 86400;
    int y;
    unsigned mo, d;
    civilFromDays(days, y, mo, d);
    if (y < 0 || y > 9999 || size < 25)
        return std::snprintf(buf, size, "%04d-01-01T00:00:00Z", y < 0 ? 0 : 9999);
    const auto h = static_cast<unsigned>(rem / 3600), mi = static_cast<unsigned>(rem / 60 % 60),
               sec = static_cast<unsigned>(rem % 60);
    two(buf, static_cast<unsigned>(y / 100));
    two(buf + 2, static_cast<unsigned>(y % 100));
    buf[4] = '-';
    two(buf + 5, mo);
    buf[7] = '-';
    two(buf + 8, d);
    buf[10] = 'T';
    two(buf + 11, h);
    buf[13] = ':';
    two(buf + 14, mi);
    buf[16] = ':';
    two(buf + 17, sec);
    int n = 19;
    if (millis) {
        const auto ms = static_cast<unsigned>((t - secs * kMicrosPerSecond) / 1000);
        buf[n++] = '.';
        buf[n++] = static_cast<char>('0' + ms / 100);
        two(buf + n, ms % 100);
        n += 2;
    }
    buf[n++] = 'Z';
    buf[n] = '\0';
    return n;
}

bool digits(const std::string &s, std::size_t pos, std::size_t n, int &out)
{
    if (pos + n > s.size())
        return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

} // namespace

// After H. Hinnant's well-known algorithms; no gmtime (locale, threads).
void civilFromDays(std::int64_t z, int &y, unsigned &m, unsigned &d)
{
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yy + (m <= 2));
}

std::int64_t daysFromCivil(int y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::string isoSeconds(SimTime t)
{
    std::string out;
    appendIsoSeconds(out, t);
    return out;
}

void appendIsoSeconds(std::string &out, SimTime t)
{
    char buf[40];
    const int n = format(t, false, buf, sizeof buf);
    out.append(buf, static_cast<std::size_t>(n));
}

QString isoSecondsQ(SimTime t)
{
    return QString::fromStdString(isoSeconds(t));
}

QString isoMillis(SimTime t)
{
    char buf[40];
    const int n = format(t, true, buf, sizeof buf);
    return QString::fromLatin1(buf, n);
}

std::optional<SimTime> parseTime(const std::string &text)
{
    if (text.empty())
        return std::nullopt;
    bool allDigits = true;
    for (char c : text)
        allDigits = allDigits && c >= '0' && c <= '9';
    if (allDigits) {
        if (text.size() > 12)
            return std::nullopt;
        return static_cast<SimTime>(std::stoll(text)) * kMicrosPerSecond;
    }
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (!digits(text, 0, 4, y) || text.size() < 10 || text[4] != '-' || !digits(text, 5, 2, mo)
        || text[7] != '-' || !digits(text, 8, 2, d))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31)
        return std::nullopt;
    std::size_t pos = 10;
    SimTime frac = 0;
    std::int64_t offsetSeconds = 0;
    if (pos < text.size()) {
        if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ')
            return std::nullopt;
        if (!digits(text, pos + 1, 2, h) || text.size() < pos + 6 || text[pos + 3] != ':'
            || !digits(text, pos + 4, 2, mi))
            return std::nullopt;
        pos += 6;
        if (pos < text.size() && text[pos] == ':') {
            if (!digits(text, pos + 1, 2, s))
                return std::nullopt;
            pos += 3;
        }
        if (pos < text.size() && text[pos] == '.') {
            ++pos;
            SimTime scale = kMicrosPerSecond / 10;
            const std::size_t start = pos;
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                frac += (text[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == start)
                return std::nullopt;
        }
        if (pos < text.size()) {
            if (text[pos] == 'Z' || text[pos] == 'z') {
                ++pos;
            } else if (text[pos] == '+' || text[pos] == '-') {
                int oh, om;
                const bool colon = pos + 3 < text.size() && text[pos + 3] == ':';
                if (!digits(text, pos + 1, 2, oh)
                    || !digits(text, pos + (colon ? 4 : 3), 2, om))
                    return std::nullopt;
                offsetSeconds = (oh * 3600 + om * 60) * (text[pos] == '-' ? -1 : 1);
                pos += colon ? 6 : 5;
            } else {
                return std::nullopt;
            }
        }
        if (pos != text.size() || h > 23 || mi > 59 || s > 60)
            return std::nullopt;
    }
    const std::int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t secs = days * 86400 + h * 3600 + mi * 60 + s - offsetSeconds;
    return secs * kMicrosPerSecond + frac;
}

} // namespace ef
