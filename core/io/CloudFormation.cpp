#include "core/io/CloudFormation.h"

#include "core/bus/Arn.h"
#include "core/io/CliJson.h"
#include "core/io/ExportJsonText.h"
#include "core/io/YamlWriter.h"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace ef::io {

namespace {

const QString kPrefixParameter = QStringLiteral("UsernamePrefix");

json::Value ref(const QString &logicalId)
{
    json::Value v = jsonObject();
    jsonAdd(v, "Ref", jsonString(logicalId));
    return v;
}

json::Value getAtt(const QString &logicalId, const QString &attribute)
{
    json::Value list;
    list.kind = json::Value::Kind::Array;
    list.items.push_back(jsonString(logicalId));
    list.items.push_back(jsonString(attribute));
    json::Value v = jsonObject();
    jsonAdd(v, "Fn::GetAtt", std::move(list));
    return v;
}

// CloudFormation evaluates a one-member object named Ref or Fn::* wherever it
// is, EventPattern included, so such a pattern cannot be carried as written.
bool readsAsIntrinsic(const json::Value &v)
{
    if (v.isObject() && v.members.size() == 1
        && (v.members.front().key == "Ref" || v.members.front().key.rfind("Fn::", 0) == 0))
        return true;
    for (const json::Member &m : v.members) {
        if (readsAsIntrinsic(m.value))
            return true;
    }
    return std::any_of(v.items.begin(), v.items.end(), readsAsIntrinsic);
}

class TemplateBuilder
{
public:
    TemplateBuilder(const ExportSelection &selection, QStringList *warnings)
        : m_selection(selection), m_warnings(warnings)
    {
    }

    json::Value build()
    {
        json::Value resources = jsonObject();
        for (const CreateEventBusRequest &bus : m_selection.buses) {
            const QString id = logicalId(bus.name, QStringLiteral("Bus"));
            m_busIds.insert(bus.name, id);
            json::Value props = jsonObject();
            jsonAdd(props, "Name", name(bus.name));
            if (!bus.description.isEmpty())
                jsonAdd(props, "Description", jsonString(bus.description));
            resources.members.push_back(
                {id.toStdString(), resource("AWS::Events::EventBus", std::move(props))});
        }
        for (const ScenarioRule &rule : m_selection.rules)
            addRule(rule, resources);

        json::Value doc = jsonObject();
        jsonAdd(doc, "AWSTemplateFormatVersion", jsonString(QStringLiteral("2010-09-09")));
        const QString scenario = m_selection.scenarioName.isEmpty()
                                     ? QStringLiteral("an EventFlow scenario")
                                     : QStringLiteral("the EventFlow scenario ")
                                           + m_selection.scenarioName;
        jsonAdd(doc, "Description",
                jsonString(QStringLiteral("EventBridge buses, rules and targets of %1")
                               .arg(scenario)));
        if (!m_parameters.members.empty() || m_prefixUsed) {
            json::Value parameters = jsonObject();
            if (m_prefixUsed) {
                json::Value p = jsonObject();
                jsonAdd(p, "Type", jsonString(QStringLiteral("String")));
                jsonAdd(p, "Default", jsonString(m_selection.settings.usernamePrefix));
                jsonAdd(p, "Description",
                        jsonString(QStringLiteral("Prefix of the resource names "
                                                  "(your username)")));
                jsonAdd(parameters, kPrefixParameter.toStdString(), std::move(p));
            }
            for (auto &member : m_parameters.members)
                parameters.members.push_back(std::move(member));
            jsonAdd(doc, "Parameters", std::move(parameters));
        }
        jsonAdd(doc, "Resources", std::move(resources));
        return doc;
    }

private:
    const ExportSelection &m_selection;
    QStringList *m_warnings;
    QSet<QString> m_usedIds;
    QHash<QString, QString> m_busIds;        // bus name -> logical id
    QHash<QString, QString> m_arnParameters;  // function/queue ARN -> parameter
    json::Value m_parameters = jsonObject();
    bool m_prefixUsed = false;

    static json::Value resource(const char *type, json::Value properties)
    {
        json::Value r = jsonObject();
        jsonAdd(r, "Type", json::Value::string(type));
        jsonAdd(r, "Properties", std::move(properties));
        return r;
    }

