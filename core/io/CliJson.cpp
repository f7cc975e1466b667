#include "core/io/CliJson.h"

#include "core/io/ExportJsonText.h"

namespace ef::io {

json::Value createEventBusDocument(const CreateEventBusRequest &bus, QStringList *warnings)
{
    json::Value doc = jsonObject();
    jsonAdd(doc, "Name", jsonString(bus.name));
    if (!bus.description.isEmpty() && warnings) {
        *warnings << QStringLiteral("event bus %1: its Description is not exported (awscli 2.9's "
                                    "create-event-bus has no Description)").arg(bus.name);
    }
    return doc;
}

json::Value putRuleDocument(const PutRuleRequest &rule)
{
    json::Value doc = jsonObject();
    jsonAdd(doc, "Name", jsonString(rule.name));
    if (!isDefaultBus(rule.eventBusName))
        jsonAdd(doc, "EventBusName", jsonString(rule.eventBusName));
    if (rule.eventPattern) {
        // The API carries the pattern as a string of JSON text; minified, as
        // the console shows it.
        json::Value pattern;
        const std::string text = rule.eventPattern->toStdString();
        jsonAdd(doc, "EventPattern",
                json::parse(text, pattern) ? json::Value::string(json::toText(pattern))
                                           : json::Value::string(text));
    }
    if (rule.scheduleExpression)
        jsonAdd(doc, "ScheduleExpression", jsonString(*rule.scheduleExpression));
    jsonAdd(doc, "State", jsonString(rule.state.value_or(QStringLiteral("ENABLED"))));
    if (rule.description)
        jsonAdd(doc, "Description", jsonString(*rule.description));
    if (rule.roleArn && !rule.roleArn->isEmpty())
        jsonAdd(doc, "RoleArn", jsonString(*rule.roleArn));
    return doc;
}

json::Value targetDocument(const Target &target)
{
    json::Value doc = jsonObject();
    jsonAdd(doc, "Id", jsonString(target.id));
    jsonAdd(doc, "Arn", jsonString(target.arn));
    if (!target.roleArn.isEmpty())
        jsonAdd(doc, "RoleArn", jsonString(target.roleArn));
    if (target.input)
        jsonAdd(doc, "Input", jsonString(*target.input));
    if (target.inputPath)
        jsonAdd(doc, "InputPath", jsonString(*target.inputPath));
    if (target.inputTransformer) {
        json::Value transformer = jsonObject();
        if (!target.inputTransformer->inputPathsMap.isEmpty()) {
            json::Value map = jsonObject();
            for (const auto &[key, path] : target.inputTransformer->inputPathsMap)
                jsonAdd(map, key.toStdString(), jsonString(path));
            jsonAdd(transformer, "InputPathsMap", std::move(map));
        }
        jsonAdd(transformer, "InputTemplate", jsonString(target.inputTransformer->inputTemplate));
        jsonAdd(doc, "InputTransformer", std::move(transformer));
    }
    if (target.deadLetterConfig) {
        json::Value dlq = jsonObject();
        jsonAdd(dlq, "Arn", jsonString(target.deadLetterConfig->arn));
        jsonAdd(doc, "DeadLetterConfig", std::move(dlq));
    }
    if (target.retryPolicy) {
        json::Value retry = jsonObject();
        jsonAdd(retry, "MaximumRetryAttempts", jsonInt(target.retryPolicy->maximumRetryAttempts));
        jsonAdd(retry, "MaximumEventAgeInSeconds",
                jsonInt(target.retryPolicy->maximumEventAgeInSeconds));
        jsonAdd(doc, "RetryPolicy", std::move(retry));
    }
    return doc;
}

json::Value putTargetsDocument(const ScenarioRule &rule)
{
    json::Value doc = jsonObject();
    jsonAdd(doc, "Rule", jsonString(rule.rule.name));
    if (!isDefaultBus(rule.rule.eventBusName))
        jsonAdd(doc, "EventBusName", jsonString(rule.rule.eventBusName));
    json::Value targets;
    targets.kind = json::Value::Kind::Array;
    for (const Target &target : rule.targets)
        targets.items.push_back(targetDocument(target));
    jsonAdd(doc, "Targets", std::move(targets));
    return doc;
}

ExportResult exportCliJson(const ExportSelection &selection)
{
    struct Document
    {
        QString operation;
        QString resource;
        json::Value body;
    };
    ExportResult result;
    std::vector<Document> documents;
    for (const CreateEventBusRequest &bus : selection.buses)
        documents.push_back({QStringLiteral("create-event-bus"), bus.name,
                             createEventBusDocument(bus, &result.warnings)});
    for (const ScenarioRule &rule : selection.rules) {
        documents.push_back({QStringLiteral("put-rule"), rule.rule.name,
                             putRuleDocument(rule.rule)});
        if (!rule.targets.empty())
            documents.push_back({QStringLiteral("put-targets"), rule.rule.name,
                                 putTargetsDocument(rule)});
    }
    const int width = std::max(2, int(QString::number(documents.size()).size()));
    for (std::size_t i = 0; i < documents.size(); ++i) {
        const Document &d = documents[i];
        const QString name = QStringLiteral("%1-%2-%3.json")
                                 .arg(int(i + 1), width, 10, QLatin1Char('0'))
                                 .arg(d.operation, d.resource);
        result.files.push_back({name, QByteArray::fromStdString(prettyJson(d.body)), false});
    }
    if (result.files.empty()) {
        result.error = QStringLiteral("the scenario has no event buses or rules to export");
        return result;
    }
    result.ok = true;
    return result;
}

} // namespace ef::io
