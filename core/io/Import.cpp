#include "core/io/Import.h"

#include "core/io/CliJsonImport.h"
#include "core/io/CloudFormationImport.h"
#include "core/io/ExportSelection.h"
#include "core/io/ImportReader.h"
#include "core/io/ImportValidation.h"
#include "core/io/ScenarioFile.h"
#include "core/io/YamlReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace ef::io {

namespace {

bool isYamlName(const QString &fileName)
{
    const QString suffix = QFileInfo(fileName).suffix().toLower();
    return suffix == QLatin1String("yaml") || suffix == QLatin1String("yml")
           || suffix == QLatin1String("template");
}

void readPattern(const SourceNode &document, const ImportOptions &options, ImportReader &reader,
                 ImportedResources &into)
{
    if (options.ruleName.isEmpty()) {
        reader.problem(document, QString(),
                       QStringLiteral("this is an event pattern: the import needs the name of "
                                      "the rule it becomes (and its bus, else default)"));
        return;
    }
    ImportedRule rule;
    rule.mode = ImportedRule::Mode::RuleOnly;
    rule.at = reader.at(document, QString());
    rule.rule.name = options.ruleName;
    rule.rule.eventBusName = options.eventBusName;
    rule.rule.eventPattern = reader.eventPattern(document, QString());
    into.rules.push_back(rule);
}

// The node a scenario file's error path ("$.rules[2].targets[0].Arn") names,
// as far as it exists; its line.
int lineOfPath(const SourceNode &root, const QString &path)
{
    static const QRegularExpression step(QStringLiteral("\\.([^.\\[]+)|\\[([0-9]+)\\]"));
    const SourceNode *node = &root;
    QRegularExpressionMatchIterator it = step.globalMatch(path.section(QLatin1Char(':'), 0, 0));
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        const SourceNode *next = nullptr;
        if (!m.captured(1).isEmpty()) {
            next = node->find(m.captured(1).toStdString());
        } else {
            const std::size_t index = m.captured(2).toULongLong();
            if (node->isArray() && index < node->items.size())
                next = &node->items[index];
        }
        if (!next)
            break;
        node = next;
    }
    return node->line;
}

bool isScenarioFile(const SourceNode &document)
{
    const SourceNode *format = document.isObject() ? document.find("format") : nullptr;
    return format && format->isString() && format->text == "eventflow-scenario";
}

// An EventFlow scenario file, checked by its own loader; its errors carry
// JSON paths, to which the lines are added here.
void readScenario(const QByteArray &bytes, const SourceNode &document, ImportReader &reader,
                  ImportedResources &into)
{
    const ScenarioLoad loaded = ScenarioFile::parse(bytes);
    if (!loaded.ok()) {
        for (const QString &error : loaded.errors) {
            const qsizetype colon = error.indexOf(QStringLiteral(": "));
            const QString path = colon > 0 ? error.left(colon) : QString();
            reader.problem(lineOfPath(document, path), path,
                           colon > 0 ? error.mid(colon + 2) : error);
        }
        return;
    }
    const Scenario &s = *loaded.scenario;
    for (std::size_t i = 0; i < s.buses.size(); ++i) {
        const QString path = itemPath(QStringLiteral("$.buses"), i);
        into.buses.push_back({s.buses[i], {reader.file(), path, lineOfPath(document, path)}});
    }
    for (std::size_t i = 0; i < s.rules.size(); ++i) {
        const QString path = itemPath(QStringLiteral("$.rules"), i);
        ImportedRule rule;
        rule.rule = s.rules[i].rule;
        rule.targets = s.rules[i].targets;
        rule.at = {reader.file(), path, lineOfPath(document, path)};
        for (std::size_t t = 0; t < rule.targets.size(); ++t) {
            const QString targetPath = itemPath(path + QStringLiteral(".targets"), t);
            rule.targetAt.push_back({reader.file(), targetPath, lineOfPath(document, targetPath)});
        }
        into.rules.push_back(rule);
    }
    into.scenario = s;
}

bool sameRule(const PutRuleRequest &a, const PutRuleRequest &b)
{
    return a.name == b.name && ruleBusName(a) == ruleBusName(b);
}

