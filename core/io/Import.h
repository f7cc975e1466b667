#pragma once

// Import of what others exported: a pattern JSON file (the rule's name and
// bus come from ImportOptions), AWS CLI input JSON documents (one file, or a
// directory of NN-<operation>-<resource>.json as `eventflow export --format
// cli-json` writes), CloudFormation templates in YAML or JSON (their
// AWS::Events::EventBus and AWS::Events::Rule resources; other resources are
// listed as skipped), and EventFlow scenario files.
//
// Every problem is reported with its file, line and path; a file with any
// problem imports nothing. What passes the readers is then tried on a
// scratch engine holding the scenario it goes into, so names, limits and
// patterns are judged by the same code, in the same words, as the API's.
// The window's File > Import menu and `eventflow import` both call this.

#include "core/io/ImportDocument.h"
#include "core/io/Scenario.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ef::io {

enum class ImportFormat { PatternJson, CliJson, CloudFormationJson, CloudFormationYaml, Scenario };
QString importFormatName(ImportFormat format);

struct ImportOptions
{
    QString ruleName;      // pattern JSON: the rule it becomes (required)
    QString eventBusName;  // pattern JSON: its bus (empty: "default")
};

struct SourceLocation
{
    QString file;
    QString path;
    int line = 0;
};

// What one file holds, before it is applied.
struct ImportedBus
{
    CreateEventBusRequest bus;
    SourceLocation at;
};

struct ImportedRule
{
    // PutRule keeps a rule's targets; PutTargets adds to (or replaces by Id)
    // the targets of a rule that exists; a template or scenario says both.
    enum class Mode { RuleAndTargets, RuleOnly, TargetsOnly };
    Mode mode = Mode::RuleAndTargets;
    PutRuleRequest rule;  // TargetsOnly: name and eventBusName only
    std::vector<Target> targets;
    SourceLocation at;
    std::vector<SourceLocation> targetAt;  // one per target
};

struct ImportedResources
{
    std::vector<ImportedBus> buses;
    std::vector<ImportedRule> rules;
    std::optional<Scenario> scenario;       // an EventFlow scenario file, whole
    std::optional<QString> usernamePrefix;  // a template's UsernamePrefix default
};

struct ImportResult
{
    bool ok = false;
    ImportFormat format = ImportFormat::PatternJson;
    std::vector<ImportProblem> problems;  // any: nothing was imported
    QStringList skipped;    // resources of other types, one line each
    QStringList warnings;   // members EventFlow does not simulate, left out
    Scenario scenario;      // `into` with the file's resources applied, when ok
    int buses = 0;          // how many of each the file brought
    int rules = 0;
    int targets = 0;

    QString problemText() const;  // every problem, one per line
};

// `path` is a file, or a directory of CLI input JSON documents.
ImportResult importFile(const QString &path, const Scenario &into,
                        const ImportOptions &options = {});
// `fileName` names the file in problems and chooses YAML for .yaml/.yml.
ImportResult importBytes(const QByteArray &bytes, const QString &fileName, const Scenario &into,
                         const ImportOptions &options = {});

} // namespace ef::io
