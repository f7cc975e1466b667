#include "ui/undo/MoveNodeCommand.h"

#include "core/bus/Engine.h"

namespace ef::ui {

MoveNodeCommand::MoveNodeCommand(ScenarioDocument &document, QString node, QPointF from,
                                 QPointF to)
    : EngineCommand(document, QObject::tr("Move %1").arg(node)), m_node(std::move(node)),
      m_from(from), m_to(to)
{
}

Status MoveNodeCommand::apply(bool forward)
{
    engine().setNodePosition(m_node, forward ? m_to : m_from);
    return Done{};
}

} // namespace ef::ui
