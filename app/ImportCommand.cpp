// `eventflow import FILE [-o SCENARIO] [--rule NAME] [--bus NAME]`: reads a
// pattern JSON file (--rule names the rule it becomes, --bus its bus), AWS
// CLI input JSON (a document, or a directory of them), a CloudFormation
// template (YAML or JSON) or an EventFlow scenario (core/io/Import.h). With
// -o the resources go into SCENARIO (created when it does not exist, saved
// atomically); without, the resulting scenario is printed. Every problem goes
// to stderr as FILE:LINE: PATH: reason and nothing is imported (exit 1);
// skipped resources and ignored members are listed on stderr too.

#include "Command.h"

#include "core/io/Import.h"
#include "core/io/ScenarioFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFileInfo>

#include <cstdio>

namespace {

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventflow import"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Imports event buses, rules and targets into a scenario."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("import"), QStringLiteral("the command"));
    parser.addPositionalArgument(
        QStringLiteral("FILE"),
        QStringLiteral("pattern JSON, CLI input JSON (file or directory), CloudFormation "
                       "template (YAML/JSON) or EventFlow scenario"));
    const QCommandLineOption outputOption(
        QStringList{QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("the scenario file to import into (created if missing)"),
        QStringLiteral("SCENARIO"));
    const QCommandLineOption ruleOption(QStringLiteral("rule"),
                                        QStringLiteral("pattern JSON: the rule it becomes"),
                                        QStringLiteral("NAME"));
    const QCommandLineOption busOption(QStringLiteral("bus"),
                                       QStringLiteral("pattern JSON: the rule's event bus "
                                                      "(default: default)"),
                                       QStringLiteral("NAME"));
    parser.addOption(outputOption);
    parser.addOption(ruleOption);
    parser.addOption(busOption);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2) {
        std::fprintf(stderr, "usage: eventflow import FILE [-o SCENARIO] [--rule NAME] "
                             "[--bus NAME]\n");
        return 2;
    }
    const QString output = parser.value(outputOption);
    ef::Scenario into;
    if (!output.isEmpty() && QFileInfo::exists(output)) {
        const ef::ScenarioLoad loaded = ef::ScenarioFile::load(output);
        if (!loaded.ok()) {
            for (const QString &e : loaded.errors)
                std::fprintf(stderr, "%s: %s\n", qPrintable(output), qPrintable(e));
            return 2;
        }
        into = *loaded.scenario;
    } else if (!output.isEmpty()) {
        into.name = QFileInfo(output).completeBaseName();
    }
    ef::io::ImportOptions options;
    options.ruleName = parser.value(ruleOption);
    options.eventBusName = parser.value(busOption);
    const ef::io::ImportResult result = ef::io::importFile(args[1], into, options);
    for (const QString &s : result.skipped)
        std::fprintf(stderr, "%s\n", qPrintable(s));
    for (const QString &w : result.warnings)
        std::fprintf(stderr, "warning: %s\n", qPrintable(w));
    if (!result.ok) {
        for (const ef::io::ImportProblem &p : result.problems)
            std::fprintf(stderr, "%s\n", qPrintable(p.text()));
        std::fprintf(stderr, "nothing imported from %s (%zu problem(s))\n", qPrintable(args[1]),
                     result.problems.size());
        return 1;
    }
    if (output.isEmpty()) {
        const QByteArray json = ef::ScenarioFile::toJson(result.scenario);
        std::fwrite(json.constData(), 1, std::size_t(json.size()), stdout);
    } else if (const ef::Status saved = ef::ScenarioFile::save(result.scenario, output); !saved) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(output), qPrintable(saved.error().message));
        return 1;
    }
    std::fprintf(stderr, "imported %d event bus(es), %d rule(s), %d target(s) from %s (%s)%s%s\n",
                 result.buses, result.rules, result.targets, qPrintable(args[1]),
                 qPrintable(ef::io::importFormatName(result.format)),
                 output.isEmpty() ? "" : " into ", qPrintable(output));
    return 0;
}

const CommandRegistration registration{Command{
    QStringLiteral("import"),
    QStringLiteral("import rules from pattern JSON, AWS CLI JSON, CloudFormation or a scenario"),
    run}};

} // namespace
