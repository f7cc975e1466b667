#pragma once

// Plain request/response shapes of the EventBridge operations the engine
// serves (member names follow the AWS service model, so the HTTP layer is a
// field-by-field mapping). Optional request members are std::optional or an
// empty string where the service treats absent and empty alike.

#include "core/bus/SimTime.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ef {

// ---- event buses -----------------------------------------------------------

struct EventBusInfo
{
    QString name;
    QString arn;
    QString description;
    SimTime creationTime = 0;
    SimTime lastModifiedTime = 0;
};

struct CreateEventBusRequest
{
    QString name;
    QString description;
};

struct ListEventBusesRequest
{
    QString namePrefix;
    QString nextToken;  // opaque, from a previous response
    int limit = 0;      // 0: no limit; else 1..100
};

struct ListEventBusesResponse
{
    std::vector<EventBusInfo> eventBuses;  // sorted by name
    QString nextToken;
};

// ---- rules -----------------------------------------------------------------

enum class RuleState { Enabled, Disabled };
QString ruleStateName(RuleState state);  // "ENABLED" / "DISABLED"

struct PutRuleRequest
{
    QString name;
    QString eventBusName;  // name or ARN; empty = "default"
    std::optional<QString> eventPattern;        // JSON text
    std::optional<QString> scheduleExpression;  // rate(...) / cron(...)
    std::optional<QString> state;               // "ENABLED" (default) / "DISABLED"
    std::optional<QString> description;
    std::optional<QString> roleArn;
};

struct RuleInfo
{
    QString name;
    QString arn;
    QString eventBusName;
    QString eventPattern;        // empty when the rule has none
    QString scheduleExpression;  // empty when the rule has none
    RuleState state = RuleState::Enabled;
    QString description;
    QString roleArn;
    SimTime creationTime = 0;
};

struct RuleRef
{
    QString name;
    QString eventBusName;  // name or ARN; empty = "default"
};

struct DeleteRuleRequest
{
    QString name;
    QString eventBusName;
    bool force = false;
};

struct ListRulesRequest
{
    QString namePrefix;
    QString eventBusName;
    QString nextToken;
    int limit = 0;
};

struct ListRulesResponse
{
    std::vector<RuleInfo> rules;  // sorted by name
    QString nextToken;
};

// ---- targets ---------------------------------------------------------------

struct RetryPolicy
{
    int maximumRetryAttempts = 185;          // 0..185
    int maximumEventAgeInSeconds = 86400;    // 60..86400
};

struct DeadLetterConfig
{
    QString arn;  // an SQS queue ARN
};

// The InputTransformer member of a Target as the API carries it; what the
// target then receives is computed by core/bus/InputTransformer.
struct InputTransformerSpec
{
    QList<QPair<QString, QString>> inputPathsMap;  // in the request's order
    QString inputTemplate;
};

struct Target
{
    QString id;
    QString arn;
    QString roleArn;
    // What the target receives (at most one of the three): see InputTransformer.h.
    std::optional<QString> input;      // constant JSON text
    std::optional<QString> inputPath;  // JSONPath, e.g. "$.detail"
    std::optional<InputTransformerSpec> inputTransformer;
    std::optional<RetryPolicy> retryPolicy;  // absent: the service defaults
    std::optional<DeadLetterConfig> deadLetterConfig;
};

struct PutTargetsRequest
{
    QString rule;
    QString eventBusName;
    std::vector<Target> targets;
};

struct FailedTargetEntry
{
    QString targetId;
    QString errorCode;
    QString errorMessage;
};

struct PutTargetsResponse
{
    int failedEntryCount = 0;
    std::vector<FailedTargetEntry> failedEntries;
};

struct RemoveTargetsRequest
{
    QString rule;
    QString eventBusName;
    QStringList ids;
    bool force = false;
};

using RemoveTargetsResponse = PutTargetsResponse;

struct ListTargetsByRuleRequest
{
    QString rule;
    QString eventBusName;
    QString nextToken;
    int limit = 0;
};

struct ListTargetsByRuleResponse
{
    std::vector<Target> targets;  // in the order they were put
    QString nextToken;
};

struct ListRuleNamesByTargetRequest
{
    QString targetArn;
    QString eventBusName;
    QString nextToken;
    int limit = 0;
};

struct ListRuleNamesByTargetResponse
{
    QStringList ruleNames;
    QString nextToken;
};

// ---- PutEvents ---------------------------------------------------------------

// UTF-8 text throughout: this is the hot path, and the service counts sizes
// in UTF-8 bytes.
struct PutEventsRequestEntry
{
    std::string source;
    std::string detailType;
    std::string detail;        // JSON object text, passed through unchanged
    std::string eventBusName;  // name or ARN; empty = "default"
    std::optional<std::string> time;  // ISO 8601 / RFC 3339; absent = now
    std::vector<std::string> resources;
    std::string traceHeader;
};

struct PutEventsResultEntry
{
    QString eventId;  // set on success
    QString errorCode;
    QString errorMessage;
    bool ok() const { return errorCode.isEmpty(); }
};

struct PutEventsResponse
{
    int failedEntryCount = 0;
    std::vector<PutEventsResultEntry> entries;  // one per request entry, same order
};

// ---- TestEventPattern ----------------------------------------------------------

struct TestEventPatternRequest
{
    QString eventPattern;
    QString event;  // a full envelope, as the API requires
};

} // namespace ef
