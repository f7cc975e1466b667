#pragma once

// The flow canvas: producers -> buses -> rules -> targets -> dead-letter
// queues, with events as tokens travelling along the edges. It turns each
// frame's batch of engine happenings into tokens, node counts and states;
// tokens lag a few hundred milliseconds of simulation time behind the engine
// so each hop can be seen, and a node's counts change when the token gets
// there. Beyond the token capacity the flow still shows as edge width and rate.

#include "core/bus/Trace.h"
#include "ui/FlowGraph.h"
#include "ui/FlowNodeItem.h"
#include "ui/FrameStats.h"
#include "ui/Palette.h"
#include "ui/TokenField.h"
#include "ui/TokenMemory.h"

#include <QGraphicsView>
#include <QHash>

#include <functional>
#include <queue>
#include <vector>

namespace ef::ui {

class EngineSession;
class FlowEdgeItem;
struct FrameBatch;

class FlowCanvas : public QGraphicsView
{
    Q_OBJECT
public:
    // Simulation time one hop of a token takes.
    static constexpr SimTime kHop = 260 * kMicrosPerMilli;

    explicit FlowCanvas(EngineSession *session, QWidget *parent = nullptr);
    ~FlowCanvas() override;

    // Re-reads the scenario from the engine; counts survive (keyed by node).
    void rebuild();
    void clearView();

    const FlowGraph &graph() const { return m_graph; }
    FlowNodeItem *nodeItem(const QString &key) const;
    FlowEdgeItem *edgeItem(int index) const { return m_edgeItems.value(index); }
    NodeStats statsOf(const QString &key) const;
    TokenField &tokens() { return m_tokens; }
    const DetailTypePalette &palette() const { return m_palette; }
    DetailTypePalette &palette() { return m_palette; }
    FrameStats &frameStats() { return m_frameStats; }
    int pendingEffects() const { return static_cast<int>(m_effects.size()); }

    void selectNode(const QString &key);
    void fitAll();

signals:
    void nodeSelected(const QString &key);
    void tokenClicked(ef::EventSeq event);
    // The user dragged a node (the window makes it an undoable step).
    void nodeMoved(const QString &key, QPointF from, QPointF to);
    void nodeActivated(const QString &key);  // double-click: edit it

protected:
    void drawBackground(QPainter *painter, const QRectF &rect) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;

private:
    enum class Effect : std::uint8_t {
        BusIn, NoMatch, Matched, FunctionStart, FunctionOk, FunctionFail, Throttle, Denied,
        TargetFail, QueueIn, RuleFailed, RuleThrottled,
    };
    struct PendingEffect
    {
        SimTime at;
        int node;
        Effect effect;
        bool operator>(const PendingEffect &o) const { return at > o.at; }
    };

    void onFrame(const FrameBatch &batch);
    void handle(const Happening &h, int origin, SimTime now);
    void apply(int node, Effect effect, SimTime now);
    void effectAt(EventSeq event, int node, SimTime time, Effect effect, SimTime now);
    // A token hop along `edge` (forward, or back when `back`); returns the
    // lag of the event at the destination.
    void hop(EventSeq event, int edge, bool back, SimTime time, TokenStyle style);
    void hold(EventSeq event, int node, SimTime time, SimTime duration, TokenStyle style);
    void orbit(EventSeq event, int node, SimTime time, TokenStyle style);
    SimTime lagOf(EventSeq event, int node) const;
    void setLag(EventSeq event, int node, SimTime lag, SimTime now);
    int colourOf(EventSeq event);
    int busNode(NameId bus);
    int ruleNode(NameId bus, NameId rule);
    int nodeNamed(const QString &prefix, NameId name);
    int targetEdge(int ruleNode, NameId consumer);
    int targetEdgeOf(const Happening &h);
    void flushEffects(SimTime now);
    void updateRates(SimTime now);
    bool sameStructure(const FlowGraph &other) const;

    EngineSession *m_session;
    QGraphicsScene m_scene;
    FlowGraph m_graph;
    std::vector<FlowNodeItem *> m_nodeItems;
    QList<FlowEdgeItem *> m_edgeItems;
    std::vector<NodeStats> m_stats;
    std::vector<bool> m_dirty;
    std::vector<SimTime> m_flashUntil;
    std::vector<SimTime> m_edgeFlashUntil;
    std::vector<std::uint32_t> m_edgeCount;
    std::vector<double> m_edgeRate;
    std::vector<SimTime> m_edgeWindowStart;
    QHash<QString, NodeStats> m_keptStats;

    DetailTypePalette m_palette;
    TokenField m_tokens;
    std::priority_queue<PendingEffect, std::vector<PendingEffect>, std::greater<>> m_effects;
    TokenMemory m_memory;                 // (event, node) -> visual delay; event -> colour
    QHash<int, SimTime> m_forwardLag;     // bus node -> lag of a forwarded copy arriving
    QHash<NameId, int> m_busByName;
    QHash<quint64, int> m_ruleByName;
    QHash<quint64, int> m_targetEdge;
    std::size_t m_frameNo = 0;
    SimTime m_now = 0;
    std::uint8_t m_holdSlot = 0;
    bool m_userZoomed = false;
    FrameStats m_frameStats;
};

} // namespace ef::ui
