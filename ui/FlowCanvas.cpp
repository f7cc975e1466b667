#include "ui/FlowCanvas.h"

#include "ui/EngineSession.h"
#include "ui/FlowEdgeItem.h"

#include <QMouseEvent>
#include <QPaintEvent>
#include <QPixmapCache>
#include <QScrollBar>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace ef::ui {

namespace {
constexpr SimTime kFlash = 450 * kMicrosPerMilli;
constexpr SimTime kNoMatchHold = 1400 * kMicrosPerMilli;
constexpr SimTime kRateWindow = 500 * kMicrosPerMilli;
// Node texts and edge rates are brought up to date a slice per frame.
constexpr std::size_t kRefreshSlices = 6;

// Lags are kept per (event, node index); the colour per event under this key.
constexpr std::uint32_t kColourKey = 0xFFFFF;
// How long the canvas remembers an event, and for how many (event, node)
// pairs at once: ~12,000 new pairs a second under 10,000 events/s.
constexpr SimTime kMemoryHorizon = 15 * kMicrosPerSecond;
constexpr std::size_t kMemorySlots = std::size_t(1) << 18;

// The "detail-type" of an envelope without parsing all of it.
QString detailTypeOf(const QString &envelope)
{
    static const QString key = QStringLiteral("\"detail-type\":");
    qsizetype at = envelope.indexOf(key);
    if (at < 0)
        return {};
    at = envelope.indexOf(QLatin1Char('"'), at + key.size());
    if (at < 0)
        return {};
    QString out;
    for (qsizetype i = at + 1; i < envelope.size(); ++i) {
        const QChar c = envelope[i];
        if (c == QLatin1Char('\\') && i + 1 < envelope.size()) {
            out += envelope[++i];
            continue;
        }
        if (c == QLatin1Char('"'))
            break;
        out += c;
    }
    return out;
}
} // namespace

