#pragma once

// Create or edit a consumer (a simulated function) from its definition
// (Engine::putConsumer), and delete one.

#include "ui/undo/EngineCommand.h"

#include <QJsonObject>

#include <optional>

namespace ef::ui {

class PutConsumerCommand : public EngineCommand
{
public:
    PutConsumerCommand(ScenarioDocument &document, QJsonObject definition,
                       std::optional<QJsonObject> previous);
    Status apply(bool forward) override;

private:
    QJsonObject m_definition;
    std::optional<QJsonObject> m_previous;
};

class DeleteConsumerCommand : public EngineCommand
{
public:
    DeleteConsumerCommand(ScenarioDocument &document, QJsonObject definition);
    Status apply(bool forward) override;

private:
    QJsonObject m_definition;
};

// The facade has no DeleteFunction: removing a consumer re-applies the
// scenario without it (which restarts the simulation's telemetry).
Status removeConsumer(Engine &engine, const QString &name);

} // namespace ef::ui
