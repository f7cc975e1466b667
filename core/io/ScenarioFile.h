#pragma once

// Scenario files: versioned JSON, validated completely on load (every
// problem reported with its JSON path, nothing applied when any is found),
// written atomically on save (a temporary file renamed over the old one).
//
// Format (version 1):
// {
//   "format": "eventflow-scenario", "version": 1,
//   "name": "...", "description": "...",
//   "settings": {"usernamePrefix": "user3", "account": "123456789012", "region": "us-east-1"},
//   "buses": [{"name": "{prefix}-orders", "description": "..."}],
//   "rules": [{"name": "...", "eventBusName": "...", "description": "...",
//              "state": "ENABLED", "eventPattern": {...} | "...",
//              "scheduleExpression": "rate(5 minutes)",
//              "targets": [ PutTargets' Target shape: {"Id", "Arn", "Input", "InputPath",
//                           "InputTransformer", "RetryPolicy", "DeadLetterConfig"} ]}],
//   "consumers": [ core/consumers definitions ],
//   "producers": [ core/bus/Producer.h definitions ],
//   "queues": [{"name": "..."}],
//   "sampleEvents": [{"name": "...", "producer": "...", "body": {...}}
//                    | {"name": "...", "entry": {"Source", "DetailType", "Detail", ...}}],
//   "layout": {"<node>": [x, y]}
// }
// In every string, {prefix}, {account} and {region} stand for the settings'
// values; they are resolved on load, so a snapshot saves plain names.

#include "core/bus/ServiceError.h"
#include "core/io/Scenario.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

namespace ef {

struct ScenarioLoad
{
    std::optional<Scenario> scenario;  // set only when `errors` is empty
    QStringList errors;                // "$.rules[2].eventPattern: ..." each
    bool ok() const { return scenario.has_value(); }
};

class ScenarioFile
{
public:
    static constexpr const char *kBuiltInLab = ":/scenarios/storefront-lab.json";

    // Parses and validates (structure, then a trial run in a scratch engine).
    static ScenarioLoad parse(const QByteArray &json);
    static ScenarioLoad load(const QString &path);
    static QByteArray toJson(const Scenario &scenario);
    // Writes `path` atomically; the old file stays intact on any failure.
    static Status save(const Scenario &scenario, const QString &path);
};

} // namespace ef
