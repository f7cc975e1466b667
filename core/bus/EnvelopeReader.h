#pragma once

#include "core/bus/EventsTypes.h"

#include <string>
#include <string_view>

namespace ef::bus {

// Turns a full event envelope ({"source","detail-type","detail","time",
// "resources",...}) back into the PutEvents entry that would publish it:
// replaying recorded events, benchmarks, the sandbox's "send this event".
// The detail is taken as the exact text it has in the envelope. Reuses its
// buffers (simdjson On-Demand): no allocation per call once warm.
class EnvelopeReader
{
public:
    EnvelopeReader();
    ~EnvelopeReader();
    EnvelopeReader(const EnvelopeReader &) = delete;
    EnvelopeReader &operator=(const EnvelopeReader &) = delete;

    // False with `error` set when the text is not an envelope with string
    // "source" and "detail-type" and an object "detail".
    bool read(std::string_view envelope, PutEventsRequestEntry &out, std::string *error = nullptr);

private:
    struct Impl;
    Impl *d;
};

} // namespace ef::bus
