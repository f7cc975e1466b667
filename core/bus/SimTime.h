#pragma once

#include <QString>

#include <cstdint>
#include <optional>
#include <string>

namespace ef {

// Simulation time: microseconds since 1970-01-01T00:00:00Z. Every timestamp
// the engine hands out (event `time`, log and metric timestamps, trace
// happenings) is simulation time; on the real clock it follows wall-clock UTC.
using SimTime = std::int64_t;

constexpr SimTime kMicrosPerMilli = 1000;
constexpr SimTime kMicrosPerSecond = 1000 * 1000;

inline std::int64_t toMillis(SimTime t) { return t / kMicrosPerMilli; }
inline SimTime fromMillis(std::int64_t ms) { return ms * kMicrosPerMilli; }
inline SimTime fromSeconds(double s) { return static_cast<SimTime>(s * kMicrosPerSecond); }

// "2026-12-04T17:56:51Z" (whole seconds, as EventBridge envelopes carry it).
std::string isoSeconds(SimTime t);
// The same appended to `out` (no allocation once `out` has room): envelopes.
void appendIsoSeconds(std::string &out, SimTime t);
QString isoSecondsQ(SimTime t);
// "2026-12-04T17:56:51.123Z".
QString isoMillis(SimTime t);
// Days since 1970-01-01 <-> proleptic Gregorian dates (month 1-12).
std::int64_t daysFromCivil(int year, unsigned month, unsigned day);
void civilFromDays(std::int64_t days, int &year, unsigned &month, unsigned &day);

// Parses RFC 3339 / ISO 8601 with a 'Z' or numeric offset, or epoch seconds.
std::optional<SimTime> parseTime(const std::string &text);

} // namespace ef
