#pragma once

// A change the facade has no single operation for (queues, the scenario's
// settings): the scenario before and after, installed with applyScenario.
// That restarts pending deliveries and telemetry, so it is used only where
// no finer operation exists.

#include "core/io/Scenario.h"
#include "ui/undo/EngineCommand.h"

#include <functional>

namespace ef::ui {

class ScenarioEditCommand : public EngineCommand
{
public:
    // `edit` turns the engine's current snapshot into the wanted scenario.
    ScenarioEditCommand(ScenarioDocument &document, const QString &text,
                        const std::function<void(Scenario &)> &edit);
    Status apply(bool forward) override;

private:
    Scenario m_before;
    Scenario m_after;
};

// Edits used by the queue and settings forms.
void addQueue(Scenario &scenario, const QString &name);
bool removeQueue(Scenario &scenario, const QString &name);

} // namespace ef::ui
