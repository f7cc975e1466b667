#include "ui/undo/BusCommands.h"

#include "core/bus/Engine.h"

namespace ef::ui {

namespace {
Status toStatus(const Result<EventBusInfo> &r)
{
    if (r.ok())
        return Done{};
    return r.error();
}
} // namespace

CreateEventBusCommand::CreateEventBusCommand(ScenarioDocument &document,
                                             CreateEventBusRequest request)
    : EngineCommand(document, QObject::tr("Create event bus %1").arg(request.name)),
      m_request(std::move(request))
{
}

Status CreateEventBusCommand::apply(bool forward)
{
    if (forward)
        return toStatus(engine().createEventBus(m_request));
    return engine().deleteEventBus(m_request.name);
}

DeleteEventBusCommand::DeleteEventBusCommand(ScenarioDocument &document, const EventBusInfo &bus)
    : EngineCommand(document, QObject::tr("Delete event bus %1").arg(bus.name)),
      m_recreate{bus.name, bus.description}
{
}

Status DeleteEventBusCommand::apply(bool forward)
{
    if (forward)
        return engine().deleteEventBus(m_recreate.name);
    return toStatus(engine().createEventBus(m_recreate));
}

} // namespace ef::ui