    // "user3-order-processing-rule" + "Rule" -> "OrderProcessingRule"
    QString logicalId(const QString &name, const QString &suffix)
    {
        QString base = stripPrefix(name);
        QString id;
        for (const QString &part : base.split(QRegularExpression(QStringLiteral("[^A-Za-z0-9]+")),
                                              Qt::SkipEmptyParts))
            id += part.left(1).toUpper() + part.mid(1);
        if (id.isEmpty() || id.front().isDigit())
            id.prepend(QLatin1Char('R'));
        // "AuditQueue" + "QueueArn" -> "AuditQueueArn", "OrderRule" + "Rule" -> "OrderRule"
        for (qsizetype k = suffix.size(); k >= 0; --k) {
            if (k == 0 || (id.endsWith(suffix.left(k))
                           && (k == suffix.size() || suffix.at(k).isUpper()))) {
                id += suffix.mid(k);
                break;
            }
        }
        id = id.left(200);
        QString unique = id;
        for (int n = 2; m_usedIds.contains(unique); ++n)
            unique = id + QString::number(n);
        m_usedIds.insert(unique);
        return unique;
    }

    QString stripPrefix(const QString &name) const
    {
        const QString prefix = m_selection.settings.usernamePrefix + QLatin1Char('-');
        if (!m_selection.settings.usernamePrefix.isEmpty() && name.startsWith(prefix)
            && name.size() > prefix.size())
            return name.mid(prefix.size());
        return name;
    }

    json::Value name(const QString &name)
    {
        const QString rest = stripPrefix(name);
        if (rest == name)
            return jsonString(name);
        m_prefixUsed = true;
        json::Value v = jsonObject();
        jsonAdd(v, "Fn::Sub", jsonString(QStringLiteral("${%1}-%2").arg(kPrefixParameter, rest)));
        return v;
    }

    // A Lambda function or SQS queue ARN becomes a parameter; a bus of this
    // template its !GetAtt; anything else stays as written.
    json::Value arn(const QString &value)
    {
        const std::optional<Arn> arn = Arn::parse(value);
        if (!arn)
            return jsonString(value);
        if (arn->service == QLatin1String("events")
            && arn->resource.startsWith(QLatin1String("event-bus/"))) {
            const QString bus = arn->resource.mid(int(sizeof("event-bus/")) - 1);
            if (m_busIds.contains(bus))
                return getAtt(m_busIds.value(bus), QStringLiteral("Arn"));
        }
        QString kind;
        QString resourceName;
        if (arn->service == QLatin1String("lambda")
            && arn->resource.startsWith(QLatin1String("function:"))) {
            kind = QStringLiteral("Lambda function");
            resourceName = arn->resource.mid(int(sizeof("function:")) - 1);
            // A qualified ARN (function:name:alias) names the same function.
            resourceName = resourceName.section(QLatin1Char(':'), 0, 0);
        } else if (arn->service == QLatin1String("sqs")) {
            kind = QStringLiteral("SQS queue");
            resourceName = arn->resource;
        } else {
            return jsonString(value);
        }
        QString id = m_arnParameters.value(value);
        if (id.isEmpty()) {
            const QString suffix = kind.startsWith(QLatin1String("Lambda"))
                                       ? QStringLiteral("FunctionArn")
                                       : QStringLiteral("QueueArn");
            id = logicalId(resourceName, suffix);
            m_arnParameters.insert(value, id);
            json::Value p = jsonObject();
            jsonAdd(p, "Type", jsonString(QStringLiteral("String")));
            jsonAdd(p, "Default", jsonString(value));
            jsonAdd(p, "Description",
                    jsonString(QStringLiteral("ARN of the %1 %2").arg(kind, resourceName)));
            jsonAdd(m_parameters, id.toStdString(), std::move(p));
        }
        return ref(id);
    }

    json::Value busRef(const QString &bus)
    {
        if (bus.startsWith(QLatin1String("arn:"))) {
            const QString name = ruleBusName(PutRuleRequest{QString(), bus, {}, {}, {}, {}, {}});
            if (m_busIds.contains(name))
                return getAtt(m_busIds.value(name), QStringLiteral("Arn"));
            return jsonString(bus);
        }
        if (m_busIds.contains(bus))
            return ref(m_busIds.value(bus));
        return name(bus);
    }

