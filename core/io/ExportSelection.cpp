#include "core/io/ExportSelection.h"

namespace ef::io {

bool isDefaultBus(const QString &busName)
{
    return busName.isEmpty() || busName == QLatin1String("default");
}

QString ruleBusName(const PutRuleRequest &rule)
{
    const QString &bus = rule.eventBusName;
    if (bus.isEmpty())
        return QStringLiteral("default");
    // arn:aws:events:<region>:<account>:event-bus/<name>
    const qsizetype marker = bus.indexOf(QLatin1String(":event-bus/"));
    if (bus.startsWith(QLatin1String("arn:")) && marker >= 0)
        return bus.mid(marker + int(sizeof(":event-bus/")) - 1);
    return bus;
}

std::optional<ExportSelection> selectForExport(const Scenario &scenario, const QString &ruleName,
                                               QString *error)
{
    ExportSelection selection;
    selection.settings = scenario.settings;
    selection.scenarioName = scenario.name;
    if (ruleName.isEmpty()) {
        selection.buses = scenario.buses;
        selection.rules = scenario.rules;
        return selection;
    }
    // "NAME" or "BUS/NAME" (rule names cannot contain '/').
    QString wantedBus;
    QString wantedRule = ruleName;
    if (const qsizetype slash = ruleName.lastIndexOf(QLatin1Char('/')); slash >= 0) {
        wantedBus = ruleName.left(slash);
        wantedRule = ruleName.mid(slash + 1);
    }
    std::vector<const ScenarioRule *> found;
    for (const ScenarioRule &rule : scenario.rules) {
        if (rule.rule.name == wantedRule
            && (wantedBus.isEmpty() || ruleBusName(rule.rule) == wantedBus))
            found.push_back(&rule);
    }
    if (found.empty()) {
        *error = QStringLiteral("the scenario has no rule named %1").arg(ruleName);
        return std::nullopt;
    }
    if (found.size() > 1) {
        *error = QStringLiteral("rule %1 exists on several event buses: name it as BUS/%1")
                     .arg(wantedRule);
        return std::nullopt;
    }
    const ScenarioRule &rule = *found.front();
    const QString bus = ruleBusName(rule.rule);
    for (const CreateEventBusRequest &b : scenario.buses) {
        if (b.name == bus)
            selection.buses.push_back(b);
    }
    selection.rules.push_back(rule);
    return selection;
}

std::optional<json::Value> parsedPattern(const PutRuleRequest &rule, QString *error)
{
    if (!rule.eventPattern) {
        *error = QStringLiteral("rule %1 has no event pattern").arg(rule.name);
        return std::nullopt;
    }
    json::Value value;
    std::string why;
    if (!json::parse(rule.eventPattern->toStdString(), value, &why)) {
        *error = QStringLiteral("the event pattern of rule %1 is not JSON: %2")
                     .arg(rule.name, QString::fromStdString(why));
        return std::nullopt;
    }
    return value;
}

} // namespace ef::io
