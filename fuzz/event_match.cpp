// Fuzz target: arbitrary bytes as an event, matched against a fixed rule set
// that uses every operator (and explained against one pattern). Never a
// crash, hang or leak; the compiled set must agree with one-rule sets.

#include "core/pattern/EventPattern.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>
#include <utility>
#include <vector>

namespace {

const std::vector<std::pair<const char *, const char *>> &rules()
{
    static const std::vector<std::pair<const char *, const char *>> all = {
        {"exact", R"({"source":["shop",5,true,null,"10.0.0.1"]})"},
        {"prefix", R"({"a":[{"prefix":"ab"},{"prefix":{"equals-ignore-case":"Xy"}}]})"},
        {"suffix", R"({"a":[{"suffix":"yz"},{"suffix":{"equals-ignore-case":"ß"}}]})"},
        {"eic", R"({"a":[{"equals-ignore-case":"ÉtÉ"},{"equals-ignore-case":"abc"}]})"},
        {"wildcard", R"({"a":[{"wildcard":"a*b\\*c*"}]})"},
        {"ab", R"({"a":[{"anything-but":["x","y"]}],"b":[{"anything-but":[1,2.5]}]})"},
        {"ab-ops",
         R"({"a":[{"anything-but":{"prefix":"p"}},{"anything-but":{"wildcard":"*z"}}]})"},
        {"numeric", R"({"n":[{"numeric":[">",0,"<=",100]},{"numeric":["=",-1e3]}]})"},
        {"exists", R"({"e":[{"exists":true}],"f":[{"exists":false}]})"},
        {"cidr", R"({"ip":[{"cidr":"10.0.0.0/8"},{"cidr":"2001:db8::/32"}]})"},
        {"or", R"({"s":["x"],"$or":[{"a":["1"]},{"b":{"c":[{"numeric":["<",5]}]}}]})"},
        {"arrays", R"({"o":{"x":["1"],"y":[{"exists":false}],"z":{"w":[{"prefix":""}]}}})"},
        {"dotted", R"({"a.b":["x"],"a":{"c":[1]}})"},
    };
    return all;
}

struct Sets
{
    ef::pattern::RuleSet all;
    std::vector<ef::pattern::RuleSet> single;
    Sets()
    {
        for (const auto &[name, pattern] : rules()) {
            if (!all.add(name, pattern).ok)
                std::abort();
            single.emplace_back();
            if (!single.back().add(name, pattern).ok)
                std::abort();
        }
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const Sets sets;
    const std::string_view event(reinterpret_cast<const char *>(data), size);
    std::vector<ef::pattern::RuleId> ids;
    std::string error;
    const bool ok = sets.all.match(event, ids, &error);
    std::vector<bool> matched(rules().size(), false);
    for (const ef::pattern::RuleId id : ids) {
        for (std::size_t i = 0; i < rules().size(); ++i) {
            if (sets.all.name(id) == rules()[i].first)
                matched[i] = true;
        }
    }
    for (std::size_t i = 0; i < rules().size(); ++i) {
        std::vector<ef::pattern::RuleId> one;
        if (sets.single[i].match(event, one, &error) != ok || (!one.empty()) != matched[i])
            std::abort();
    }
    const ef::pattern::Explanation ex = ef::pattern::explain(rules()[11].second, event, &error);
    if (ok && ex.match != matched[11])
        std::abort();
    return 0;
}
