#pragma once

// Shared by the editor, sandbox and undo tests: an engine on the virtual
// clock with the storefront lab loaded from the source tree, as the window
// opens it.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"

#include <QString>
#include <QTest>

#include <memory>

inline QString labScenarioPath()
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json");
}

// Null (with `error`) when the lab cannot be loaded: tests QFAIL with it.
inline std::unique_ptr<ef::Engine> labEngine(QString *error)
{
    const ef::ScenarioLoad load = ef::ScenarioFile::load(labScenarioPath());
    if (!load.ok()) {
        *error = load.errors.join(u'\n');
        return nullptr;
    }
    auto engine = std::make_unique<ef::Engine>();
    const ef::Status applied = engine->applyScenario(*load.scenario);
    if (!applied.ok()) {
        *error = applied.error().message;
        return nullptr;
    }
    return engine;
}

#define EF_LAB_ENGINE(var)                                                                    \
    QString var##Error;                                                                       \
    auto var = labEngine(&var##Error);                                                        \
    if (!var)                                                                                 \
        QFAIL(qPrintable(QStringLiteral("cannot load the lab: ") + var##Error));