FlowCanvas::FlowCanvas(EngineSession *session, QWidget *parent)
    : QGraphicsView(parent), m_session(session), m_tokens(&m_palette),
      m_memory(kMemorySlots, kMemoryHorizon)
{
    setScene(&m_scene);
    m_scene.setItemIndexMethod(QGraphicsScene::NoIndex);
    // Nodes and edges paint from pixmap caches; with 30+ rules they need more
    // than QPixmapCache's default 10 MB, or every frame redraws them all.
    QPixmapCache::setCacheLimit(std::max(QPixmapCache::cacheLimit(), 96 * 1024));
    // Every frame repaints the tokens anyway: one full update is cheaper than
    // tracking hundreds of dirty regions (see PERF-NOTES).
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setCacheMode(QGraphicsView::CacheBackground);
    // The cached background covers every pixel: nothing needs painting under
    // the canvas first (a full-size fill per frame otherwise).
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setOptimizationFlags(QGraphicsView::DontSavePainterState);
    setRenderHint(QPainter::Antialiasing, true);
    setDragMode(QGraphicsView::RubberBandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setFrameShape(QFrame::NoFrame);
    connect(session, &EngineSession::frame, this, &FlowCanvas::onFrame);
    connect(session, &EngineSession::scenarioChanged, this, &FlowCanvas::rebuild);
    connect(session, &EngineSession::cleared, this, &FlowCanvas::clearView);
    connect(&m_scene, &QGraphicsScene::selectionChanged, this, [this]() {
        const auto selected = m_scene.selectedItems();
        for (QGraphicsItem *item : selected) {
            if (auto *node = qgraphicsitem_cast<FlowNodeItem *>(item)) {
                emit nodeSelected(node->node().key);
                return;
            }
        }
    });
    rebuild();
}

FlowCanvas::~FlowCanvas() = default;

void FlowCanvas::rebuild()
{
    // Keep counts across the rebuild, by node key.
    for (std::size_t i = 0; i < m_nodeItems.size(); ++i)
        m_keptStats.insert(m_graph.nodes()[i].key, m_stats[i]);
    QStringList origins;
    QSet<QString> producerNames;
    for (const ProducerInfo &p : m_session->engine().producers())
        producerNames.insert(p.name);
    for (int i = 0; !m_session->originName(i).isEmpty(); ++i) {
        if (!producerNames.contains(m_session->originName(i)))
            origins << m_session->originName(i);
    }
    FlowGraph fresh = FlowGraph::fromEngine(m_session->engine(), origins);
    fresh.layout(m_session->engine().nodePositions());
    if (!m_nodeItems.empty() && sameStructure(fresh)) {
        // Only positions or texts changed (a move, its undo): keep items,
        // counts and tokens in flight.
        m_graph = std::move(fresh);
        for (std::size_t i = 0; i < m_nodeItems.size(); ++i)
            m_nodeItems[i]->setNode(m_graph.nodes()[i]);
        m_scene.setSceneRect(m_scene.itemsBoundingRect().adjusted(-24, -30, 40, 60));
        return;
    }
    m_tokens.clear();
    m_tokens.rerenderSprites();  // the token scale may have changed
    m_scene.clear();
    m_nodeItems.clear();
    m_edgeItems.clear();
    m_graph = std::move(fresh);
    const std::size_t n = m_graph.nodes().size();
    m_stats.assign(n, NodeStats{});
    m_dirty.assign(n, false);
    m_flashUntil.assign(n, 0);
    for (std::size_t i = 0; i < n; ++i) {
        auto *item = new FlowNodeItem(m_graph.nodes()[i], static_cast<int>(i));
        item->setMovedHandler([this](FlowNodeItem *moved, QPointF from) {
            emit nodeMoved(moved->node().key, from, moved->pos());
        });
        m_scene.addItem(item);
        m_nodeItems.push_back(item);
        m_stats[i] = m_keptStats.value(m_graph.nodes()[i].key);
        item->setStats(m_stats[i]);
    }
    for (const FlowEdge &e : m_graph.edges()) {
        auto *item = new FlowEdgeItem(e, m_nodeItems[e.from], m_nodeItems[e.to]);
        m_scene.addItem(item);
        m_edgeItems.append(item);
    }
    m_edgeFlashUntil.assign(m_edgeItems.size(), 0);
    m_edgeCount.assign(m_edgeItems.size(), 0);
    m_edgeRate.assign(m_edgeItems.size(), 0);
    m_edgeWindowStart.assign(m_edgeItems.size(), 0);
    m_memory.clear();
    m_forwardLag.clear();
    m_busByName.clear();
    m_ruleByName.clear();
    m_targetEdge.clear();
    while (!m_effects.empty())
        m_effects.pop();
    const QRectF bounds = m_scene.itemsBoundingRect().adjusted(-24, -30, 40, 60);
    m_scene.setSceneRect(bounds);
    resetCachedContent();
    if (!m_userZoomed)
        fitAll();
}

void FlowCanvas::clearView()
{
    m_keptStats.clear();
    std::fill(m_stats.begin(), m_stats.end(), NodeStats{});
    for (std::size_t i = 0; i < m_nodeItems.size(); ++i) {
        m_nodeItems[i]->setStats(m_stats[i]);
        m_nodeItems[i]->setFlash(QColor());
    }
    for (FlowEdgeItem *e : m_edgeItems) {
        e->setRate(0);
        e->setFlash(QColor());
    }
    std::fill(m_edgeCount.begin(), m_edgeCount.end(), 0);
    std::fill(m_edgeRate.begin(), m_edgeRate.end(), 0);
    std::fill(m_edgeWindowStart.begin(), m_edgeWindowStart.end(), 0);
    m_tokens.clear();
    m_memory.clear();
    while (!m_effects.empty())
        m_effects.pop();
    viewport()->update();
}

FlowNodeItem *FlowCanvas::nodeItem(const QString &key) const
{
    const int i = m_graph.indexOf(key);
    return i < 0 ? nullptr : m_nodeItems[i];
}

NodeStats FlowCanvas::statsOf(const QString &key) const
{
    const int i = m_graph.indexOf(key);
    return i < 0 ? NodeStats{} : m_stats[i];
}

void FlowCanvas::selectNode(const QString &key)
{
    if (FlowNodeItem *item = nodeItem(key)) {
        m_scene.clearSelection();
        item->setSelected(true);
        ensureVisible(item);
    }
}

void FlowCanvas::fitAll()
{
    const QRectF r = m_scene.sceneRect();
    if (r.isEmpty() || viewport()->width() < 50)
        return;
    const double sx = viewport()->width() / r.width();
    const double sy = viewport()->height() / r.height();
    // Readable first: below ~0.6 the labels get too small, so scroll instead.
    const double s = std::clamp(std::min(sx, sy), 0.6, 1.25);
    setTransform(QTransform::fromScale(s, s));
    centerOn(r.center());
}

bool FlowCanvas::sameStructure(const FlowGraph &other) const
{
    const auto &a = m_graph.nodes();
    const auto &b = other.nodes();
    if (a.size() != b.size() || m_graph.edges().size() != other.edges().size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i].key != b[i].key || a[i].kind != b[i].kind || a[i].deadLetter != b[i].deadLetter
            || a[i].missingPermission != b[i].missingPermission || a[i].size != b[i].size)
            return false;
    }
    for (std::size_t i = 0; i < m_graph.edges().size(); ++i) {
        const FlowEdge &x = m_graph.edges()[i];
        const FlowEdge &y = other.edges()[i];
        if (x.from != y.from || x.to != y.to || x.kind != y.kind || x.blocked != y.blocked
            || x.label != y.label)
            return false;
    }
    return true;
}

