#pragma once

// Moving a node on the canvas (Engine::setNodePosition): one command per
// finished drag, from where the drag started to where it ended.

#include "ui/undo/EngineCommand.h"

#include <QPointF>

namespace ef::ui {

class MoveNodeCommand : public EngineCommand
{
public:
    MoveNodeCommand(ScenarioDocument &document, QString node, QPointF from, QPointF to);
    Status apply(bool forward) override;
    bool refreshesViewsOnFirstApply() const override { return false; }

    const QString &node() const { return m_node; }

private:
    QString m_node;
    QPointF m_from;
    QPointF m_to;
};

} // namespace ef::ui
