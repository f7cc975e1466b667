#include "core/api/EventsJsonApi.h"

#include "core/api/AwsJson.h"
#include "core/bus/Engine.h"

#include <QHash>

#include <functional>

namespace ef::api {

namespace {

using Reply = Result<QByteArray>;

QByteArray empty() { return QByteArrayLiteral("{}"); }

void writeEventBus(JsonOut &o, const EventBusInfo &bus)
{
    o.beginObject().member("Name", bus.name).member("Arn", bus.arn);
    o.memberIfSet("Description", bus.description);
    if (bus.creationTime)
        o.key("CreationTime").valueSeconds(bus.creationTime);
    if (bus.lastModifiedTime)
        o.key("LastModifiedTime").valueSeconds(bus.lastModifiedTime);
    o.endObject();
}

void writeRuleMembers(JsonOut &o, const RuleInfo &rule)
{
    o.member("Name", rule.name).member("Arn", rule.arn);
    o.memberIfSet("EventPattern", rule.eventPattern);
    o.memberIfSet("ScheduleExpression", rule.scheduleExpression);
    o.member("State", ruleStateName(rule.state));
    o.memberIfSet("Description", rule.description);
    o.memberIfSet("RoleArn", rule.roleArn);
    o.member("EventBusName", rule.eventBusName);
}

void writeTarget(JsonOut &o, const Target &t)
{
    o.beginObject().member("Id", t.id).member("Arn", t.arn);
    o.memberIfSet("RoleArn", t.roleArn);
    if (t.input)
        o.member("Input", *t.input);
    if (t.inputPath)
        o.member("InputPath", *t.inputPath);
    if (t.inputTransformer) {
        o.key("InputTransformer").beginObject();
        if (!t.inputTransformer->inputPathsMap.isEmpty()) {
            o.key("InputPathsMap").beginObject();
            for (const auto &[name, path] : t.inputTransformer->inputPathsMap)
                o.key(name.toUtf8().constData()).value(path);
            o.endObject();
        }
        o.member("InputTemplate", t.inputTransformer->inputTemplate).endObject();
    }
    if (t.retryPolicy) {
        o.key("RetryPolicy").beginObject()
            .member("MaximumRetryAttempts", qint64(t.retryPolicy->maximumRetryAttempts))
            .member("MaximumEventAgeInSeconds", qint64(t.retryPolicy->maximumEventAgeInSeconds))
            .endObject();
    }
    if (t.deadLetterConfig)
        o.key("DeadLetterConfig").beginObject().member("Arn", t.deadLetterConfig->arn).endObject();
    o.endObject();
}

void writeFailedEntries(JsonOut &o, const PutTargetsResponse &r)
{
    o.beginObject().member("FailedEntryCount", qint64(r.failedEntryCount));
    o.key("FailedEntries").beginArray();
    for (const FailedTargetEntry &f : r.failedEntries) {
        o.beginObject().member("TargetId", f.targetId).member("ErrorCode", f.errorCode)
            .member("ErrorMessage", f.errorMessage).endObject();
    }
    o.endArray().endObject();
}

// Target members EventFlow does not model: refusing them beats silently
// dropping what the user asked for.
constexpr const char *kUnsupportedTargetMembers[] = {
    "KinesisParameters", "RunCommandParameters", "EcsParameters", "BatchParameters",
    "SqsParameters", "HttpParameters", "RedshiftDataParameters",
    "SageMakerPipelineParameters", "AppSyncParameters"};

std::optional<Target> readTarget(JsonArgs &list, const json::Value &item, int index)
{
    const QString path = QStringLiteral("Targets[%1].").arg(index);
    if (!item.isObject()) {
        list.fail(path.chopped(1) + QStringLiteral(" must be a structure"));
        return std::nullopt;
    }
    JsonArgs a(&item, path);
    Target t;
    t.id = a.string("Id");
    t.arn = a.string("Arn");
    t.roleArn = a.string("RoleArn");
    t.input = a.optString("Input");
    t.inputPath = a.optString("InputPath");
    if (const json::Value *it = a.object("InputTransformer")) {
        JsonArgs ta(it, path + QStringLiteral("InputTransformer."));
        InputTransformerSpec spec;
        spec.inputTemplate = ta.string("InputTemplate");
        if (const json::Value *map = ta.object("InputPathsMap")) {
            for (const auto &[name, value] : map->members) {
                if (!value.isString()) {
                    ta.fail(ta.memberPath("InputPathsMap.") + QString::fromStdString(name)
                            + QStringLiteral(" must be a string"));
                    break;
                }
                spec.inputPathsMap.append({QString::fromStdString(name),
                                           QString::fromStdString(value.text)});
            }
        }
        if (ta.error())
            a.fail(ta.error()->message);
        t.inputTransformer = spec;
    }
    if (const json::Value *rp = a.object("RetryPolicy")) {
        JsonArgs ra(rp, path + QStringLiteral("RetryPolicy."));
        RetryPolicy policy;
        policy.maximumRetryAttempts = ra.integer("MaximumRetryAttempts",
                                                 policy.maximumRetryAttempts);
        policy.maximumEventAgeInSeconds = ra.integer("MaximumEventAgeInSeconds",
                                                     policy.maximumEventAgeInSeconds);
        if (ra.error())
            a.fail(ra.error()->message);
        t.retryPolicy = policy;
    }
    if (const json::Value *dl = a.object("DeadLetterConfig")) {
        JsonArgs da(dl, path + QStringLiteral("DeadLetterConfig."));
        t.deadLetterConfig = DeadLetterConfig{da.string("Arn")};
        if (da.error())
            a.fail(da.error()->message);
    }
    if (a.error()) {
        list.fail(a.error()->message);
        return std::nullopt;
    }
    return t;
}

class Operations
{
public:
    explicit Operations(Engine &engine) : m_engine(engine) {}

