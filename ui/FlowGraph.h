#pragma once

// What the canvas draws, as plain data read from the engine facade: nodes
// (producers, event buses, rules, functions, queues) and the edges events
// travel along, plus a left-to-right layered layout. Keys are stable names
// ("rule:<bus>/<rule>", "fn:<name>"...) used for saved positions and to keep
// live counts across a rebuild.

#include <QHash>
#include <QPointF>
#include <QSizeF>
#include <QString>
#include <QStringList>

#include <vector>

namespace ef {
class Engine;
}

namespace ef::ui {

enum class NodeKind { Producer, Bus, Rule, Function, Queue };

struct FlowNode
{
    NodeKind kind = NodeKind::Bus;
    QString key;        // "bus:orders"
    QString name;       // the resource's name
    QString title;      // shown in bold
    QString subtitle;   // pattern summary, "dead-letter queue", ...
    QString tooltip;
    QString busName;    // rules: their bus
    bool deadLetter = false;          // queues used as a DLQ / failure destination
    bool missingPermission = false;   // functions EventBridge may not invoke
    QPointF pos;        // top-left, scene coordinates
    QSizeF size;
    int layer = 0;
};

enum class EdgeKind {
    Publish,            // producer -> bus
    Route,              // bus -> rule
    Invoke,             // rule -> function / queue
    Forward,            // rule -> event bus (bus-to-bus forwarding)
    DeadLetter,         // target -> its EventBridge dead-letter queue
    FailureDestination, // function -> its Lambda on-failure queue
};

struct FlowEdge
{
    int from = -1;
    int to = -1;
    EdgeKind kind = EdgeKind::Invoke;
    bool blocked = false;  // EventBridge lacks permission to invoke the target
    QString label;
};

class FlowGraph
{
public:
    // Reads everything from the facade. `origins` become extra producer nodes
    // (the load generator, the HTTP endpoint's clients) publishing to every
    // bus named in `originBuses` (empty: the first producer's bus).
    static FlowGraph fromEngine(const Engine &engine, const QStringList &origins = {});

    // Layered left-to-right layout; nodes whose key is in `saved` keep that position.
    void layout(const QHash<QString, QPointF> &saved = {});

    const std::vector<FlowNode> &nodes() const { return m_nodes; }
    std::vector<FlowNode> &nodes() { return m_nodes; }
    const std::vector<FlowEdge> &edges() const { return m_edges; }
    int indexOf(const QString &key) const { return m_byKey.value(key, -1); }
    // The edge from -> to of that kind (any kind when kind < 0), or -1.
    int edgeBetween(int from, int to, int kind = -1) const;

    static QString busKey(const QString &bus) { return QStringLiteral("bus:") + bus; }
    static QString ruleKey(const QString &bus, const QString &rule)
    {
        return QStringLiteral("rule:") + bus + QLatin1Char('/') + rule;
    }
    static QString functionKey(const QString &fn) { return QStringLiteral("fn:") + fn; }
    static QString queueKey(const QString &q) { return QStringLiteral("queue:") + q; }
    static QString producerKey(const QString &p) { return QStringLiteral("producer:") + p; }
    // "fn:<name>", "queue:<name>" or "bus:<name>" for a target or DLQ ARN; empty if unknown.
    static QString keyForArn(const QString &arn);

    // Dead-letter queue key of target `targetId` of a rule node, or empty.
    QString deadLetterOf(int ruleNode, const QString &targetId) const
    {
        return m_dlq.value(QString::number(ruleNode) + QLatin1Char('|') + targetId);
    }

    // The node a rule's target `targetId` delivers to, or -1.
    int targetNodeOf(int ruleNode, const QString &targetId) const
    {
        return m_targets.value(QString::number(ruleNode) + QLatin1Char('|') + targetId, -1);
    }

private:
    int addNode(FlowNode node);
    void addEdge(int from, int to, EdgeKind kind, bool blocked = false, QString label = {});

    std::vector<FlowNode> m_nodes;
    std::vector<FlowEdge> m_edges;
    QHash<QString, int> m_byKey;
    QHash<QString, QString> m_dlq;
    QHash<QString, int> m_targets;
};

} // namespace ef::ui