// ---- frames -------------------------------------------------------------------

void FlowCanvas::onFrame(const FrameBatch &batch)
{
    FrameProfile::Scope timed(m_session->profile(), FrameProfile::Canvas);
    m_now = batch.now;
    bool needRebuild = false;
    for (std::size_t i = 0; i < batch.origins.size(); ++i) {
        const int origin = batch.origins[i];
        if (origin >= 0
            && m_graph.indexOf(FlowGraph::producerKey(m_session->originName(origin))) < 0)
            needRebuild = true;
    }
    if (needRebuild)
        rebuild();
    for (std::size_t i = 0; i < batch.happenings.size(); ++i)
        handle(batch.happenings[i], batch.origins[i], batch.now);
    flushEffects(batch.now);
    updateRates(batch.now);
    // A node redraws its cached picture when its numbers change, and under
    // load they change every frame: then each frame takes one slice of the
    // nodes (each node about ten times a second), so that no frame redraws
    // them all at once.
    ++m_frameNo;
    const bool quiet = batch.happenings.size() < 256;
    const std::size_t slice = m_frameNo % kRefreshSlices;
    for (std::size_t i = 0; i < m_nodeItems.size(); ++i) {
        if (m_dirty[i] && (quiet || i % kRefreshSlices == slice)) {
            m_nodeItems[i]->setStats(m_stats[i]);
            m_dirty[i] = false;
        }
        if (m_flashUntil[i] && batch.now >= m_flashUntil[i]) {
            m_nodeItems[i]->setFlash(QColor());
            m_flashUntil[i] = 0;
        }
    }
    for (int i = 0; i < m_edgeItems.size(); ++i) {
        if (m_edgeFlashUntil[i] && batch.now >= m_edgeFlashUntil[i]) {
            m_edgeItems[i]->setFlash(QColor());
            m_edgeFlashUntil[i] = 0;
        }
    }
    m_tokens.advance(batch.now);
    viewport()->update();
}

int FlowCanvas::busNode(NameId bus)
{
    auto it = m_busByName.constFind(bus);
    if (it != m_busByName.constEnd())
        return *it;
    const int node = m_graph.indexOf(FlowGraph::busKey(m_session->engine().name(bus)));
    m_busByName.insert(bus, node);
    return node;
}

int FlowCanvas::ruleNode(NameId bus, NameId rule)
{
    const quint64 key = (static_cast<quint64>(bus) << 32) | rule;
    auto it = m_ruleByName.constFind(key);
    if (it != m_ruleByName.constEnd())
        return *it;
    const Engine &engine = m_session->engine();
    const int node = m_graph.indexOf(FlowGraph::ruleKey(engine.name(bus), engine.name(rule)));
    m_ruleByName.insert(key, node);
    return node;
}

int FlowCanvas::nodeNamed(const QString &prefix, NameId name)
{
    return m_graph.indexOf(prefix + m_session->engine().name(name));
}

int FlowCanvas::targetEdgeOf(const Happening &h)
{
    const int rule = ruleNode(h.bus, h.rule);
    const int edge = targetEdge(rule, h.consumer);
    if (edge >= 0 || rule < 0)
        return edge;
    // No consumer named (e.g. the function does not exist): the rule's target id.
    const int target = m_graph.targetNodeOf(rule, m_session->engine().name(h.target));
    return target < 0 ? -1 : m_graph.edgeBetween(rule, target);
}