    Reply createEventBus(JsonArgs &a)
    {
        CreateEventBusRequest r;
        r.name = a.string("Name");
        r.description = a.string("Description");
        if (a.has("EventSourceName")) {
            return ServiceError::validation(
                QStringLiteral("EventSourceName: partner event sources are not supported"));
        }
        if (a.error())
            return *a.error();
        const auto bus = m_engine.createEventBus(r);
        if (!bus)
            return bus.error();
        JsonOut o;
        o.beginObject().member("EventBusArn", bus->arn);
        o.memberIfSet("Description", bus->description);
        return o.endObject().take();
    }

    Reply describeEventBus(JsonArgs &a)
    {
        const QString name = a.string("Name");
        if (a.error())
            return *a.error();
        const auto bus = m_engine.describeEventBus(name);
        if (!bus)
            return bus.error();
        JsonOut o;
        writeEventBus(o, bus.value());
        return o.take();
    }

    Reply listEventBuses(JsonArgs &a)
    {
        ListEventBusesRequest r;
        r.namePrefix = a.string("NamePrefix");
        r.nextToken = a.string("NextToken");
        r.limit = a.integer("Limit", 0);
        if (a.error())
            return *a.error();
        const auto list = m_engine.listEventBuses(r);
        if (!list)
            return list.error();
        JsonOut o;
        o.beginObject().key("EventBuses").beginArray();
        for (const EventBusInfo &bus : list->eventBuses)
            writeEventBus(o, bus);
        o.endArray().memberIfSet("NextToken", list->nextToken);
        return o.endObject().take();
    }

    Reply deleteEventBus(JsonArgs &a)
    {
        const QString name = a.string("Name");
        if (a.error())
            return *a.error();
        const Status s = m_engine.deleteEventBus(name);
        if (!s)
            return s.error();
        return empty();
    }

    Reply putRule(JsonArgs &a)
    {
        PutRuleRequest r;
        r.name = a.string("Name");
        r.eventBusName = a.string("EventBusName");
        r.eventPattern = a.optString("EventPattern");
        r.scheduleExpression = a.optString("ScheduleExpression");
        r.state = a.optString("State");
        r.description = a.optString("Description");
        r.roleArn = a.optString("RoleArn");
        if (a.error())
            return *a.error();
        const auto arn = m_engine.putRule(r);
        if (!arn)
            return arn.error();
        JsonOut o;
        return o.beginObject().member("RuleArn", arn.value()).endObject().take();
    }

    static RuleRef ruleRef(JsonArgs &a, const char *nameMember)
    {
        return RuleRef{a.string(nameMember), a.string("EventBusName")};
    }

    Reply describeRule(JsonArgs &a)
    {
        const RuleRef ref = ruleRef(a, "Name");
        if (a.error())
            return *a.error();
        const auto rule = m_engine.describeRule(ref);
        if (!rule)
            return rule.error();
        JsonOut o;
        o.beginObject();
        writeRuleMembers(o, rule.value());
        o.member("CreatedBy", m_engine.settings().account);
        return o.endObject().take();
    }

