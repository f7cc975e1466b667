// Fuzz target: arbitrary bytes as an event pattern. Compiling must never
// crash, hang or leak; an accepted pattern is then matched and explained
// against a few fixed events, and the one-shot check must agree with the set.

#include "core/pattern/EventPattern.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

constexpr std::string_view kEvents[] = {
    R"({"source":"shop","detail-type":"OrderPlaced","detail":{"amount":12.5,"ip":"10.0.0.1",)"
    R"("items":[{"id":"a","n":1},{"id":"b","n":2}],"tags":["x","y"],"flag":true,"none":null}})",
    R"({"a":"x","b":["1",2,{"c":"3"}],"":{"":""},"a.b":[[{"x":1}],[]],"n":-0.0})",
    R"({})",
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view pattern(reinterpret_cast<const char *>(data), size);
    const ef::pattern::CompileResult valid = ef::pattern::validatePattern(pattern);
    ef::pattern::RuleSet set;
    const ef::pattern::CompileResult added = set.add("fuzz", pattern);
    if (valid.ok != added.ok)
        std::abort();
    if (!added.ok)
        return 0;
    for (const std::string_view event : kEvents) {
        std::vector<ef::pattern::RuleId> ids;
        std::string error;
        if (!set.match(event, ids, &error))
            std::abort();
        const int verdict = ef::pattern::testEventPattern(pattern, event, &error);
        const ef::pattern::Explanation ex = ef::pattern::explain(pattern, event, &error);
        if (verdict != (ids.empty() ? 0 : 1) || ex.match != !ids.empty())
            std::abort();
    }
    set.remove("fuzz");
    return 0;
}