int FlowCanvas::targetEdge(int rule, NameId consumer)
{
    if (rule < 0 || consumer == 0)
        return -1;
    const quint64 key = (static_cast<quint64>(rule) << 32) | consumer;
    auto it = m_targetEdge.constFind(key);
    if (it != m_targetEdge.constEnd())
        return *it;
    const QString name = m_session->engine().name(consumer);
    int found = -1;
    const auto &edges = m_graph.edges();
    for (std::size_t i = 0; i < edges.size(); ++i) {
        if (edges[i].from == rule && m_graph.nodes()[edges[i].to].name == name
            && (edges[i].kind == EdgeKind::Invoke || edges[i].kind == EdgeKind::Forward)) {
            found = static_cast<int>(i);
            break;
        }
    }
    m_targetEdge.insert(key, found);
    return found;
}

SimTime FlowCanvas::lagOf(EventSeq event, int node) const
{
    return m_memory.find(event, static_cast<std::uint32_t>(node), m_now);
}

void FlowCanvas::setLag(EventSeq event, int node, SimTime lag, SimTime now)
{
    m_memory.store(event, static_cast<std::uint32_t>(node), lag, now);
}

int FlowCanvas::colourOf(EventSeq event)
{
    const std::int64_t known = m_memory.find(event, kColourKey, m_now);
    if (known >= 0)
        return static_cast<int>(known);
    Engine &engine = m_session->engine();
    const QString id = engine.eventId(event);
    const QString type = id.isEmpty() ? QString() : detailTypeOf(engine.eventHistory(id).envelope);
    const int index = m_palette.indexOf(type.isEmpty() ? QStringLiteral("?") : type);
    m_memory.store(event, kColourKey, index, m_now);
    return index;
}

void FlowCanvas::hop(EventSeq event, int edgeIndex, bool back, SimTime time, TokenStyle style)
{
    if (edgeIndex < 0)
        return;
    ++m_edgeCount[edgeIndex];
    const FlowEdge &edge = m_graph.edges()[edgeIndex];
    const int from = back ? edge.to : edge.from;
    const int to = back ? edge.from : edge.to;
    const SimTime known = lagOf(event, from);
    // Beyond the token capacity an event is not animated: the edge counts
    // it, its node effects apply at once, nothing is remembered about it.
    if (known < 0 && m_tokens.full())
        return;
    const SimTime lag = std::max<SimTime>(0, known);
    const SimTime start = time + lag;
    // Once the token is behind the frame already (a burst of retries), it is
    // not worth drawing; the edge intensity still counts it.
    setLag(event, to, lag + kHop, time);
    if (m_tokens.full() || start + kHop < m_now)
        return;
    Token t;
    t.start = start;
    t.end = start + kHop;
    t.event = event;
    t.edge = m_edgeItems[edgeIndex];
    t.motion = back ? TokenMotion::Back : TokenMotion::Along;
    t.sprite = m_tokens.sprite(colourOf(event), style);
    m_tokens.add(t);
}

void FlowCanvas::hold(EventSeq event, int node, SimTime time, SimTime duration, TokenStyle style)
{
    if (node < 0 || m_tokens.full())
        return;
    const SimTime start = time + std::max<SimTime>(0, lagOf(event, node));
    Token t;
    t.start = start;
    t.end = start + duration;
    t.event = event;
    t.node = m_nodeItems[node];
    t.motion = TokenMotion::Hold;
    t.slot = m_holdSlot++;
    t.sprite = m_tokens.sprite(colourOf(event), style);
    m_tokens.add(t);
}

void FlowCanvas::orbit(EventSeq event, int node, SimTime time, TokenStyle style)
{
    if (node < 0)
        return;
    const SimTime lag = std::max<SimTime>(0, lagOf(event, node));
    setLag(event, node, lag + 2 * kHop, time);
    if (m_tokens.full())
        return;
    Token t;
    t.start = time + lag;
    t.end = t.start + 2 * kHop;
    t.event = event;
    t.node = m_nodeItems[node];
    t.motion = TokenMotion::Orbit;
    t.sprite = m_tokens.sprite(colourOf(event), style);
    m_tokens.add(t);
}

