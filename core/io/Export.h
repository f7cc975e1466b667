#pragma once

// Export of a scenario (or one of its rules) in the formats people take to
// real AWS. The window's File > Export menu and `eventflow export` both call
// exportScenario(); each format lives in its own file:
//   pattern               ExportPatternJson.h   the rule's EventPattern alone
//   cli-json              CliJson.h             --cli-input-json request documents
//   aws-cli               AwsCliScript.h        deploy + clean-up bash scripts
//   cloudformation-yaml   CloudFormation.h      a template (YAML)
//   cloudformation-json   CloudFormation.h      the same template as JSON

#include "core/io/Scenario.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>
#include <vector>

namespace ef::io {

enum class ExportFormat { Pattern, CliJson, AwsCli, CloudFormationYaml, CloudFormationJson };

QString exportFormatName(ExportFormat format);  // "pattern", "cli-json", ...
std::optional<ExportFormat> exportFormatFromName(const QString &name);
QStringList exportFormatNames();

struct ExportedFile
{
    QString name;             // relative file name, e.g. "02-put-rule-user3-order-rule.json"
    QByteArray bytes;
    bool executable = false;  // a script: written with the executable bits set
};

struct ExportResult
{
    bool ok = false;
    QString error;            // why nothing was exported (e.g. "no rule named X")
    std::vector<ExportedFile> files;
    QStringList warnings;     // what the format cannot carry and was left out
};

// `ruleName` empty: the whole scenario (its custom buses and every rule);
// otherwise that rule alone (with its bus when the bus is a custom one).
ExportResult exportScenario(const Scenario &scenario, ExportFormat format,
                            const QString &ruleName = {});

} // namespace ef::io
