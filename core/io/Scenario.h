#pragma once

// A scenario as data: what a file holds and what Engine::applyScenario()
// installs / Engine::snapshot() returns. Loading and saving (with JSON-path
// errors and atomic writes) live in core/io/ScenarioFile.h.

#include "core/bus/EventsTypes.h"

#include <QHash>
#include <QJsonObject>
#include <QPointF>
#include <QString>

#include <vector>

namespace ef {

struct ScenarioSettings
{
    QString usernamePrefix = QStringLiteral("user3");
    QString account = QStringLiteral("123456789012");
    QString region = QStringLiteral("us-east-1");
};

struct ScenarioRule
{
    PutRuleRequest rule;          // name, eventBusName, pattern/schedule, state...
    std::vector<Target> targets;
};

struct ScenarioQueue
{
    QString name;
};

// A saved sample event: either a PutEvents entry or a request body for one
// of the scenario's producers (e.g. {"eventType":"OrderPlaced",...}).
struct ScenarioSampleEvent
{
    QString name;                  // label shown on the button/list
    QString producer;              // empty: `entry` is a PutEvents entry
    QJsonObject body;              // the producer request body or the entry
};

struct Scenario
{
    static constexpr int kFormatVersion = 1;

    QString name;
    QString description;
    ScenarioSettings settings;
    std::vector<CreateEventBusRequest> buses;  // custom buses ("default" always exists)
    std::vector<ScenarioRule> rules;
    std::vector<QJsonObject> consumers;        // consumer definitions (core/consumers JSON)
    std::vector<QJsonObject> producers;        // producer definitions (core/bus/Producer.h)
    std::vector<ScenarioQueue> queues;
    std::vector<ScenarioSampleEvent> sampleEvents;
    QHash<QString, QPointF> nodePositions;     // canvas layout, keyed by node name

    // Same settings and producers, but no buses, rules, consumers or queues:
    // what `serve --empty` starts from.
    Scenario emptied() const;
};

} // namespace ef
