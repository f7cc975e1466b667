#include "core/io/ExportPatternJson.h"

#include "core/io/ExportJsonText.h"

namespace ef::io {

ExportResult exportPatternJson(const ExportSelection &selection)
{
    ExportResult result;
    for (const ScenarioRule &rule : selection.rules) {
        if (!rule.rule.eventPattern) {
            const QString why = QStringLiteral("rule %1 has no event pattern (it runs on a "
                                               "schedule)").arg(rule.rule.name);
            if (selection.rules.size() == 1) {
                result.error = why;
                return result;
            }
            result.warnings << why;
            continue;
        }
        QString error;
        const std::optional<json::Value> pattern = parsedPattern(rule.rule, &error);
        if (!pattern) {
            result.error = error;
            return result;
        }
        result.files.push_back({rule.rule.name + QStringLiteral("-pattern.json"),
                                QByteArray::fromStdString(prettyJson(*pattern)), false});
    }
    if (result.files.empty() && result.error.isEmpty()) {
        result.error = QStringLiteral("the scenario has no rule with an event pattern");
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace ef::io
