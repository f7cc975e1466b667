// libFuzzer target: arbitrary bytes as a scenario file, through the loader
// (ScenarioFile::parse: structure, then a trial run in a scratch engine) and,
// when accepted, applied to an engine that already holds a scenario.
// Besides "no crash, no sanitizer report, no leak", it aborts when:
// - a rejection carries no error, or an error without a "$..." path;
// - an accepted scenario is refused by Engine::applyScenario (the loader's
//   trial run promised it would apply);
// - a rejected load changed the engine's scenario;
// - saving an accepted scenario does not load back to the same text.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool ok, const char *what, const QByteArray &context)
{
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n%s\n", what, context.left(2000).constData());
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_scenario_file";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static ef::Engine engine;
    static const QByteArray before = [] {
        ef::Scenario s;
        s.name = QStringLiteral("before");
        s.buses.push_back({QStringLiteral("kept"), QString()});
        if (!engine.applyScenario(s))
            std::abort();
        return ef::ScenarioFile::toJson(engine.snapshot());
    }();

    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    const ef::ScenarioLoad load = ef::ScenarioFile::parse(input);
    if (!load.ok()) {
        check(!load.errors.isEmpty(), "rejected without an error", input);
        for (const QString &e : load.errors)
            check(e.startsWith(u'$') && e.contains(QStringLiteral(": ")),
                  "an error without a $ path", e.toUtf8());
        check(ef::ScenarioFile::toJson(engine.snapshot()) == before,
              "a rejected load changed the engine", input);
        return 0;
    }
    const ef::Status applied = engine.applyScenario(*load.scenario);
    check(applied.ok(), "the loader accepted what the engine refuses",
          applied.ok() ? input : applied.error().message.toUtf8());
    const QByteArray saved = ef::ScenarioFile::toJson(engine.snapshot());
    const ef::ScenarioLoad again = ef::ScenarioFile::parse(saved);
    check(again.ok(), "a saved scenario does not load back",
          again.ok() ? saved : again.errors.join(QLatin1Char('\n')).toUtf8() + '\n' + saved);
    check(ef::ScenarioFile::toJson(*again.scenario) == saved, "save/load is not stable", saved);
    // Back to the starting scenario for the next input.
    const ef::ScenarioLoad reset = ef::ScenarioFile::parse(before);
    check(reset.ok() && engine.applyScenario(*reset.scenario).ok(), "cannot reset", before);
    return 0;
}