void FlowCanvas::effectAt(EventSeq event, int node, SimTime time, Effect effect, SimTime now)
{
    if (node < 0)
        return;
    const SimTime lag = lagOf(event, node);
    const SimTime at = lag > 0 ? time + lag : time;
    if (at <= now) {
        apply(node, effect, now);
        return;
    }
    m_effects.push({at, node, effect});
}

void FlowCanvas::flushEffects(SimTime now)
{
    while (!m_effects.empty() && m_effects.top().at <= now) {
        const PendingEffect e = m_effects.top();
        m_effects.pop();
        apply(e.node, e.effect, now);
    }
}

void FlowCanvas::apply(int node, Effect effect, SimTime now)
{
    NodeStats &s = m_stats[node];
    QColor flash;
    switch (effect) {
    case Effect::BusIn: ++s.events; break;
    case Effect::NoMatch: ++s.noMatch; break;
    case Effect::Matched: ++s.matched; break;
    case Effect::FunctionStart:
        ++s.invocations;
        ++s.busy;
        break;
    case Effect::FunctionOk:
        ++s.succeeded;
        s.busy = std::max(0, s.busy - 1);
        flash = colours::succeeded();
        break;
    case Effect::FunctionFail:
        ++s.failed;
        s.busy = std::max(0, s.busy - 1);
        flash = colours::failed();
        break;
    case Effect::Throttle:
        ++s.throttled;
        flash = colours::throttled();
        break;
    case Effect::Denied:
        ++s.denied;
        flash = colours::blocked();
        break;
    case Effect::TargetFail:
        ++s.failed;
        flash = colours::failed();
        break;
    case Effect::QueueIn:
        ++s.received;
        flash = colours::succeeded();
        break;
    case Effect::RuleFailed: ++s.failed; break;
    case Effect::RuleThrottled: ++s.throttled; break;
    }
    m_dirty[node] = true;
    if (flash.isValid()) {
        m_nodeItems[node]->setFlash(flash);
        m_flashUntil[node] = now + kFlash;
    }
}

