#pragma once

// A simulated Lambda function is data, not code: how long it takes, how often
// it fails, how many copies may run at once, whether EventBridge may invoke
// it, where its failures go, and what it logs for each event it receives.
//
// JSON schema (scenario files, Engine::putConsumer):
// {
//   "name": "order-processor",          required; Lambda function name: 1-64 of
//                                        A-Z a-z 0-9 - _ (a scenario may write
//                                        "{prefix}" for its username prefix)
//   "description": "...",               optional, for people
//   "latencyMs": 120                    fixed, or {"min": 80, "max": 250} (uniform);
//                                        0..900000 (Lambda's 15-minute limit); default 50
//   "failureRate": 0.05,                probability 0..1 that an invocation raises; default 0
//   "concurrency": 10,                  invocations at once before Lambda throttles,
//                                        1..100000; default 1000
//   "missingInvokePermission": false,   EventBridge lacks lambda:InvokeFunction; default false
//   "onFailure": "arn:aws:sqs:us-east-1:123456789012:failed",
//                                        optional failure destination (an SQS queue ARN)
//   "logLines": [                       what one invocation prints, in order:
//     "Order ${$.detail.orderId}",      a line (LogTemplate.h for the placeholders)
//     {"text": "LOW STOCK ${$.detail.productId}",
//      "when": "$.detail.newQuantity < 10"},
//                                        a line written only when the condition holds
//                                        (LogCondition.h); "when" may be a list, all must hold
//     {"forEach": "$.detail.items",     for each element of that array, the nested
//      "when": ...,                      lines, whose placeholders and conditions may
//      "lines": ["${@.productId}"]}     use "@" for the element
//   ]
// }
// Unknown members are errors. Every error names its JSON path and the reason,
// e.g. `consumers[2].logLines[1].when: unknown operator "=~"`.

#include "core/consumers/LogCondition.h"
#include "core/consumers/LogTemplate.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>
#include <string_view>
#include <vector>

namespace ef::consumers {

struct Latency
{
    int minMs = 50;
    int maxMs = 50;

    bool isFixed() const { return minMs == maxMs; }
    // The latency for a uniform random number `unit` in [0, 1).
    int pick(double unit) const;
    bool operator==(const Latency &) const = default;
};

struct LogLine
{
    std::optional<LogTemplate> text;          // a line to write...
    std::optional<json::JsonPath> forEach;    // ...or lines per element of this array
    std::vector<LogLine> lines;               // the forEach's nested lines
    std::vector<LogCondition> when;           // all must hold
};

struct ConsumerDefinition
{
    QString name;
    QString description;
    Latency latency;
    double failureRate = 0.0;
    int concurrency = 1000;
    bool missingInvokePermission = false;
    QString onFailure;  // SQS queue ARN, or empty
    std::vector<LogLine> logLines;

    // `path` prefixes error messages ("consumers[2]"); nullopt with `error`
    // set when the definition is invalid.
    static std::optional<ConsumerDefinition> fromJson(const QJsonValue &json, const QString &path,
                                                      QString *error);
    QJsonObject toJson() const;

    // The lines one invocation logs for the text the function received (its
    // event, or what the target's input transformation made of it). Text that
    // is not JSON is taken as a JSON string. Deterministic.
    QStringList render(std::string_view received) const;
    QStringList render(const json::Value &received) const;

    bool operator==(const ConsumerDefinition &other) const;
};

// What a consumer auto-created for an unknown function name does (CONTRACTS.md):
// no failures, a short latency, one line per event.
ConsumerDefinition defaultConsumer(const QString &name);

} // namespace ef::consumers
