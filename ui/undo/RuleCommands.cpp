#include "ui/undo/RuleCommands.h"

#include "core/bus/Engine.h"

namespace ef::ui {

PutRuleRequest putRuleRequestFor(const RuleInfo &rule)
{
    PutRuleRequest r;
    r.name = rule.name;
    r.eventBusName = rule.eventBusName;
    if (!rule.eventPattern.isEmpty())
        r.eventPattern = rule.eventPattern;
    if (!rule.scheduleExpression.isEmpty())
        r.scheduleExpression = rule.scheduleExpression;
    r.state = ruleStateName(rule.state);
    r.description = rule.description;
    if (!rule.roleArn.isEmpty())
        r.roleArn = rule.roleArn;
    return r;
}

PutRuleCommand::PutRuleCommand(ScenarioDocument &document, PutRuleRequest request,
                               std::optional<RuleInfo> previous)
    : EngineCommand(document, (previous ? QObject::tr("Edit rule %1")
                                        : QObject::tr("Create rule %1"))
                                  .arg(request.name)),
      m_request(std::move(request))
{
    if (previous)
        m_previous = putRuleRequestFor(*previous);
}

Status PutRuleCommand::apply(bool forward)
{
    if (forward || m_previous) {
        const Result<QString> r = engine().putRule(forward ? m_request : *m_previous);
        if (!r.ok())
            return r.error();
        return Done{};
    }
    return engine().deleteRule({m_request.name, m_request.eventBusName, false});
}

DeleteRuleCommand::DeleteRuleCommand(ScenarioDocument &document, const RuleInfo &rule,
                                     std::vector<Target> targets)
    : EngineCommand(document, QObject::tr("Delete rule %1").arg(rule.name)),
      m_rule(putRuleRequestFor(rule)), m_targets(std::move(targets))
{
}

Status DeleteRuleCommand::apply(bool forward)
{
    if (forward) {
        if (!m_targets.empty()) {
            RemoveTargetsRequest remove{m_rule.name, m_rule.eventBusName, {}, false};
            for (const Target &t : m_targets)
                remove.ids << t.id;
            const auto removed = engine().removeTargets(remove);
            if (!removed.ok())
                return removed.error();
            if (removed->failedEntryCount > 0)
                return ServiceError{removed->failedEntries.front().errorCode,
                                    removed->failedEntries.front().errorMessage};
        }
        return engine().deleteRule({m_rule.name, m_rule.eventBusName, false});
    }
    const Result<QString> put = engine().putRule(m_rule);
    if (!put.ok())
        return put.error();
    if (m_targets.empty())
        return Done{};
    const auto targets = engine().putTargets({m_rule.name, m_rule.eventBusName, m_targets});
    if (!targets.ok())
        return targets.error();
    if (targets->failedEntryCount > 0)
        return ServiceError{targets->failedEntries.front().errorCode,
                            targets->failedEntries.front().errorMessage};
    return Done{};
}

} // namespace ef::ui