    Reply listRules(JsonArgs &a)
    {
        ListRulesRequest r;
        r.namePrefix = a.string("NamePrefix");
        r.eventBusName = a.string("EventBusName");
        r.nextToken = a.string("NextToken");
        r.limit = a.integer("Limit", 0);
        if (a.error())
            return *a.error();
        const auto list = m_engine.listRules(r);
        if (!list)
            return list.error();
        JsonOut o;
        o.beginObject().key("Rules").beginArray();
        for (const RuleInfo &rule : list->rules) {
            o.beginObject();
            writeRuleMembers(o, rule);
            o.endObject();
        }
        o.endArray().memberIfSet("NextToken", list->nextToken);
        return o.endObject().take();
    }

    Reply enableRule(JsonArgs &a, bool enable)
    {
        const RuleRef ref = ruleRef(a, "Name");
        if (a.error())
            return *a.error();
        const Status s = enable ? m_engine.enableRule(ref) : m_engine.disableRule(ref);
        if (!s)
            return s.error();
        return empty();
    }

    Reply deleteRule(JsonArgs &a)
    {
        DeleteRuleRequest r;
        r.name = a.string("Name");
        r.eventBusName = a.string("EventBusName");
        r.force = a.boolean("Force", false);
        if (a.error())
            return *a.error();
        const Status s = m_engine.deleteRule(r);
        if (!s)
            return s.error();
        return empty();
    }

    Reply putTargets(JsonArgs &a)
    {
        PutTargetsRequest r;
        r.rule = a.string("Rule");
        r.eventBusName = a.string("EventBusName");
        if (const json::Value *targets = a.array("Targets")) {
            for (std::size_t i = 0; i < targets->items.size(); ++i) {
                const json::Value &item = targets->items[i];
                if (item.isObject()) {
                    JsonArgs probe(&item, QStringLiteral("Targets[%1].").arg(i));
                    for (const char *unsupported : kUnsupportedTargetMembers) {
                        if (probe.has(unsupported)) {
                            return ServiceError::validation(
                                QStringLiteral("%1 is not supported: EventFlow delivers to "
                                               "functions, queues and event buses only")
                                    .arg(probe.memberPath(unsupported)));
                        }
                    }
                }
                std::optional<Target> t = readTarget(a, item, int(i));
                if (!t)
                    break;
                r.targets.push_back(std::move(*t));
            }
        }
        if (a.error())
            return *a.error();
        const auto result = m_engine.putTargets(r);
        if (!result)
            return result.error();
        JsonOut o;
        writeFailedEntries(o, result.value());
        return o.take();
    }

    Reply listTargetsByRule(JsonArgs &a)
    {
        ListTargetsByRuleRequest r;
        r.rule = a.string("Rule");
        r.eventBusName = a.string("EventBusName");
        r.nextToken = a.string("NextToken");
        r.limit = a.integer("Limit", 0);
        if (a.error())
            return *a.error();
        const auto list = m_engine.listTargetsByRule(r);
        if (!list)
            return list.error();
        JsonOut o;
        o.beginObject().key("Targets").beginArray();
        for (const Target &t : list->targets)
            writeTarget(o, t);
        o.endArray().memberIfSet("NextToken", list->nextToken);
        return o.endObject().take();
    }

    Reply removeTargets(JsonArgs &a)
    {
        RemoveTargetsRequest r;
        r.rule = a.string("Rule");
        r.eventBusName = a.string("EventBusName");
        r.ids = a.stringList("Ids");
        r.force = a.boolean("Force", false);
        if (a.error())
            return *a.error();
        const auto result = m_engine.removeTargets(r);
        if (!result)
            return result.error();
        JsonOut o;
        writeFailedEntries(o, result.value());
        return o.take();
    }

    Reply listRuleNamesByTarget(JsonArgs &a)
    {
        ListRuleNamesByTargetRequest r;
        r.targetArn = a.string("TargetArn");
        r.eventBusName = a.string("EventBusName");
        r.nextToken = a.string("NextToken");
        r.limit = a.integer("Limit", 0);
        if (a.error())
            return *a.error();
        const auto list = m_engine.listRuleNamesByTarget(r);
        if (!list)
            return list.error();
        JsonOut o;
        o.beginObject().key("RuleNames").beginArray();
        for (const QString &name : list->ruleNames)
            o.value(name);
        o.endArray().memberIfSet("NextToken", list->nextToken);
        return o.endObject().take();
    }