void FlowCanvas::handle(const Happening &h, int origin, SimTime now)
{
    const EventSeq e = h.event;
    switch (h.kind) {
    case HappeningKind::EntryAccepted: {
        const int bus = busNode(h.bus);
        if (bus < 0)
            return;
        if (origin >= 0) {
            const int producer = m_graph.indexOf(
                FlowGraph::producerKey(m_session->originName(origin)));
            if (producer >= 0) {
                ++m_stats[producer].sent;
                m_dirty[producer] = true;
                if (!m_tokens.full())
                    setLag(e, producer, 0, now);
                hop(e, m_graph.edgeBetween(producer, bus), false, h.time, TokenStyle::Event);
            }
        } else if (auto it = m_forwardLag.find(bus); it != m_forwardLag.end()) {
            // The copy a bus target put on this bus: it continues the forwarded token.
            setLag(e, bus, *it, now);
            m_forwardLag.erase(it);
        }
        effectAt(e, bus, h.time, Effect::BusIn, now);
        return;
    }
    case HappeningKind::EntryRejected: {
        if (origin >= 0) {
            const int producer = m_graph.indexOf(
                FlowGraph::producerKey(m_session->originName(origin)));
            if (producer >= 0) {
                ++m_stats[producer].rejected;
                m_dirty[producer] = true;
            }
        }
        return;
    }
    case HappeningKind::RuleMatched: {
        const int bus = busNode(h.bus);
        const int rule = ruleNode(h.bus, h.rule);
        if (rule < 0)
            return;
        hop(e, m_graph.edgeBetween(bus, rule), false, h.time, TokenStyle::Event);
        effectAt(e, rule, h.time, Effect::Matched, now);
        return;
    }
    case HappeningKind::NoRuleMatched: {
        const int bus = busNode(h.bus);
        hold(e, bus, h.time, kNoMatchHold, TokenStyle::NoMatch);
        effectAt(e, bus, h.time, Effect::NoMatch, now);
        return;
    }
    case HappeningKind::TargetInvoked: {
        // The target took the event: for a function, that is its run starting.
        const int edge = targetEdgeOf(h);
        if (edge < 0)
            return;
        const int target = m_graph.edges()[edge].to;
        const NodeKind kind = m_graph.nodes()[target].kind;
        if (kind == NodeKind::Bus)
            return;  // Forwarded draws the hop to the other bus
        hop(e, edge, false, h.time, TokenStyle::Event);
        if (kind == NodeKind::Function)
            effectAt(e, target, h.time, Effect::FunctionStart, now);
        return;
    }
    case HappeningKind::Throttled:
    case HappeningKind::PermissionDenied:
    case HappeningKind::TargetFailed: {
        // Lambda refusing its own retry (no EventBridge attempt number) stays
        // at the function; an EventBridge hand-off refused shows on the edge.
        const bool lambdaSide = h.kind == HappeningKind::Throttled && h.attempt == 0;
        const int edge = lambdaSide ? -1 : targetEdgeOf(h);
        const int rule = ruleNode(h.bus, h.rule);
        const int target = edge >= 0 ? m_graph.edges()[edge].to
                                     : nodeNamed(QStringLiteral("fn:"), h.consumer);
        if (edge >= 0) {
            const QColor c = h.kind == HappeningKind::Throttled ? colours::throttled()
                                                                 : colours::blocked();
            m_edgeItems[edge]->setFlash(c);
            m_edgeFlashUntil[edge] = now + kFlash + std::max<SimTime>(0, lagOf(e, rule)) + kHop;
            if (h.kind == HappeningKind::PermissionDenied)
                m_edgeItems[edge]->setBlocked(true, QStringLiteral("no invoke permission"));
            hop(e, edge, false, h.time, TokenStyle::Refused);
        }
        hold(e, target, h.time, kHop * 2, TokenStyle::Refused);
        const Effect effect = h.kind == HappeningKind::Throttled ? Effect::Throttle
                              : h.kind == HappeningKind::PermissionDenied ? Effect::Denied
                                                                          : Effect::TargetFail;
        effectAt(e, target, h.time, effect, now);
        if (rule >= 0 && h.kind == HappeningKind::Throttled && !lambdaSide)
            effectAt(e, rule, h.time, Effect::RuleThrottled, now);
        return;
    }
    case HappeningKind::FunctionStarted:
        // Lambda runs the function again (its own retry).
        effectAt(e, nodeNamed(QStringLiteral("fn:"), h.consumer), h.time, Effect::FunctionStart,
                 now);
        return;
    case HappeningKind::FunctionFailed:
        effectAt(e, nodeNamed(QStringLiteral("fn:"), h.consumer), h.time, Effect::FunctionFail,
                 now);
        return;
    case HappeningKind::Retried: {
        if (h.service == Service::Lambda) {
            orbit(e, nodeNamed(QStringLiteral("fn:"), h.consumer), h.time,
                  TokenStyle::LambdaRetry);
        } else {
            // EventBridge tries the hand-off again: the token goes back to the rule.
            hop(e, targetEdgeOf(h), true, h.time, TokenStyle::EventBridgeRetry);
        }
        return;
    }
    case HappeningKind::Delivered: {
        if (h.service == Service::Lambda) {
            effectAt(e, nodeNamed(QStringLiteral("fn:"), h.consumer), h.time, Effect::FunctionOk,
                     now);
        } else if (h.service == Service::Sqs) {
            effectAt(e, nodeNamed(QStringLiteral("queue:"), h.consumer), h.time, Effect::QueueIn,
                     now);
        }
        return;
    }
    case HappeningKind::DeadLettered: {
        int from = -1, to = -1;
        if (h.service == Service::Lambda) {
            from = nodeNamed(QStringLiteral("fn:"), h.consumer);
            for (const FlowEdge &edge : m_graph.edges()) {
                if (edge.from == from && edge.kind == EdgeKind::FailureDestination)
                    to = edge.to;
            }
        } else {
            const int rule = ruleNode(h.bus, h.rule);
            from = m_graph.targetNodeOf(rule, m_session->engine().name(h.target));
            to = nodeNamed(QStringLiteral("queue:"), h.consumer);
            if (from < 0)
                from = rule;
        }
        if (from >= 0 && to >= 0) {
            hop(e, m_graph.edgeBetween(from, to), false, h.time, TokenStyle::DeadLetter);
            effectAt(e, to, h.time, Effect::QueueIn, now);
        }
        if (h.service != Service::Lambda) {
            const int rule = ruleNode(h.bus, h.rule);
            if (rule >= 0)
                effectAt(e, rule, h.time, Effect::RuleFailed, now);
        }
        return;
    }
    case HappeningKind::Dropped: {
        int at = nodeNamed(QStringLiteral("fn:"), h.consumer);
        if (at < 0)
            at = ruleNode(h.bus, h.rule);
        hold(e, at, h.time, kHop * 3, TokenStyle::Dropped);
        return;
    }
    case HappeningKind::Forwarded: {
        const int rule = ruleNode(h.bus, h.rule);
        const int edge = targetEdge(rule, h.consumer);
        hop(e, edge, false, h.time, TokenStyle::Event);
        if (edge >= 0) {
            const int dest = m_graph.edges()[edge].to;
            m_forwardLag.insert(dest, std::max<SimTime>(0, lagOf(e, dest)));
        }
        return;
    }
    default:
        return;
    }
}

