#include "ui/undo/TargetCommands.h"

#include "core/bus/Engine.h"

namespace ef::ui {

Status putTargetsStatus(const Result<PutTargetsResponse> &response)
{
    if (!response.ok())
        return response.error();
    if (response->failedEntryCount > 0 && !response->failedEntries.empty()) {
        const FailedTargetEntry &f = response->failedEntries.front();
        return ServiceError{f.errorCode, f.errorMessage};
    }
    return Done{};
}

namespace {
Status removeOne(Engine &engine, const RuleRef &rule, const QString &id)
{
    return putTargetsStatus(engine.removeTargets({rule.name, rule.eventBusName, {id}, false}));
}

Status putOne(Engine &engine, const RuleRef &rule, const Target &target)
{
    return putTargetsStatus(engine.putTargets({rule.name, rule.eventBusName, {target}}));
}
} // namespace

PutTargetCommand::PutTargetCommand(ScenarioDocument &document, RuleRef rule, Target target,
                                   std::optional<Target> previous)
    : EngineCommand(document, (previous ? QObject::tr("Edit target %1 of %2")
                                        : QObject::tr("Add target %1 to %2"))
                                  .arg(target.id, rule.name)),
      m_rule(std::move(rule)), m_target(std::move(target)), m_previous(std::move(previous))
{
}

Status PutTargetCommand::apply(bool forward)
{
    if (forward)
        return putOne(engine(), m_rule, m_target);
    if (m_previous)
        return putOne(engine(), m_rule, *m_previous);
    return removeOne(engine(), m_rule, m_target.id);
}

RemoveTargetCommand::RemoveTargetCommand(ScenarioDocument &document, RuleRef rule, Target target)
    : EngineCommand(document,
                    QObject::tr("Remove target %1 from %2").arg(target.id, rule.name)),
      m_rule(std::move(rule)), m_target(std::move(target))
{
}

Status RemoveTargetCommand::apply(bool forward)
{
    if (forward)
        return removeOne(engine(), m_rule, m_target.id);
    return putOne(engine(), m_rule, m_target);
}

} // namespace ef::ui
