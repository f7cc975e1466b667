#include "ui/undo/ScenarioEditCommand.h"

#include "core/bus/Engine.h"
#include "ui/undo/ScenarioDocument.h"

#include <algorithm>

namespace ef::ui {

ScenarioEditCommand::ScenarioEditCommand(ScenarioDocument &document, const QString &text,
                                         const std::function<void(Scenario &)> &edit)
    : EngineCommand(document, text)
{
    m_before = document.engine().snapshot();
    m_after = m_before;
    edit(m_after);
}

Status ScenarioEditCommand::apply(bool forward)
{
    return engine().applyScenario(forward ? m_after : m_before);
}

void addQueue(Scenario &scenario, const QString &name)
{
    for (const ScenarioQueue &q : scenario.queues) {
        if (q.name == name)
            return;
    }
    scenario.queues.push_back({name});
}

bool removeQueue(Scenario &scenario, const QString &name)
{
    auto &q = scenario.queues;
    const auto before = q.size();
    q.erase(std::remove_if(q.begin(), q.end(),
                           [&](const ScenarioQueue &x) { return x.name == name; }),
            q.end());
    return q.size() != before;
}

} // namespace ef::ui