    Reply putEvents(JsonArgs &a)
    {
        std::vector<PutEventsRequestEntry> entries;
        if (const json::Value *list = a.array("Entries")) {
            entries.reserve(list->items.size());
            for (std::size_t i = 0; i < list->items.size(); ++i) {
                const json::Value &item = list->items[i];
                const QString path = QStringLiteral("Entries[%1].").arg(i);
                if (!item.isObject()) {
                    a.fail(path.chopped(1) + QStringLiteral(" must be a structure"));
                    break;
                }
                JsonArgs e(&item, path);
                PutEventsRequestEntry entry;
                entry.source = e.utf8("Source");
                entry.detailType = e.utf8("DetailType");
                entry.detail = e.utf8("Detail");
                entry.eventBusName = e.utf8("EventBusName");
                entry.traceHeader = e.utf8("TraceHeader");
                if (const json::Value *time = item.find("Time");
                    time && time->kind != json::Value::Kind::Null) {
                    // JSON 1.1 carries timestamps as epoch seconds; the engine
                    // parses that text (or an ISO 8601 string) itself.
                    if (time->isNumber() || time->isString())
                        entry.time = time->text;
                    else
                        e.fail(e.memberPath("Time") + QStringLiteral(" must be a timestamp"));
                }
                if (const json::Value *resources = e.array("Resources")) {
                    for (const json::Value &r : resources->items) {
                        if (!r.isString()) {
                            e.fail(e.memberPath("Resources") +
                                   QStringLiteral(" must be a list of strings"));
                            break;
                        }
                        entry.resources.push_back(r.text);
                    }
                }
                if (e.error()) {
                    a.fail(e.error()->message);
                    break;
                }
                entries.push_back(std::move(entry));
            }
        }
        if (a.has("EndpointId")) {
            return ServiceError::validation(
                QStringLiteral("EndpointId: global endpoints are not supported"));
        }
        if (a.error())
            return *a.error();
        const auto result = m_engine.putEvents(entries);
        if (!result)
            return result.error();
        JsonOut o;
        o.beginObject().member("FailedEntryCount", qint64(result->failedEntryCount));
        o.key("Entries").beginArray();
        for (const PutEventsResultEntry &r : result->entries) {
            o.beginObject();
            if (r.ok())
                o.member("EventId", r.eventId);
            else
                o.member("ErrorCode", r.errorCode).member("ErrorMessage", r.errorMessage);
            o.endObject();
        }
        return o.endArray().endObject().take();
    }

    Reply testEventPattern(JsonArgs &a)
    {
        TestEventPatternRequest r;
        r.eventPattern = a.string("EventPattern");
        r.event = a.string("Event");
        if (a.error())
            return *a.error();
        const auto result = m_engine.testEventPattern(r);
        if (!result)
            return result.error();
        JsonOut o;
        return o.beginObject().member("Result", result.value()).endObject().take();
    }

private:
    Engine &m_engine;
};

using Handler = std::function<Reply(Operations &, JsonArgs &)>;

const QHash<QByteArray, Handler> &handlers()
{
    static const QHash<QByteArray, Handler> table = {
        {"CreateEventBus", &Operations::createEventBus},
        {"DescribeEventBus", &Operations::describeEventBus},
        {"ListEventBuses", &Operations::listEventBuses},
        {"DeleteEventBus", &Operations::deleteEventBus},
        {"PutRule", &Operations::putRule},
        {"DescribeRule", &Operations::describeRule},
        {"ListRules", &Operations::listRules},
        {"EnableRule", [](Operations &o, JsonArgs &a) { return o.enableRule(a, true); }},
        {"DisableRule", [](Operations &o, JsonArgs &a) { return o.enableRule(a, false); }},
        {"DeleteRule", &Operations::deleteRule},
        {"PutTargets", &Operations::putTargets},
        {"ListTargetsByRule", &Operations::listTargetsByRule},
        {"RemoveTargets", &Operations::removeTargets},
        {"ListRuleNamesByTarget", &Operations::listRuleNamesByTarget},
        {"PutEvents", &Operations::putEvents},
        {"TestEventPattern", &Operations::testEventPattern},
    };
    return table;
}

} // namespace

EventsJsonApi::EventsJsonApi(Engine &engine) : m_engine(engine) {}

ApiResponse EventsJsonApi::handle(const QByteArray &operation, const QByteArray &body)
{
    const auto it = handlers().constFind(operation);
    Operations ops(m_engine);
    std::function<Reply(JsonArgs &)> call;
    if (it != handlers().constEnd())
        call = [&](JsonArgs &args) { return it.value()(ops, args); };
    return answerJson11(QStringLiteral("AWSEvents.") + QString::fromUtf8(operation), call, body);
}

} // namespace ef::api
