#pragma once

// An edge of the flow canvas: a cubic curve from the right side of one node
// to the left side of another, following the nodes when they are dragged.
// Its width and rate label show the flow through it (so traffic beyond the
// drawn tokens is still visible); a blocked edge (missing permission) is red
// and dashed, with the reason written on it.

#include "ui/FlowGraph.h"

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>

namespace ef::ui {

class FlowNodeItem;

class FlowEdgeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 2 };
    int type() const override { return Type; }

    FlowEdgeItem(const FlowEdge &edge, FlowNodeItem *from, FlowNodeItem *to);

    const FlowEdge &edge() const { return m_edge; }
    FlowNodeItem *from() const { return m_from; }
    FlowNodeItem *to() const { return m_to; }

    void adjust();  // the nodes moved
    // Point at fraction t in [0, 1] along the curve (cheap: a cubic, no path walk).
    QPointF pointAt(double t) const;

    void setRate(double eventsPerSecond);
    double rate() const { return m_rate; }
    void setBlocked(bool blocked, const QString &why);
    bool isBlocked() const { return m_edge.blocked; }
    void setFlash(const QColor &colour);  // invalid colour: none

    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

private:
    QColor baseColour() const;

    FlowEdge m_edge;
    FlowNodeItem *m_from;
    FlowNodeItem *m_to;
    QPointF m_p[4];
    QPainterPath m_path;
    double m_rate = 0;
    QString m_rateText;
    QColor m_flash;
};

} // namespace ef::ui