// `into` with the file's resources, as the API would leave it.
Scenario merged(const Scenario &into, const ImportedResources &resources)
{
    if (resources.scenario && into.buses.empty() && into.rules.empty()
        && into.consumers.empty())
        return *resources.scenario;  // a scenario file into nothing: the file itself
    Scenario s = into;
    if (resources.scenario) {
        // Its functions and queues come along (by name), as its rules need them.
        for (const QJsonObject &consumer : resources.scenario->consumers) {
            const QString name = consumer.value(QStringLiteral("name")).toString();
            auto it = std::find_if(s.consumers.begin(), s.consumers.end(),
                                   [&](const QJsonObject &c) {
                                       return c.value(QStringLiteral("name")).toString() == name;
                                   });
            if (it == s.consumers.end())
                s.consumers.push_back(consumer);
            else
                *it = consumer;
        }
        for (const ScenarioQueue &queue : resources.scenario->queues) {
            if (std::none_of(s.queues.begin(), s.queues.end(),
                             [&](const ScenarioQueue &q) { return q.name == queue.name; }))
                s.queues.push_back(queue);
        }
    }
    for (const ImportedBus &bus : resources.buses) {
        auto it = std::find_if(
            s.buses.begin(), s.buses.end(),
            [&](const CreateEventBusRequest &b) { return b.name == bus.bus.name; });
        if (it == s.buses.end())
            s.buses.push_back(bus.bus);
        else if (!bus.bus.description.isEmpty())
            it->description = bus.bus.description;
    }
    for (const ImportedRule &rule : resources.rules) {
        auto it = std::find_if(s.rules.begin(), s.rules.end(), [&](const ScenarioRule &r) {
            return sameRule(r.rule, rule.rule);
        });
        if (it == s.rules.end()) {
            s.rules.push_back({rule.rule, rule.targets});
            continue;
        }
        switch (rule.mode) {
        case ImportedRule::Mode::RuleAndTargets:
            *it = {rule.rule, rule.targets};
            break;
        case ImportedRule::Mode::RuleOnly:
            it->rule.eventPattern = rule.rule.eventPattern;
            it->rule.scheduleExpression = rule.rule.scheduleExpression;
            if (rule.rule.state)
                it->rule.state = rule.rule.state;
            if (rule.rule.description)
                it->rule.description = rule.rule.description;
            if (rule.rule.roleArn)
                it->rule.roleArn = rule.rule.roleArn;
            break;
        case ImportedRule::Mode::TargetsOnly:
            for (const Target &t : rule.targets) {
                auto old = std::find_if(it->targets.begin(), it->targets.end(),
                                        [&](const Target &o) { return o.id == t.id; });
                if (old == it->targets.end())
                    it->targets.push_back(t);
                else
                    *old = t;
            }
            break;
        }
    }
    if (resources.usernamePrefix && into.buses.empty() && into.rules.empty())
        s.settings.usernamePrefix = *resources.usernamePrefix;
    return s;
}

// `source`: the file (or directory) imported, named by a problem that has no
// line of its own.
ImportResult finish(ImportResult result, const Scenario &into, const ImportedResources &resources,
                    const QString &source)
{
    if (!result.problems.empty())
        return result;
    if (resources.buses.empty() && resources.rules.empty()) {
        result.problems.push_back({source, 0, QString(),
                                   QStringLiteral("the file holds no event buses or rules")});
        return result;
    }
    validateOnEngine(into, resources, result.problems);
    if (!result.problems.empty())
        return result;
    result.scenario = merged(into, resources);
    result.buses = int(resources.buses.size());
    for (const ImportedRule &rule : resources.rules) {
        result.rules += rule.mode == ImportedRule::Mode::TargetsOnly ? 0 : 1;
        result.targets += int(rule.targets.size());
    }
    result.ok = true;
    return result;
}

} // namespace

QString importFormatName(ImportFormat format)
{
    switch (format) {
    case ImportFormat::PatternJson: return QStringLiteral("pattern JSON");
    case ImportFormat::CliJson: return QStringLiteral("AWS CLI input JSON");
    case ImportFormat::CloudFormationJson: return QStringLiteral("CloudFormation (JSON)");
    case ImportFormat::CloudFormationYaml: return QStringLiteral("CloudFormation (YAML)");
    case ImportFormat::Scenario: return QStringLiteral("EventFlow scenario");
    }
    return {};
}

QString ImportResult::problemText() const
{
    QStringList lines;
    for (const ImportProblem &p : problems)
        lines << p.text();
    return lines.join(QLatin1Char('\n'));
}

