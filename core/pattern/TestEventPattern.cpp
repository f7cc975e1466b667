// The one-shot checks (TestEventPattern, validation): thin calls over the
// same compiler and rule set as everything else, never a second matcher.

#include "core/pattern/EventPattern.h"

#include "core/pattern/PatternParser.h"

namespace ef::pattern {

CompileResult validatePattern(std::string_view patternJson)
{
    CompileResult result;
    ParsedPattern parsed;
    result.ok = parsePattern(patternJson, parsed, result.error);
    return result;
}

int testEventPattern(std::string_view patternJson, std::string_view eventJson,
                     std::string *error)
{
    RuleSet set;
    const CompileResult compiled = set.add("pattern", patternJson);
    if (!compiled) {
        if (error)
            *error = compiled.error.message();
        return -1;
    }
    std::vector<RuleId> matched;
    if (!set.match(eventJson, matched, error))
        return -1;
    return matched.empty() ? 0 : 1;
}

} // namespace ef::pattern
