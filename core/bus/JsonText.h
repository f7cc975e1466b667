#pragma once

#include <string>
#include <string_view>

namespace ef::bus {

// Appends `text` as a JSON string literal (quotes included). Used to build
// event envelopes as text, without a DOM, on the PutEvents hot path.
void appendJsonString(std::string &out, std::string_view text);

// Extra capacity a buffer handed to JsonObjectCheck should have beyond its
// size, so it can be checked in place without a copy.
constexpr std::size_t kJsonPadding = 64;

// Whether `text` is one complete, valid JSON object (simdjson). Reuses its
// buffers: no allocation per call once warm.
class JsonObjectCheck
{
public:
    JsonObjectCheck();
    ~JsonObjectCheck();
    bool isObject(std::string_view text);

private:
    struct Impl;
    Impl *d;
};

} // namespace ef::bus
