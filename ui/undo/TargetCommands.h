#pragma once

// Put (create or replace) and remove one target of a rule (PutTargets /
// RemoveTargets). A target naming an unknown function makes the engine create
// its consumer; undoing the put removes the target again.

#include "core/bus/EventsTypes.h"
#include "ui/undo/EngineCommand.h"

#include <optional>

namespace ef::ui {

// PutTargets' per-entry failure as a ServiceError, or Done.
Status putTargetsStatus(const Result<PutTargetsResponse> &response);

class PutTargetCommand : public EngineCommand
{
public:
    PutTargetCommand(ScenarioDocument &document, RuleRef rule, Target target,
                     std::optional<Target> previous);
    Status apply(bool forward) override;

private:
    RuleRef m_rule;
    Target m_target;
    std::optional<Target> m_previous;
};

class RemoveTargetCommand : public EngineCommand
{
public:
    RemoveTargetCommand(ScenarioDocument &document, RuleRef rule, Target target);
    Status apply(bool forward) override;

private:
    RuleRef m_rule;
    Target m_target;
};

} // namespace ef::ui
