// `eventflow export [SCENARIO] --format F [--rule NAME] [-o FILE|DIR]`: the
// scenario (default: the built-in lab), or one of its rules, in a format for
// real AWS (core/io/Export.h). One file goes to stdout, or to FILE; several
// (cli-json documents, the aws-cli deploy and clean-up scripts, a pattern
// per rule) go into DIR. Warnings (what a format cannot carry) go to stderr.
// Exit 0 on success, 1 when the export itself fails (e.g. no such rule),
// 2 for usage errors and unreadable scenarios.

#include "ScenarioArgument.h"
#include "Command.h"

#include "ScenarioArgument.h"
#include "core/io/Export.h"
#include "ScenarioArgument.h"
#include "core/io/ScenarioFile.h"

#include "ScenarioArgument.h"
#include <QCommandLineParser>
#include "ScenarioArgument.h"
#include <QCoreApplication>
#include "ScenarioArgument.h"
#include <QDir>
#include "ScenarioArgument.h"
#include <QFile>
#include "ScenarioArgument.h"
#include <QFileInfo>
#include "ScenarioArgument.h"
#include <QSaveFile>

#include "ScenarioArgument.h"
#include <cstdio>

namespace {

bool writeFile(const QString &path, const ef::io::ExportedFile &file)
{
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(file.bytes) != file.bytes.size()
        || !out.commit()) {
        std::fprintf(stderr, "%s: cannot write: %s\n", qPrintable(path),
                     qPrintable(out.errorString()));
        return false;
    }
    if (file.executable) {
        QFile::setPermissions(path, QFile::permissions(path) | QFileDevice::ExeOwner
                                        | QFileDevice::ExeUser | QFileDevice::ExeGroup
                                        | QFileDevice::ExeOther);
    }
    return true;
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventflow export"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Exports a scenario's event buses, rules and targets for real AWS."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("export"), QStringLiteral("the command"));
    parser.addPositionalArgument(QStringLiteral("SCENARIO"),
                                 QStringLiteral("scenario file (default: the built-in lab)"),
                                 QStringLiteral("[SCENARIO]"));
    const QCommandLineOption formatOption(
        QStringLiteral("format"),
        QStringLiteral("one of: %1").arg(ef::io::exportFormatNames().join(QStringLiteral(", "))),
        QStringLiteral("F"));
    const QCommandLineOption ruleOption(QStringLiteral("rule"),
                                       QStringLiteral("export this rule only (NAME or BUS/NAME)"),
                                       QStringLiteral("NAME"));
    const QCommandLineOption outputOption(
        QStringList{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("write to FILE, or into DIR when the format writes several files"),
        QStringLiteral("FILE|DIR"));
    parser.addOption(formatOption);
    parser.addOption(ruleOption);
    parser.addOption(outputOption);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    const std::optional<ef::io::ExportFormat> format =
        ef::io::exportFormatFromName(parser.value(formatOption));
    if (!format || args.size() > 2) {
        if (parser.isSet(formatOption) && !format)
            std::fprintf(stderr, "--format %s: unknown format (one of: %s)\n",
                         qPrintable(parser.value(formatOption)),
                         qPrintable(ef::io::exportFormatNames().join(QStringLiteral(", "))));
        std::fprintf(stderr, "usage: eventflow export [SCENARIO] --format F [--rule NAME] "
                             "[-o FILE|DIR]\n");
        return 2;
    }
    const std::optional<ef::Scenario> scenario = loadScenarioArgument(args.value(1));
    if (!scenario)
        return 2;
    const ef::io::ExportResult result =
        ef::io::exportScenario(*scenario, *format, parser.value(ruleOption));
    if (!result.ok) {
        std::fprintf(stderr, "eventflow export: %s\n", qPrintable(result.error));
        return 1;
    }
    for (const QString &w : result.warnings)
        std::fprintf(stderr, "warning: %s\n", qPrintable(w));

    const QString output = parser.value(outputOption);
    if (output.isEmpty()) {
        if (result.files.size() != 1) {
            std::fprintf(stderr,
                         "eventflow export: --format %s writes %zu files here: give -o DIR\n",
                         qPrintable(ef::io::exportFormatName(*format)), result.files.size());
            return 2;
        }
        const QByteArray &bytes = result.files.front().bytes;
        std::fwrite(bytes.constData(), 1, std::size_t(bytes.size()), stdout);
        return 0;
    }
    const bool intoDirectory = result.files.size() > 1 || QFileInfo(output).isDir()
                               || output.endsWith(QLatin1Char('/'));
    if (!intoDirectory)
        return writeFile(output, result.files.front()) ? 0 : 1;
    if (!QDir().mkpath(output)) {
        std::fprintf(stderr, "%s: cannot create the directory\n", qPrintable(output));
        return 1;
    }
    for (const ef::io::ExportedFile &file : result.files) {
        if (!writeFile(QDir(output).filePath(file.name), file))
            return 1;
    }
    std::fprintf(stderr, "wrote %zu file(s) to %s\n", result.files.size(), qPrintable(output));
    return 0;
}

const CommandRegistration registration{Command{
    QStringLiteral("export"),
    QStringLiteral("export a scenario's buses, rules and targets (pattern JSON, AWS CLI, "
                   "CloudFormation)"),
    run}};

} // namespace
