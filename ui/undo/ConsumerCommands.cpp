#include "ui/undo/ConsumerCommands.h"

#include "core/bus/Engine.h"

#include <algorithm>

namespace ef::ui {

Status removeConsumer(Engine &engine, const QString &name)
{
    Scenario scenario = engine.snapshot();
    auto &list = scenario.consumers;
    const auto before = list.size();
    list.erase(std::remove_if(list.begin(), list.end(),
                              [&](const QJsonObject &c) {
                                  return c.value(QStringLiteral("name")).toString() == name;
                              }),
               list.end());
    if (list.size() == before)
        return ServiceError::notFound(QStringLiteral("Function not found: %1").arg(name));
    return engine.applyScenario(scenario);
}

PutConsumerCommand::PutConsumerCommand(ScenarioDocument &document, QJsonObject definition,
                                       std::optional<QJsonObject> previous)
    : EngineCommand(document, (previous ? QObject::tr("Edit consumer %1")
                                        : QObject::tr("Create consumer %1"))
                                  .arg(definition.value(QStringLiteral("name")).toString())),
      m_definition(std::move(definition)), m_previous(std::move(previous))
{
}

Status PutConsumerCommand::apply(bool forward)
{
    if (forward)
        return engine().putConsumer(m_definition);
    if (m_previous)
        return engine().putConsumer(*m_previous);
    return removeConsumer(engine(), m_definition.value(QStringLiteral("name")).toString());
}

DeleteConsumerCommand::DeleteConsumerCommand(ScenarioDocument &document, QJsonObject definition)
    : EngineCommand(document, QObject::tr("Delete consumer %1")
                                  .arg(definition.value(QStringLiteral("name")).toString())),
      m_definition(std::move(definition))
{
}

Status DeleteConsumerCommand::apply(bool forward)
{
    if (forward)
        return removeConsumer(engine(), m_definition.value(QStringLiteral("name")).toString());
    return engine().putConsumer(m_definition);
}

} // namespace ef::ui
