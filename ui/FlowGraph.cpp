#include "ui/FlowGraph.h"

#include "core/bus/Arn.h"
#include "core/bus/Engine.h"
#include "ui/FlowNodeItem.h"
#include "ui/PatternSummary.h"

#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <map>

namespace ef::ui {

namespace {

QSizeF baseSizeFor(NodeKind kind)
{
    switch (kind) {
    case NodeKind::Producer: return {200, 60};
    case NodeKind::Bus: return {215, 60};
    case NodeKind::Rule: return {275, 60};
    case NodeKind::Function: return {225, 60};
    case NodeKind::Queue: return {200, 60};
    }
    return {200, 60};
}

// Nodes grow with their text (presentation mode), so labels keep their room.
QSizeF sizeFor(NodeKind kind)
{
    return baseSizeFor(kind) * FlowNodeItem::fontScale();
}

QString shortArn(const QString &arn)
{
    const auto parsed = Arn::parse(arn);
    return parsed ? parsed->resource.section(QLatin1Char(':'), -1).section(QLatin1Char('/'), -1)
                  : arn;
}

} // namespace

QString FlowGraph::keyForArn(const QString &arn)
{
    const auto parsed = Arn::parse(arn);
    if (!parsed)
        return {};
    if (parsed->service == QLatin1String("lambda")
        && parsed->resource.startsWith(QLatin1String("function:")))
        return functionKey(parsed->resource.section(QLatin1Char(':'), 1, 1));
    if (parsed->service == QLatin1String("sqs"))
        return queueKey(parsed->resource);
    if (parsed->service == QLatin1String("events")
        && parsed->resource.startsWith(QLatin1String("event-bus/")))
        return busKey(parsed->resource.mid(10));
    return {};
}

int FlowGraph::addNode(FlowNode node)
{
    if (const int existing = m_byKey.value(node.key, -1); existing >= 0)
        return existing;
    node.size = sizeFor(node.kind);
    m_nodes.push_back(std::move(node));
    const int index = static_cast<int>(m_nodes.size() - 1);
    m_byKey.insert(m_nodes.back().key, index);
    return index;
}

void FlowGraph::addEdge(int from, int to, EdgeKind kind, bool blocked, QString label)
{
    if (from < 0 || to < 0 || edgeBetween(from, to, static_cast<int>(kind)) >= 0)
        return;
    m_edges.push_back({from, to, kind, blocked, std::move(label)});
}

int FlowGraph::edgeBetween(int from, int to, int kind) const
{
    for (std::size_t i = 0; i < m_edges.size(); ++i) {
        const FlowEdge &e = m_edges[i];
        if (e.from == from && e.to == to && (kind < 0 || static_cast<int>(e.kind) == kind))
            return static_cast<int>(i);
    }
    return -1;
}

FlowGraph FlowGraph::fromEngine(const Engine &engine, const QStringList &origins)
{
    FlowGraph g;
    const auto producers = engine.producers();
    const auto buses = engine.listEventBuses({});
    std::vector<EventBusInfo> busList = buses ? buses.value().eventBuses
                                              : std::vector<EventBusInfo>{};
    QSet<QString> producerBuses;
    for (const ProducerInfo &p : producers)
        producerBuses.insert(p.eventBusName.isEmpty() ? QStringLiteral("default") : p.eventBusName);
    // Buses fed by a producer first: that is where the story starts.
    std::stable_sort(busList.begin(), busList.end(), [&](const EventBusInfo &a, const EventBusInfo &b) {
        return producerBuses.contains(a.name) > producerBuses.contains(b.name);
    });

    std::map<QString, QJsonObject> consumerDefs;
    for (const ConsumerInfo &c : engine.consumers())
        consumerDefs[c.name] = c.definition;

    for (const EventBusInfo &bus : busList) {
        FlowNode n;
        n.kind = NodeKind::Bus;
        n.key = busKey(bus.name);
        n.name = bus.name;
        n.title = bus.name;
        n.subtitle = QStringLiteral("event bus");
        n.tooltip = bus.arn + (bus.description.isEmpty() ? QString() : QStringLiteral("\n") + bus.description);
        g.addNode(n);
    }
    for (const ProducerInfo &p : producers) {
        FlowNode n;
        n.kind = NodeKind::Producer;
        n.key = producerKey(p.name);
        n.name = p.name;
        n.title = p.name;
        n.subtitle = QStringLiteral("producer · POST /events");
        n.tooltip = QStringLiteral("Publishes %1 from %2 to %3")
                        .arg(p.eventTypes.join(QStringLiteral(", ")), p.source, p.eventBusName);
        const int at = g.addNode(n);
        g.addEdge(at, g.indexOf(busKey(p.eventBusName.isEmpty() ? QStringLiteral("default")
                                                                : p.eventBusName)),
                  EdgeKind::Publish);
    }
    const QString firstBus = producers.empty() ? QStringLiteral("default")
                                               : producers.front().eventBusName;
    for (const QString &origin : origins) {
        FlowNode n;
        n.kind = NodeKind::Producer;
        n.key = producerKey(origin);
        n.name = origin;
        n.title = origin;
        n.subtitle = origin == QLatin1String("load generator") ? QStringLiteral("PutEvents load")
                                                                : QStringLiteral("PutEvents");
        const int at = g.addNode(n);
        g.addEdge(at, g.indexOf(busKey(firstBus)), EdgeKind::Publish);
    }

    for (const EventBusInfo &bus : busList) {
        const auto rules = engine.listRules({QString(), bus.name, QString(), 0});
        if (!rules)
            continue;
        // Conditions every rule on this bus shares say nothing about routing:
        // they stay off the nodes (and in the tooltip) so the differences show.
        QSet<QString> common;
        bool first = true;
        for (const RuleInfo &r : rules.value().rules) {
            QSet<QString> keys;
            for (const PatternClause &c : patternClauses(r.eventPattern))
                keys.insert(c.key);
            common = first ? keys : common.intersect(keys);
            first = false;
        }
        if (rules.value().rules.size() < 2)
            common.clear();
        for (const RuleInfo &r : rules.value().rules) {
            FlowNode n;
            n.kind = NodeKind::Rule;
            n.key = ruleKey(bus.name, r.name);
            n.name = r.name;
            n.busName = bus.name;
            n.title = r.name;
            QString summary = summarisePattern(r.eventPattern, common);
            if (summary == QLatin1String("(any event)") && !r.eventPattern.isEmpty())
                summary = summarisePattern(r.eventPattern);
            if (!r.scheduleExpression.isEmpty())
                summary = r.scheduleExpression;
            if (r.state == RuleState::Disabled)
                summary = QStringLiteral("DISABLED · ") + summary;
            n.subtitle = summary;
            n.tooltip = r.arn + QStringLiteral("\n") + (r.eventPattern.isEmpty() ? r.scheduleExpression
                                                                  : r.eventPattern);
            const int ruleIndex = g.addNode(n);
            g.addEdge(g.indexOf(busKey(bus.name)), ruleIndex, EdgeKind::Route);

            const auto targets = engine.listTargetsByRule({r.name, bus.name, QString(), 0});
            if (!targets)
                continue;
            for (const Target &t : targets.value().targets) {
                const QString key = keyForArn(t.arn);
                int targetIndex = g.indexOf(key);
                if (targetIndex < 0 && key.startsWith(QLatin1String("fn:"))) {
                    FlowNode fn;
                    fn.kind = NodeKind::Function;
                    fn.key = key;
                    fn.name = key.mid(3);
                    fn.title = fn.name;
                    fn.subtitle = QStringLiteral("λ function");
                    fn.tooltip = t.arn;
                    const auto def = consumerDefs.find(fn.name);
                    if (def != consumerDefs.end()) {
                        fn.missingPermission =
                            def->second.value(QStringLiteral("missingInvokePermission")).toBool();
                        const QString desc = def->second.value(QStringLiteral("description"))
                                                 .toString();
                        if (!desc.isEmpty())
                            fn.tooltip += QStringLiteral("\n") + desc;
                    } else {
                        fn.tooltip += QStringLiteral("\n(no such function)");
                    }
                    targetIndex = g.addNode(fn);
                } else if (targetIndex < 0 && key.startsWith(QLatin1String("queue:"))) {
                    FlowNode q;
                    q.kind = NodeKind::Queue;
                    q.key = key;
                    q.name = key.mid(6);
                    q.title = q.name;
                    q.subtitle = QStringLiteral("SQS queue");
                    q.tooltip = t.arn;
                    targetIndex = g.addNode(q);
                } else if (targetIndex < 0 && key.startsWith(QLatin1String("bus:"))) {
                    FlowNode b;
                    b.kind = NodeKind::Bus;
                    b.key = key;
                    b.name = key.mid(4);
                    b.title = b.name;
                    b.subtitle = QStringLiteral("event bus (other account?)");
                    b.tooltip = t.arn;
                    targetIndex = g.addNode(b);
                }
                if (targetIndex < 0)
                    continue;
                g.m_targets.insert(QString::number(ruleIndex) + QLatin1Char('|') + t.id,
                                   targetIndex);
                const bool toBus = g.m_nodes[targetIndex].kind == NodeKind::Bus;
                g.addEdge(ruleIndex, targetIndex, toBus ? EdgeKind::Forward : EdgeKind::Invoke,
                          g.m_nodes[targetIndex].missingPermission,
                          g.m_nodes[targetIndex].missingPermission
                              ? QStringLiteral("no invoke permission")
                              : QString());
                if (t.deadLetterConfig && !t.deadLetterConfig->arn.isEmpty()) {
                    const QString dlqKey = queueKey(shortArn(t.deadLetterConfig->arn));
                    int dlq = g.indexOf(dlqKey);
                    if (dlq < 0) {
                        FlowNode q;
                        q.kind = NodeKind::Queue;
                        q.key = dlqKey;
                        q.name = dlqKey.mid(6);
                        q.title = q.name;
                        q.tooltip = t.deadLetterConfig->arn;
                        dlq = g.addNode(q);
                    }
                    g.m_nodes[dlq].deadLetter = true;
                    g.m_nodes[dlq].subtitle = QStringLiteral("dead-letter queue");
                    g.m_dlq.insert(QString::number(ruleIndex) + QLatin1Char('|') + t.id, dlqKey);
                    g.addEdge(targetIndex, dlq, EdgeKind::DeadLetter,
                              false, QStringLiteral("DLQ"));
                }
            }
        }
    }
    // Lambda's own failure destinations.
    for (std::size_t i = 0; i < g.m_nodes.size(); ++i) {
        if (g.m_nodes[i].kind != NodeKind::Function)
            continue;
        const auto def = consumerDefs.find(g.m_nodes[i].name);
        if (def == consumerDefs.end())
            continue;
        const QString onFailure = def->second.value(QStringLiteral("onFailure")).toString();
        if (onFailure.isEmpty())
            continue;
        const QString key = queueKey(shortArn(onFailure));
        int q = g.indexOf(key);
        if (q < 0) {
            FlowNode n;
            n.kind = NodeKind::Queue;
            n.key = key;
            n.name = key.mid(6);
            n.title = n.name;
            n.tooltip = onFailure;
            q = g.addNode(n);
        }
        g.m_nodes[q].deadLetter = true;
        if (g.m_nodes[q].subtitle.isEmpty())
            g.m_nodes[q].subtitle = QStringLiteral("on-failure destination");
        g.addEdge(static_cast<int>(i), q, EdgeKind::FailureDestination, false,
                  QStringLiteral("on failure"));
    }
    // Queues nobody routes to still exist and are shown (the lab's clean-up
    // step makes routing resources disappear, queues only when deleted).
    for (const QueueInfo &q : engine.queues()) {
        if (g.indexOf(queueKey(q.name)) >= 0 || !q.referenced)
            continue;
        FlowNode n;
        n.kind = NodeKind::Queue;
        n.key = queueKey(q.name);
        n.name = q.name;
        n.title = q.name;
        n.subtitle = QStringLiteral("SQS queue");
        n.tooltip = q.arn;
        g.addNode(n);
    }
    return g;
}

void FlowGraph::layout(const QHash<QString, QPointF> &saved)
{
    constexpr double kColumnGap = 64;
    constexpr double kRowGap = 22;
    constexpr double kSubColumnGap = 36;
    constexpr int kRowsBeforeWrapping = 10;

    // Layers: producers | buses | rules | targets | dead-letter queues.
    auto layerOf = [](const FlowNode &n) {
        switch (n.kind) {
        case NodeKind::Producer: return 0;
        case NodeKind::Bus: return 1;
        case NodeKind::Rule: return 2;
        case NodeKind::Function: return 3;
        case NodeKind::Queue: return n.deadLetter ? 4 : 3;
        }
        return 3;
    };
    std::vector<std::vector<int>> layers(5);
    for (std::size_t i = 0; i < m_nodes.size(); ++i) {
        m_nodes[i].layer = layerOf(m_nodes[i]);
        layers[m_nodes[i].layer].push_back(static_cast<int>(i));
    }
    // Order within a layer by the mean rank of the nodes feeding it (one
    // barycentre sweep left to right keeps crossings low for fan-out graphs).
    std::vector<double> rank(m_nodes.size(), 0);
    for (std::size_t i = 0; i < layers[1].size(); ++i)
        rank[layers[1][i]] = static_cast<double>(i);
    auto sweep = [&](int layer, bool fromRight) {
        std::vector<std::pair<double, int>> keyed;
        for (int n : layers[layer]) {
            double sum = 0;
            int count = 0;
            for (const FlowEdge &e : m_edges) {
                const int other = fromRight ? (e.from == n ? e.to : -1) : (e.to == n ? e.from : -1);
                if (other >= 0 && m_nodes[other].layer != layer) {
                    sum += rank[other];
                    ++count;
                }
            }
            keyed.push_back({count ? sum / count : 1e9 + n, n});
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        layers[layer].clear();
        for (std::size_t i = 0; i < keyed.size(); ++i) {
            layers[layer].push_back(keyed[i].second);
            rank[keyed[i].second] = static_cast<double>(i);
        }
    };
    sweep(0, true);
    sweep(2, false);
    sweep(3, false);
    sweep(4, false);
    // A second pass pulls rules next to the targets they share.
    {
        std::vector<std::pair<double, int>> keyed;
        for (int n : layers[2]) {
            double bus = 0, target = 0;
            int targets = 0;
            for (const FlowEdge &e : m_edges) {
                if (e.to == n)
                    bus = rank[e.from];
                if (e.from == n && m_nodes[e.to].layer == 3) {
                    target += rank[e.to];
                    ++targets;
                }
            }
            keyed.push_back({bus * 1000 + (targets ? target / targets : 999), n});
        }
        std::stable_sort(keyed.begin(), keyed.end(),
                         [](const auto &a, const auto &b) { return a.first < b.first; });
        layers[2].clear();
        for (std::size_t i = 0; i < keyed.size(); ++i) {
            layers[2].push_back(keyed[i].second);
            rank[keyed[i].second] = static_cast<double>(i);
        }
    }

    // Geometry: a layer taller than kRowsBeforeWrapping rows wraps into
    // sub-columns (row-major, so neighbours stay neighbours).
    std::vector<int> subColumns(5, 1);
    std::vector<double> heights(5, 0);
    std::vector<double> widths(5, 0);
    for (int l = 0; l < 5; ++l) {
        const int n = static_cast<int>(layers[l].size());
        if (n == 0)
            continue;
        subColumns[l] = std::max(1, (n + kRowsBeforeWrapping - 1) / kRowsBeforeWrapping);
        const int rows = (n + subColumns[l] - 1) / subColumns[l];
        double rowHeight = 0, colWidth = 0;
        for (int i : layers[l]) {
            rowHeight = std::max(rowHeight, m_nodes[i].size.height());
            colWidth = std::max(colWidth, m_nodes[i].size.width());
        }
        heights[l] = rows * rowHeight + (rows - 1) * kRowGap;
        widths[l] = subColumns[l] * colWidth + (subColumns[l] - 1) * kSubColumnGap;
    }
    const double total = *std::max_element(heights.begin(), heights.end());
    double x = 0;
    for (int l = 0; l < 5; ++l) {
        if (layers[l].empty())
            continue;
        const int cols = subColumns[l];
        double rowHeight = 0, colWidth = 0;
        for (int i : layers[l]) {
            rowHeight = std::max(rowHeight, m_nodes[i].size.height());
            colWidth = std::max(colWidth, m_nodes[i].size.width());
        }
        const double top = (total - heights[l]) / 2;
        for (std::size_t k = 0; k < layers[l].size(); ++k) {
            const int col = static_cast<int>(k) % cols;
            const int row = static_cast<int>(k) / cols;
            FlowNode &node = m_nodes[layers[l][k]];
            // Wrapped columns are nudged down half a row so edges from the
            // left pass between the nodes of the column in front.
            const double stagger = cols > 1 ? (col % 2) * (rowHeight + kRowGap) / 2 : 0;
            node.pos = QPointF(x + col * (colWidth + kSubColumnGap)
                                   + (colWidth - node.size.width()) / 2,
                               top + row * (rowHeight + kRowGap) + stagger);
        }
        x += widths[l] + kColumnGap;
    }
    for (FlowNode &node : m_nodes) {
        auto it = saved.constFind(node.key);
        if (it != saved.constEnd())
            node.pos = *it;
    }
}

} // namespace ef::ui
