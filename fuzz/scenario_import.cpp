// libFuzzer target: import (core/io/Import.h) of arbitrary bytes, read as a
// YAML template, a JSON document (template, request document, pattern or
// scenario) or a named CLI request document, chosen by byte 0. Besides "no
// crash, no sanitizer report, no hang" it checks invariants and aborts when
// one breaks:
// - a result is ok exactly when it has no problems, and a refused file
//   imports nothing;
// - every problem names its file;
// - what imported exports as a CloudFormation template and as CLI input
//   JSON that import again to the same buses, rules and targets.

#include "core/io/CliJson.h"
#include "core/io/Export.h"
#include "core/io/ExportSelection.h"
#include "core/io/Import.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

QString describe(const ef::Scenario &s)
{
    QStringList lines;
    for (const ef::CreateEventBusRequest &bus : s.buses)
        lines << bus.name;
    for (const ef::ScenarioRule &r : s.rules) {
        lines << r.rule.name + QLatin1Char(' ') + ef::io::ruleBusName(r.rule) + QLatin1Char(' ')
                     + r.rule.eventPattern.value_or(QString());
        for (const ef::Target &t : r.targets)
            lines << QString::fromStdString(ef::json::toText(ef::io::targetDocument(t)));
    }
    return lines.join(QLatin1Char('\n'));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const char *const names[] = {"t.yaml", "t.json", "01-create-event-bus-b.json",
                                        "02-put-rule-r.json", "03-put-targets-r.json",
                                        "pattern.json"};
    const QString name = QString::fromLatin1(names[data[0] % std::size(names)]);
    const QByteArray bytes(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    ef::io::ImportOptions options;
    options.ruleName = QStringLiteral("fuzzed-rule");
    ef::Scenario into;
    const ef::io::ImportResult result = ef::io::importBytes(bytes, name, into, options);
    check(result.ok == result.problems.empty(), "ok exactly when there are no problems");
    for (const ef::io::ImportProblem &p : result.problems)
        check(p.file == name, "a problem names its file");
    if (!result.ok) {
        check(result.scenario.buses.empty() && result.scenario.rules.empty(),
              "a refused file imports nothing");
        return 0;
    }
    for (const ef::io::ExportFormat format :
         {ef::io::ExportFormat::CloudFormationJson, ef::io::ExportFormat::CliJson}) {
        const ef::io::ExportResult exported = ef::io::exportScenario(result.scenario, format);
        check(exported.ok, "what imported exports");
        ef::io::ImportResult again;
        if (exported.files.size() == 1) {
            again = ef::io::importBytes(exported.files[0].bytes, exported.files[0].name, into);
        } else {
            ef::Scenario step = into;
            for (const ef::io::ExportedFile &f : exported.files) {
                again = ef::io::importBytes(f.bytes, f.name, step);
                if (!again.ok)
                    break;
                step = again.scenario;
            }
        }
        if (!again.ok)
            std::fprintf(stderr, "%s\n", qPrintable(again.problemText()));
        check(again.ok, "an export imports again");
        check(describe(again.scenario) == describe(result.scenario),
              "the round trip keeps buses, rules and targets");
    }
    return 0;
}
