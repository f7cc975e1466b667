#include "core/io/CloudFormationImport.h"

#include "core/bus/Arn.h"
#include "core/io/ExportSelection.h"

#include <QHash>
#include <QSet>

namespace ef::io {

namespace {

const char *const kEventBus = "AWS::Events::EventBus";
const char *const kRule = "AWS::Events::Rule";

class TemplateReader
{
public:
    TemplateReader(const SourceNode &document, const ScenarioSettings &settings,
                   ImportReader &reader)
        : m_settings(settings), m_reader(reader)
    {
        if (const SourceNode *parameters = document.find("Parameters");
            parameters && parameters->isObject()) {
            for (const SourceMember &m : parameters->members)
                m_parameters.insert(QString::fromStdString(m.key), &m.value);
        }
        if (const SourceNode *resources = document.find("Resources");
            resources && resources->isObject()) {
            for (const SourceMember &m : resources->members)
                m_resources.insert(QString::fromStdString(m.key), &m.value);
        }
        m_reader.resolve = [this](const SourceNode &node, const QString &path) {
            return evaluate(node, path);
        };
    }

    ~TemplateReader() { m_reader.resolve = nullptr; }

    std::optional<QString> evaluate(const SourceNode &node, const QString &path)
    {
        if (node.isString() || node.isNumber())
            return node.string();
        if (!node.isObject() || node.members.size() != 1) {
            m_reader.problem(node, path, QStringLiteral("expected a string, found %1")
                                             .arg(QLatin1String(node.kindName())));
            return std::nullopt;
        }
        if (++m_depth > 32) {  // a resource whose name refers to itself
            --m_depth;
            m_reader.problem(node, path, QStringLiteral("references loop back on themselves"));
            return std::nullopt;
        }
        const SourceMember &fn = node.members.front();
        const QString where = childPath(path, fn.key);
        std::optional<QString> value;
        if (fn.key == "Ref")
            value = ref(fn.value, where);
        else if (fn.key == "Fn::GetAtt")
            value = getAtt(fn.value, where);
        else if (fn.key == "Fn::Sub")
            value = sub(fn.value, where);
        else if (fn.key == "Fn::Join")
            value = join(fn.value, where);
        else
            m_reader.problem(node, path,
                             QStringLiteral("%1 is not supported by EventFlow's import (Ref, "
                                            "Fn::GetAtt, Fn::Sub and Fn::Join are)")
                                 .arg(QString::fromStdString(fn.key)));
        --m_depth;
        return value;
    }

    std::optional<QString> usernamePrefix() const
    {
        const SourceNode *p = m_parameters.value(QStringLiteral("UsernamePrefix"));
        const SourceNode *d = p && p->isObject() ? p->find("Default") : nullptr;
        if (d && (d->isString() || d->isNumber()))
            return d->string();
        return std::nullopt;
    }

private:
    const ScenarioSettings &m_settings;
    ImportReader &m_reader;
    QHash<QString, const SourceNode *> m_parameters;
    QHash<QString, const SourceNode *> m_resources;
    int m_depth = 0;

    QString resourceType(const QString &logicalId) const
    {
        const SourceNode *r = m_resources.value(logicalId);
        const SourceNode *type = r && r->isObject() ? r->find("Type") : nullptr;
        return type && type->isString() ? type->string() : QString();
    }

    // The Name property of a bus or rule resource, evaluated.
    std::optional<QString> resourceName(const QString &logicalId, const QString &path)
    {
        const SourceNode *r = m_resources.value(logicalId);
        const SourceNode *props = r->find("Properties");
        const SourceNode *name = props && props->isObject() ? props->find("Name") : nullptr;
        if (!name)
            return logicalId;  // as the template reader names an unnamed resource
        return evaluate(*name, path);
    }

    std::optional<QString> pseudo(const QString &name) const
    {
        if (name == QLatin1String("AWS::Region"))
            return m_settings.region;
        if (name == QLatin1String("AWS::AccountId"))
            return m_settings.account;
        if (name == QLatin1String("AWS::Partition"))
            return QStringLiteral("aws");
        if (name == QLatin1String("AWS::URLSuffix"))
            return QStringLiteral("amazonaws.com");
        return std::nullopt;
    }

    std::optional<QString> refName(const QString &name, const SourceNode &at, const QString &path)
    {
        if (std::optional<QString> p = pseudo(name))
            return p;
        if (const SourceNode *parameter = m_parameters.value(name)) {
            const SourceNode *d = parameter->isObject() ? parameter->find("Default") : nullptr;
            if (d && (d->isString() || d->isNumber()))
                return d->string();
            m_reader.problem(at, path,
                             QStringLiteral("parameter %1 has no Default for the import to use")
                                 .arg(name));
            return std::nullopt;
        }
        if (m_resources.contains(name)) {
            // Ref of an event bus is its name; of a rule, its name too.
            const QString type = resourceType(name);
            if (type == QLatin1String(kEventBus) || type == QLatin1String(kRule))
                return resourceName(name, path);
            m_reader.problem(at, path, QStringLiteral("Ref of %1 (%2) cannot be evaluated "
                                                      "by EventFlow").arg(name, type));
            return std::nullopt;
        }
        m_reader.problem(at, path,
                         QStringLiteral("Ref names %1, which is no parameter or resource of the "
                                        "template").arg(name));
        return std::nullopt;
    }

