#include "core/io/CliJsonImport.h"

#include <QFileInfo>
#include <QRegularExpression>

namespace ef::io {

namespace {

const QString kCreateEventBus = QStringLiteral("create-event-bus");
const QString kPutRule = QStringLiteral("put-rule");
const QString kPutTargets = QStringLiteral("put-targets");

// What awscli 2.9's model has on a Target besides what EventFlow simulates.
const std::initializer_list<const char *> kTargetNotSimulated = {
    "KinesisParameters", "RunCommandParameters", "EcsParameters", "BatchParameters",
    "SqsParameters", "HttpParameters", "RedshiftDataParameters", "SageMakerPipelineParameters"};

} // namespace

QString cliJsonOperation(const QString &fileName, const SourceNode &document)
{
    static const QRegularExpression named(
        QStringLiteral("^[0-9]+-(create-event-bus|put-rule|put-targets)-.+\\.json$"));
    const QRegularExpressionMatch m = named.match(QFileInfo(fileName).fileName());
    if (m.hasMatch())
        return m.captured(1);
    if (!document.isObject())
        return {};
    if (document.find("Targets") || document.find("Rule"))
        return kPutTargets;
    if (document.find("EventPattern") || document.find("ScheduleExpression"))
        return kPutRule;
    if (document.find("Name"))
        return kCreateEventBus;
    return {};
}

bool looksLikeCliJson(const SourceNode &document)
{
    if (!document.isObject())
        return false;
    // Event patterns match envelope fields (source, detail, ...); no event
    // has a top-level Name or Rule, so a pattern never has them either.
    return (document.find("Name") || document.find("Rule"))
           && std::all_of(document.members.begin(), document.members.end(),
                          [](const SourceMember &m) {
                              return !m.key.empty() && m.key[0] >= 'A' && m.key[0] <= 'Z';
                          });
}

void readCliJsonDocument(const SourceNode &document, const QString &operation,
                         ImportReader &reader, ImportedResources &into)
{
    if (!reader.expectObject(document, QString()))
        return;
    auto optionalString = [&](const char *key) -> std::optional<QString> {
        const SourceNode *n = document.find(key);
        return n ? reader.string(*n, QString::fromLatin1(key)) : std::nullopt;
    };
    if (operation == kCreateEventBus) {
        if (!reader.checkMembers(document, QString(), {"Name"}, {"EventSourceName", "Tags"},
                                 {"Name"}))
            return;
        ImportedBus bus;
        bus.bus.name = optionalString("Name").value_or(QString());
        bus.at = reader.at(*document.find("Name"), QStringLiteral("Name"));
        into.buses.push_back(bus);
        return;
    }
    if (operation == kPutRule) {
        if (!reader.checkMembers(document, QString(),
                                 {"Name", "EventBusName", "EventPattern", "ScheduleExpression",
                                  "State", "Description", "RoleArn"},
                                 {"Tags"}, {"Name"}))
            return;
        ImportedRule rule;
        rule.mode = ImportedRule::Mode::RuleOnly;
        rule.at = reader.at(document, QString());
        rule.rule.name = optionalString("Name").value_or(QString());
        rule.rule.eventBusName = optionalString("EventBusName").value_or(QString());
        if (const SourceNode *p = document.find("EventPattern")) {
            // The API carries the pattern as a string; an object is taken too.
            rule.rule.eventPattern = reader.eventPattern(*p, QStringLiteral("EventPattern"));
        }
        rule.rule.scheduleExpression = optionalString("ScheduleExpression");
        rule.rule.state = optionalString("State");
        rule.rule.description = optionalString("Description");
        rule.rule.roleArn = optionalString("RoleArn");
        into.rules.push_back(rule);
        return;
    }
    if (operation == kPutTargets) {
        if (!reader.checkMembers(document, QString(), {"Rule", "EventBusName", "Targets"}, {},
                                 {"Rule", "Targets"}))
            return;
        ImportedRule rule;
        rule.mode = ImportedRule::Mode::TargetsOnly;
        rule.at = reader.at(document, QString());
        rule.rule.name = optionalString("Rule").value_or(QString());
        rule.rule.eventBusName = optionalString("EventBusName").value_or(QString());
        const SourceNode &targets = *document.find("Targets");
        if (!targets.isArray()) {
            reader.problem(targets, QStringLiteral("Targets"),
                           QStringLiteral("expected a list, found %1")
                               .arg(QLatin1String(targets.kindName())));
            return;
        }
        if (targets.items.empty()) {
            // The service's own check (PutTargets needs 1 to 10 targets).
            reader.problem(targets, QStringLiteral("Targets"),
                           QStringLiteral("1 validation error detected: Value '[]' at 'targets' "
                                          "failed to satisfy constraint: Member must have length "
                                          "greater than or equal to 1"));
            return;
        }
        for (std::size_t i = 0; i < targets.items.size(); ++i) {
            const QString path = itemPath(QStringLiteral("Targets"), i);
            if (std::optional<Target> t =
                    reader.target(targets.items[i], path, kTargetNotSimulated)) {
                rule.targets.push_back(*t);
                rule.targetAt.push_back(reader.at(targets.items[i], path));
            }
        }
        into.rules.push_back(rule);
        return;
    }
    reader.problem(document, QString(),
                   QStringLiteral("not a create-event-bus, put-rule or put-targets request "
                                  "document"));
}

} // namespace ef::io
