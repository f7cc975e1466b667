#pragma once

// What one export covers (the whole scenario or a single rule) and the naming
// facts every format needs about it.

#include "core/bus/JsonValue.h"
#include "core/io/Scenario.h"

#include <QString>

#include <optional>
#include <vector>

namespace ef::io {

struct ExportSelection
{
    ScenarioSettings settings;
    QString scenarioName;
    std::vector<CreateEventBusRequest> buses;  // custom buses to create, in scenario order
    std::vector<ScenarioRule> rules;           // in scenario order
};

// nullopt with `error` set when `ruleName` names no rule of the scenario.
std::optional<ExportSelection> selectForExport(const Scenario &scenario, const QString &ruleName,
                                               QString *error);

// The bus a rule is on, by name ("default" when the rule names none; the
// name part when it names the bus by ARN).
QString ruleBusName(const PutRuleRequest &rule);
bool isDefaultBus(const QString &busName);

// The rule's pattern parsed; nullopt (with `error`) when it has none or it
// is not JSON.
std::optional<json::Value> parsedPattern(const PutRuleRequest &rule, QString *error);

} // namespace ef::io
