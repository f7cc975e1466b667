#include "core/io/Export.h"

#include "core/io/AwsCliScript.h"
#include "core/io/CliJson.h"
#include "core/io/CloudFormation.h"
#include "core/io/ExportPatternJson.h"
#include "core/io/ExportSelection.h"

namespace ef::io {

namespace {

struct FormatName
{
    ExportFormat format;
    const char *name;
};

constexpr FormatName kFormats[] = {
    {ExportFormat::Pattern, "pattern"},
    {ExportFormat::CliJson, "cli-json"},
    {ExportFormat::AwsCli, "aws-cli"},
    {ExportFormat::CloudFormationYaml, "cloudformation-yaml"},
    {ExportFormat::CloudFormationJson, "cloudformation-json"},
};

} // namespace

QString exportFormatName(ExportFormat format)
{
    for (const FormatName &f : kFormats) {
        if (f.format == format)
            return QString::fromLatin1(f.name);
    }
    return {};
}

std::optional<ExportFormat> exportFormatFromName(const QString &name)
{
    for (const FormatName &f : kFormats) {
        if (name == QLatin1String(f.name))
            return f.format;
    }
    return std::nullopt;
}

QStringList exportFormatNames()
{
    QStringList names;
    for (const FormatName &f : kFormats)
        names << QString::fromLatin1(f.name);
    return names;
}

ExportResult exportScenario(const Scenario &scenario, ExportFormat format,
                            const QString &ruleName)
{
    QString error;
    const std::optional<ExportSelection> selection = selectForExport(scenario, ruleName, &error);
    if (!selection) {
        ExportResult result;
        result.error = error;
        return result;
    }
    switch (format) {
    case ExportFormat::Pattern: return exportPatternJson(*selection);
    case ExportFormat::CliJson: return exportCliJson(*selection);
    case ExportFormat::AwsCli: return exportAwsCliScript(*selection);
    case ExportFormat::CloudFormationYaml: return exportCloudFormationYaml(*selection);
    case ExportFormat::CloudFormationJson: return exportCloudFormationJson(*selection);
    }
    return {};
}

} // namespace ef::io
