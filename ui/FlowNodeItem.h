#pragma once

// One node of the flow canvas: a producer, event bus, rule, function or
// queue, with its live counts and state (busy, just succeeded / failed).
// Drawn from a device-coordinate cache: it repaints only when its numbers
// change, not every frame.

#include "ui/FlowGraph.h"

#include <QColor>
#include <QGraphicsItem>

#include <cstdint>
#include <functional>

namespace ef::ui {

class FlowEdgeItem;

struct NodeStats
{
    std::uint64_t sent = 0;          // producers: entries accepted
    std::uint64_t rejected = 0;      // producers: entries refused
    std::uint64_t events = 0;        // buses: events that arrived
    std::uint64_t noMatch = 0;       // buses: events no rule matched
    std::uint64_t matched = 0;       // rules: MatchedEvents
    std::uint64_t invocations = 0;   // functions: runs started
    std::uint64_t succeeded = 0;
    std::uint64_t failed = 0;        // functions raised / hand-off failed
    std::uint64_t throttled = 0;
    std::uint64_t denied = 0;        // permission missing
    std::uint64_t received = 0;      // queues: messages
    int busy = 0;                    // functions: invocations running now
    bool operator==(const NodeStats &) const = default;
};

class FlowNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 1 };
    int type() const override { return Type; }

    FlowNodeItem(const FlowNode &node, int index);

    const FlowNode &node() const { return m_node; }
    int index() const { return m_index; }
    void setStats(const NodeStats &stats);
    const NodeStats &stats() const { return m_stats; }
    // A short coloured outline (success, failure) until cleared.
    void setFlash(const QColor &colour);
    // The graph was rebuilt with the same structure: new texts and position.
    void setNode(const FlowNode &node);
    void addEdge(FlowEdgeItem *edge) { m_edges.push_back(edge); }
    // Called when the user finished dragging the node, with where it was before.
    void setMovedHandler(std::function<void(FlowNodeItem *, QPointF from)> handler)
    {
        m_moved = std::move(handler);
    }
    static void setFontScale(double scale);
    static double fontScale();

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option,
               QWidget *widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant &value) override;
    void mousePressEvent(QGraphicsSceneMouseEvent *event) override;
    void mouseReleaseEvent(QGraphicsSceneMouseEvent *event) override;

private:
    QString countsText() const;
    QColor accent() const;

    FlowNode m_node;
    int m_index;
    NodeStats m_stats;
    QColor m_flash;
    std::vector<FlowEdgeItem *> m_edges;
    std::function<void(FlowNodeItem *, QPointF)> m_moved;
    QPointF m_pressPos;
};

} // namespace ef::ui