void FlowCanvas::updateRates(SimTime now)
{
    // Each edge closes its rate window on its own frame, one slice of the
    // edges per frame: the labels that change then redraw a few at a time.
    const auto n = static_cast<std::size_t>(m_edgeItems.size());
    for (std::size_t i = m_frameNo % kRefreshSlices; i < n; i += kRefreshSlices) {
        SimTime &start = m_edgeWindowStart[i];
        if (start == 0 || now < start)
            start = now;
        const SimTime elapsed = now - start;
        if (elapsed < kRateWindow)
            continue;
        const double seconds = static_cast<double>(elapsed) / kMicrosPerSecond;
        const double instant = m_edgeCount[i] / seconds;
        m_edgeRate[i] = m_edgeRate[i] * 0.5 + instant * 0.5;
        if (m_edgeRate[i] < 0.05)
            m_edgeRate[i] = 0;
        m_edgeItems[static_cast<int>(i)]->setRate(m_edgeRate[i]);
        m_edgeCount[i] = 0;
        start = now;
    }
}

// ---- painting and input ------------------------------------------------------------

void FlowCanvas::drawBackground(QPainter *painter, const QRectF &rect)
{
    painter->fillRect(rect, QColor(0xF7, 0xF8, 0xFA));
    // A light dot grid: it shows the canvas can be panned and nodes dragged.
    painter->setPen(QPen(QColor(0xDD, 0xE1, 0xE6), 1.5));
    const double step = 40;
    const double left = std::floor(rect.left() / step) * step;
    const double top = std::floor(rect.top() / step) * step;
    for (double x = left; x < rect.right(); x += step) {
        for (double y = top; y < rect.bottom(); y += step)
            painter->drawPoint(QPointF(x, y));
    }
}

void FlowCanvas::drawForeground(QPainter *painter, const QRectF &)
{
    m_tokens.paint(painter, viewportTransform());
}

void FlowCanvas::paintEvent(QPaintEvent *event)
{
    m_frameStats.paintStarted();
    m_session->profile().canvasPaintStarted();
    FrameProfile::Scope timed(m_session->profile(), FrameProfile::CanvasPaint);
    QGraphicsView::paintEvent(event);
    m_frameStats.paintFinished();
}

void FlowCanvas::mousePressEvent(QMouseEvent *event)
{
    if (event->button() == Qt::LeftButton) {
        if (const EventSeq hit = m_tokens.hit(event->position(), viewportTransform())) {
            emit tokenClicked(hit);
            event->accept();
            return;
        }
    }
    QGraphicsView::mousePressEvent(event);
}

void FlowCanvas::mouseDoubleClickEvent(QMouseEvent *event)
{
    for (QGraphicsItem *item : items(event->position().toPoint())) {
        if (auto *node = qgraphicsitem_cast<FlowNodeItem *>(item)) {
            emit nodeActivated(node->node().key);
            event->accept();
            return;
        }
    }
    QGraphicsView::mouseDoubleClickEvent(event);
}

void FlowCanvas::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    if (!m_userZoomed)
        fitAll();
}

void FlowCanvas::wheelEvent(QWheelEvent *event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const double factor = std::pow(1.0015, event->angleDelta().y());
        scale(factor, factor);
        m_userZoomed = true;
        event->accept();
        return;
    }
    QGraphicsView::wheelEvent(event);
}

} // namespace ef::ui