ImportResult importBytes(const QByteArray &bytes, const QString &fileName, const Scenario &into,
                         const ImportOptions &options)
{
    ImportResult result;
    ImportedResources resources;
    ImportReader reader(fileName, result.problems, result.warnings);
    SourceNode document;
    ImportProblem parseProblem;
    parseProblem.file = fileName;
    const std::string_view text(bytes.constData(), std::size_t(bytes.size()));
    bool yaml = isYamlName(fileName);
    bool parsed = false;
    if (!yaml) {
        parsed = parseJsonDocument(text, document, parseProblem);
        // A template saved without a .yaml name is still a template.
        if (!parsed && QFileInfo(fileName).suffix().toLower() != QLatin1String("json")) {
            SourceNode asYaml;
            ImportProblem yamlProblem;
            if (parseYamlDocument(text, asYaml, yamlProblem) && looksLikeCloudFormation(asYaml)) {
                document = std::move(asYaml);
                yaml = true;
                parsed = true;
            }
        }
    } else {
        parsed = parseYamlDocument(text, document, parseProblem);
    }
    if (!parsed) {
        result.problems.push_back(parseProblem);
        return result;
    }
    if (!yaml && isScenarioFile(document)) {
        result.format = ImportFormat::Scenario;
        readScenario(bytes, document, reader, resources);
    } else if (yaml) {
        result.format = ImportFormat::CloudFormationYaml;
        if (!looksLikeCloudFormation(document)) {
            reader.problem(document, QString(),
                           QStringLiteral("not a CloudFormation template (it has no Resources)"));
            return result;
        }
        readCloudFormation(document, into.settings, reader, resources, result.skipped);
    } else if (looksLikeCloudFormation(document)) {
        result.format = ImportFormat::CloudFormationJson;
        readCloudFormation(document, into.settings, reader, resources, result.skipped);
    } else if (looksLikeCliJson(document)) {
        result.format = ImportFormat::CliJson;
        readCliJsonDocument(document, cliJsonOperation(fileName, document), reader, resources);
    } else if (document.isObject()) {
        result.format = ImportFormat::PatternJson;
        readPattern(document, options, reader, resources);
    } else {
        reader.problem(document, QString(),
                       QStringLiteral("expected a JSON object (a pattern, a request document, a "
                                      "template or a scenario), found %1")
                           .arg(QLatin1String(document.kindName())));
        return result;
    }
    return finish(std::move(result), into, resources, fileName);
}

ImportResult importFile(const QString &path, const Scenario &into, const ImportOptions &options)
{
    const QFileInfo info(path);
    if (!info.isDir()) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            ImportResult result;
            result.problems.push_back({path, 0, QString(),
                                       QStringLiteral("cannot read: %1").arg(file.errorString())});
            return result;
        }
        return importBytes(file.readAll(), path, into, options);
    }
    // A directory of request documents, run in file-name order (NN-...).
    ImportResult result;
    result.format = ImportFormat::CliJson;
    ImportedResources resources;
    const QStringList names =
        QDir(path).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    if (names.isEmpty()) {
        result.problems.push_back({path, 0, QString(),
                                   QStringLiteral("no *.json request documents in the "
                                                  "directory")});
        return result;
    }
    for (const QString &name : names) {
        const QString filePath = QDir(path).filePath(name);
        ImportReader reader(filePath, result.problems, result.warnings);
        QFile file(filePath);
        if (!file.open(QIODevice::ReadOnly)) {
            reader.problem(0, QString(),
                           QStringLiteral("cannot read: %1").arg(file.errorString()));
            continue;
        }
        const QByteArray bytes = file.readAll();
        SourceNode document;
        ImportProblem problem;
        problem.file = filePath;
        if (!parseJsonDocument(std::string_view(bytes.constData(), std::size_t(bytes.size())),
                               document, problem)) {
            result.problems.push_back(problem);
            continue;
        }
        const QString operation = cliJsonOperation(name, document);
        if (operation.isEmpty() || !looksLikeCliJson(document)) {
            reader.problem(document, QString(),
                           QStringLiteral("not a create-event-bus, put-rule or put-targets "
                                          "request document"));
            continue;
        }
        readCliJsonDocument(document, operation, reader, resources);
    }
    return finish(std::move(result), into, resources, path);
}

} // namespace ef::io