    std::optional<QString> ref(const SourceNode &arg, const QString &path)
    {
        if (!arg.isString()) {
            m_reader.problem(arg, path, QStringLiteral("Ref takes a name"));
            return std::nullopt;
        }
        return refName(arg.string(), arg, path);
    }

    std::optional<QString> attribute(const QString &logicalId, const QString &attr,
                                     const SourceNode &at, const QString &path)
    {
        const QString type = resourceType(logicalId);
        if (type.isEmpty()) {
            m_reader.problem(at, path, QStringLiteral("Fn::GetAtt names %1, which is no "
                                                      "resource of the template").arg(logicalId));
            return std::nullopt;
        }
        const bool bus = type == QLatin1String(kEventBus);
        const bool rule = type == QLatin1String(kRule);
        std::optional<QString> name;
        if (bus || rule) {
            name = resourceName(logicalId, path);
            if (!name)
                return std::nullopt;
        }
        if (bus && attr == QLatin1String("Name"))
            return name;
        if (bus && attr == QLatin1String("Arn"))
            return Arn::eventBus(m_settings.region, m_settings.account, *name);
        if (rule && attr == QLatin1String("Arn")) {
            QString busName = QStringLiteral("default");
            const SourceNode *props = m_resources.value(logicalId)->find("Properties");
            if (const SourceNode *b = props ? props->find("EventBusName") : nullptr) {
                const std::optional<QString> evaluated = evaluate(*b, path);
                if (!evaluated)
                    return std::nullopt;
                busName = ruleBusName(PutRuleRequest{QString(), *evaluated, {}, {}, {}, {}, {}});
            }
            return Arn::rule(m_settings.region, m_settings.account, busName, *name);
        }
        m_reader.problem(at, path, QStringLiteral("Fn::GetAtt %1.%2 cannot be evaluated by "
                                                  "EventFlow").arg(logicalId, attr));
        return std::nullopt;
    }

    std::optional<QString> getAtt(const SourceNode &arg, const QString &path)
    {
        if (!arg.isArray() || arg.items.size() != 2 || !arg.items[0].isString()
            || !arg.items[1].isString()) {
            m_reader.problem(arg, path, QStringLiteral("Fn::GetAtt takes [resource, attribute]"));
            return std::nullopt;
        }
        return attribute(arg.items[0].string(), arg.items[1].string(), arg, path);
    }

    std::optional<QString> sub(const SourceNode &arg, const QString &path)
    {
        const SourceNode *text = &arg;
        const SourceNode *variables = nullptr;
        if (arg.isArray() && arg.items.size() == 2) {
            text = &arg.items[0];
            variables = &arg.items[1];
        }
        if (!text->isString() || (variables && !variables->isObject())) {
            m_reader.problem(arg, path,
                             QStringLiteral("Fn::Sub takes a string, or [string, {variables}]"));
            return std::nullopt;
        }
        const QString s = text->string();
        QString out;
        for (qsizetype i = 0; i < s.size();) {
            if (s.mid(i, 3) == QLatin1String("${!")) {  // ${!Literal} is "${Literal}"
                out += QStringLiteral("${");
                i += 3;
                continue;
            }
            if (s.mid(i, 2) != QLatin1String("${")) {
                out += s[i++];
                continue;
            }
            const qsizetype end = s.indexOf(QLatin1Char('}'), i);
            if (end < 0) {
                m_reader.problem(*text, path, QStringLiteral("Fn::Sub: unclosed ${"));
                return std::nullopt;
            }
            const QString name = s.mid(i + 2, end - i - 2).trimmed();
            i = end + 1;
            std::optional<QString> value;
            if (const SourceNode *v = variables ? variables->find(name.toStdString()) : nullptr)
                value = evaluate(*v, path);
            else if (name.contains(QLatin1Char('.')) && !name.startsWith(QLatin1String("AWS::")))
                value = attribute(name.section(QLatin1Char('.'), 0, 0),
                                  name.section(QLatin1Char('.'), 1), *text, path);
            else
                value = refName(name, *text, path);
            if (!value)
                return std::nullopt;
            out += *value;
        }
        return out;
    }

