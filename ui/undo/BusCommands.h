#pragma once

// Create and delete an event bus (CreateEventBus / DeleteEventBus).

#include "core/bus/EventsTypes.h"
#include "ui/undo/EngineCommand.h"

namespace ef::ui {

class CreateEventBusCommand : public EngineCommand
{
public:
    CreateEventBusCommand(ScenarioDocument &document, CreateEventBusRequest request);
    Status apply(bool forward) override;

private:
    CreateEventBusRequest m_request;
};

// As the service: a bus that still has rules cannot be deleted.
class DeleteEventBusCommand : public EngineCommand
{
public:
    DeleteEventBusCommand(ScenarioDocument &document, const EventBusInfo &bus);
    Status apply(bool forward) override;

private:
    CreateEventBusRequest m_recreate;
};

} // namespace ef::ui