    void addRule(const ScenarioRule &rule, json::Value &resources)
    {
        const PutRuleRequest &r = rule.rule;
        const QString id = logicalId(r.name, QStringLiteral("Rule"));
        json::Value props = jsonObject();
        jsonAdd(props, "Name", name(r.name));
        if (!isDefaultBus(r.eventBusName))
            jsonAdd(props, "EventBusName", busRef(r.eventBusName));
        if (r.description)
            jsonAdd(props, "Description", jsonString(*r.description));
        jsonAdd(props, "State", jsonString(r.state.value_or(QStringLiteral("ENABLED"))));
        if (r.eventPattern) {
            QString error;
            std::optional<json::Value> pattern = parsedPattern(r, &error);
            if (pattern) {
                if (readsAsIntrinsic(*pattern)) {
                    // A Json property also takes JSON text, which CloudFormation
                    // passes on without evaluating it.
                    m_warnings->append(QStringLiteral("rule %1: its pattern has an object whose "
                                                      "only field is Ref or Fn::..., which "
                                                      "CloudFormation reads as a function; "
                                                      "it is written as a JSON string")
                                           .arg(r.name));
                    jsonAdd(props, "EventPattern", jsonString(*r.eventPattern));
                } else {
                    jsonAdd(props, "EventPattern", std::move(*pattern));
                }
            } else {
                m_warnings->append(error);
                jsonAdd(props, "EventPattern", jsonString(*r.eventPattern));
            }
        }
        if (r.scheduleExpression)
            jsonAdd(props, "ScheduleExpression", jsonString(*r.scheduleExpression));
        if (r.roleArn && !r.roleArn->isEmpty())
            jsonAdd(props, "RoleArn", jsonString(*r.roleArn));
        std::vector<std::pair<QString, json::Value>> permissions;
        if (!rule.targets.empty()) {
            json::Value targets;
            targets.kind = json::Value::Kind::Array;
            for (const Target &target : rule.targets) {
                json::Value t = targetDocument(target);
                for (auto &[key, value] : t.members) {
                    if (key == "Arn")
                        value = arn(target.arn);
                    if (key == "DeadLetterConfig")
                        value.members.front().value = arn(target.deadLetterConfig->arn);
                }
                targets.items.push_back(std::move(t));
                const std::optional<Arn> parsed = Arn::parse(target.arn);
                const bool granted =
                    std::any_of(permissions.begin(), permissions.end(),
                                [&](const auto &p) { return p.first == target.arn; });
                if (parsed && parsed->service == QLatin1String("lambda") && !granted)
                    permissions.emplace_back(target.arn, arn(target.arn));
            }
            jsonAdd(props, "Targets", std::move(targets));
        }
        resources.members.push_back(
            {id.toStdString(), resource("AWS::Events::Rule", std::move(props))});
        for (auto &[functionArn, functionRef] : permissions) {
            const QString function = functionArn.section(QLatin1Char(':'), 6, 6);
            json::Value p = jsonObject();
            jsonAdd(p, "FunctionName", std::move(functionRef));
            jsonAdd(p, "Action", jsonString(QStringLiteral("lambda:InvokeFunction")));
            jsonAdd(p, "Principal", jsonString(QStringLiteral("events.amazonaws.com")));
            jsonAdd(p, "SourceArn", getAtt(id, QStringLiteral("Arn")));
            const QString permissionId =
                logicalId(id + QLatin1Char('-') + stripPrefix(function),
                          QStringLiteral("Permission"));
            resources.members.push_back({permissionId.toStdString(),
                                         resource("AWS::Lambda::Permission", std::move(p))});
        }
    }
};

} // namespace

json::Value cloudFormationTemplate(const ExportSelection &selection, QStringList *warnings)
{
    return TemplateBuilder(selection, warnings).build();
}

ExportResult exportCloudFormationJson(const ExportSelection &selection)
{
    ExportResult result;
    const json::Value doc = cloudFormationTemplate(selection, &result.warnings);
    result.files.push_back({QStringLiteral("template.json"),
                            QByteArray::fromStdString(prettyJson(doc)), false});
    result.ok = true;
    return result;
}

ExportResult exportCloudFormationYaml(const ExportSelection &selection)
{
    ExportResult result;
    const json::Value doc = cloudFormationTemplate(selection, &result.warnings);
    result.files.push_back({QStringLiteral("template.yaml"),
                            QByteArray::fromStdString(cloudFormationYaml(doc)), false});
    result.ok = true;
    return result;
}

} // namespace ef::io