    std::optional<QString> join(const SourceNode &arg, const QString &path)
    {
        if (!arg.isArray() || arg.items.size() != 2 || !arg.items[0].isString()
            || !arg.items[1].isArray()) {
            m_reader.problem(arg, path, QStringLiteral("Fn::Join takes [delimiter, [values]]"));
            return std::nullopt;
        }
        QStringList parts;
        for (std::size_t i = 0; i < arg.items[1].items.size(); ++i) {
            const std::optional<QString> part = evaluate(arg.items[1].items[i], path);
            if (!part)
                return std::nullopt;
            parts << *part;
        }
        return parts.join(arg.items[0].string());
    }
};

const std::initializer_list<const char *> kCfnTargetNotSimulated = {
    "KinesisParameters", "RunCommandParameters", "EcsParameters", "BatchParameters",
    "SqsParameters", "HttpParameters", "RedshiftDataParameters",
    "SageMakerPipelineParameters", "AppSyncParameters"};

void readBus(const SourceNode &props, const QString &path, const QString &logicalId,
             ImportReader &reader, ImportedResources &into)
{
    if (!reader.checkMembers(props, path, {"Name", "Description"},
                             {"EventSourceName", "Tags", "Policy", "KmsKeyIdentifier",
                              "DeadLetterConfig"},
                             {"Name"}))
        return;
    ImportedBus bus;
    bus.at = reader.at(*props.find("Name"), childPath(path, "Name"));
    bus.bus.name = reader.string(*props.find("Name"), childPath(path, "Name")).value_or(logicalId);
    if (const SourceNode *d = props.find("Description"))
        bus.bus.description =
            reader.string(*d, childPath(path, "Description")).value_or(QString());
    into.buses.push_back(bus);
}

void readRule(const SourceNode &props, const QString &path, const QString &logicalId,
              ImportReader &reader, ImportedResources &into)
{
    if (!reader.checkMembers(props, path,
                             {"Name", "EventBusName", "EventPattern", "ScheduleExpression",
                              "State", "Description", "RoleArn", "Targets"},
                             {}, {}))
        return;
    ImportedRule rule;
    rule.at = reader.at(props, path);
    auto optionalString = [&](const char *key) -> std::optional<QString> {
        const SourceNode *n = props.find(key);
        return n ? reader.string(*n, childPath(path, key)) : std::nullopt;
    };
    if (const std::optional<QString> name = optionalString("Name")) {
        rule.rule.name = *name;
    } else if (!props.find("Name")) {
        rule.rule.name = logicalId;
        reader.warning(props, path, QStringLiteral("no Name: the rule is named %1, its logical "
                                                   "id").arg(logicalId));
    }
    if (const std::optional<QString> bus = optionalString("EventBusName"))
        rule.rule.eventBusName = ruleBusName(PutRuleRequest{QString(), *bus, {}, {}, {}, {}, {}});
    if (const SourceNode *p = props.find("EventPattern"))
        rule.rule.eventPattern = reader.eventPattern(*p, childPath(path, "EventPattern"));
    rule.rule.scheduleExpression = optionalString("ScheduleExpression");
    rule.rule.state = optionalString("State");
    rule.rule.description = optionalString("Description");
    rule.rule.roleArn = optionalString("RoleArn");
    if (const SourceNode *targets = props.find("Targets")) {
        const QString where = childPath(path, "Targets");
        if (!targets->isArray()) {
            reader.problem(*targets, where, QStringLiteral("expected a list, found %1")
                                                .arg(QLatin1String(targets->kindName())));
        } else {
            for (std::size_t i = 0; i < targets->items.size(); ++i) {
                const QString at = itemPath(where, i);
                if (std::optional<Target> t =
                        reader.target(targets->items[i], at, kCfnTargetNotSimulated)) {
                    rule.targets.push_back(*t);
                    rule.targetAt.push_back(reader.at(targets->items[i], at));
                }
            }
        }
    }
    into.rules.push_back(rule);
}

} // namespace

bool looksLikeCloudFormation(const SourceNode &document)
{
    return document.isObject()
           && (document.find("AWSTemplateFormatVersion") || document.find("Resources"));
}

void readCloudFormation(const SourceNode &document, const ScenarioSettings &settings,
                        ImportReader &reader, ImportedResources &into, QStringList &skipped)
{
    if (!reader.expectObject(document, QString()))
        return;
    const SourceNode *resources = document.find("Resources");
    if (!resources) {
        reader.problem(document, QString(), QStringLiteral("the template has no Resources"));
        return;
    }
    if (!reader.expectObject(*resources, QStringLiteral("Resources")))
        return;
    TemplateReader evaluator(document, settings, reader);
    into.usernamePrefix = evaluator.usernamePrefix();
    for (const SourceMember &m : resources->members) {
        const QString id = QString::fromStdString(m.key);
        const QString path = childPath(QStringLiteral("Resources"), m.key);
        if (!reader.expectObject(m.value, path))
            continue;
        const SourceNode *type = m.value.find("Type");
        if (!type || !type->isString()) {
            reader.problem(m.value, path, QStringLiteral("a resource needs a Type"));
            continue;
        }
        const bool bus = type->text == kEventBus;
        if (!bus && type->text != kRule) {
            skipped << QStringLiteral("%1 (%2): skipped, EventFlow imports only %3 and %4")
                           .arg(path, type->string(), QLatin1String(kEventBus),
                                QLatin1String(kRule));
            continue;
        }
        const SourceNode *props = m.value.find("Properties");
        const QString propsPath = childPath(path, "Properties");
        if (!props) {
            reader.problem(m.value, path, QStringLiteral("required member Properties is missing"));
            continue;
        }
        if (!reader.expectObject(*props, propsPath))
            continue;
        if (bus)
            readBus(*props, propsPath, id, reader, into);
        else
            readRule(*props, propsPath, id, reader, into);
    }
}

} // namespace ef::io
