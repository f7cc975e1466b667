#pragma once

// Create, edit and delete a rule (PutRule / DeleteRule). Deleting a rule from
// the window removes its targets first, as the EventBridge console does; undo
// puts the rule and its targets back.

#include "core/bus/EventsTypes.h"
#include "ui/undo/EngineCommand.h"

#include <optional>
#include <vector>

namespace ef::ui {

// The PutRule request that recreates `rule` exactly.
PutRuleRequest putRuleRequestFor(const RuleInfo &rule);

class PutRuleCommand : public EngineCommand
{
public:
    // `previous`: the rule as it was before (an edit), or nullopt (a create).
    PutRuleCommand(ScenarioDocument &document, PutRuleRequest request,
                   std::optional<RuleInfo> previous);
    Status apply(bool forward) override;

private:
    PutRuleRequest m_request;
    std::optional<PutRuleRequest> m_previous;
};

class DeleteRuleCommand : public EngineCommand
{
public:
    DeleteRuleCommand(ScenarioDocument &document, const RuleInfo &rule,
                      std::vector<Target> targets);
    Status apply(bool forward) override;

private:
    PutRuleRequest m_rule;
    std::vector<Target> m_targets;
};

} // namespace ef::ui
