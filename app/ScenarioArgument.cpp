#include "ScenarioArgument.h"

#include "core/io/ScenarioFile.h"

#include <cstdio>

std::optional<ef::Scenario> loadScenarioArgument(const QString &path)
{
    const QString scenarioPath =
        path.isEmpty() ? QString::fromLatin1(ef::ScenarioFile::kBuiltInLab) : path;
    ef::ScenarioLoad loaded = ef::ScenarioFile::load(scenarioPath);
    for (const QString &e : loaded.errors)
        std::fprintf(stderr, "%s: %s\n", qPrintable(scenarioPath), qPrintable(e));
    return std::move(loaded.scenario);
}
