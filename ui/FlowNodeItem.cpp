#include "ui/FlowNodeItem.h"

#include "ui/FlowEdgeItem.h"
#include "ui/Palette.h"

#include <QFontMetricsF>
#include <QGraphicsSceneMouseEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace ef::ui {

namespace {
double g_fontScale = 1.0;

QFont font(double points, bool bold = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(points * g_fontScale);
    f.setBold(bold);
    return f;
}

QString kindText(const FlowNode &n)
{
    switch (n.kind) {
    case NodeKind::Producer: return QStringLiteral("PRODUCER");
    case NodeKind::Bus: return QStringLiteral("EVENT BUS");
    case NodeKind::Rule: return QStringLiteral("RULE");
    case NodeKind::Function: return QStringLiteral("λ FUNCTION");
    case NodeKind::Queue: return n.deadLetter ? QStringLiteral("DLQ") : QStringLiteral("QUEUE");
    }
    return {};
}
} // namespace

void FlowNodeItem::setFontScale(double scale) { g_fontScale = scale; }
double FlowNodeItem::fontScale() { return g_fontScale; }

FlowNodeItem::FlowNodeItem(const FlowNode &node, int index) : m_node(node), m_index(index)
{
    setFlags(ItemIsMovable | ItemIsSelectable | ItemSendsGeometryChanges);
    setCacheMode(DeviceCoordinateCache);
    setPos(node.pos);
    setZValue(2);
    setToolTip(node.tooltip);
}

QRectF FlowNodeItem::boundingRect() const
{
    return QRectF(QPointF(-4, -4), m_node.size + QSizeF(8, 8));
}

void FlowNodeItem::setStats(const NodeStats &stats)
{
    if (stats == m_stats)
        return;
    m_stats = stats;
    update();
}

void FlowNodeItem::setFlash(const QColor &colour)
{
    if (colour == m_flash)
        return;
    m_flash = colour;
    update();
}

QColor FlowNodeItem::accent() const
{
    switch (m_node.kind) {
    case NodeKind::Producer: return QColor(0x4D, 0x4D, 0x4D);
    case NodeKind::Bus: return QColor(0x00, 0x72, 0xB2);
    case NodeKind::Rule: return QColor(0x3B, 0x4A, 0x5A);
    case NodeKind::Function: return QColor(0x5B, 0x4B, 0x9B);
    case NodeKind::Queue: return m_node.deadLetter ? QColor(0xB2, 0x22, 0x22)
                                                   : QColor(0x8C, 0x6D, 0x31);
    }
    return Qt::gray;
}

QString FlowNodeItem::countsText() const
{
    const NodeStats &s = m_stats;
    const QString dot = QStringLiteral(" · ");
    switch (m_node.kind) {
    case NodeKind::Producer: {
        QString t = QStringLiteral("sent %1").arg(s.sent);
        if (s.rejected)
            t += dot + QStringLiteral("rejected %1").arg(s.rejected);
        return t;
    }
    case NodeKind::Bus: {
        QString t = s.events == 1 ? QStringLiteral("1 event")
                                  : QStringLiteral("%1 events").arg(s.events);
        if (s.noMatch)
            t += dot + QStringLiteral("%1 no rule matched").arg(s.noMatch);
        return t;
    }
    case NodeKind::Rule: {
        QString t = QStringLiteral("matched %1").arg(s.matched);
        if (s.failed)
            t += dot + QStringLiteral("failed %1").arg(s.failed);
        if (s.throttled)
            t += dot + QStringLiteral("throttled %1").arg(s.throttled);
        return t;
    }
    case NodeKind::Function: {
        QString t = s.invocations == 1 ? QStringLiteral("1 invocation")
                                       : QStringLiteral("%1 invocations").arg(s.invocations);
        t += dot + QStringLiteral("✓ %1").arg(s.succeeded);
        if (s.failed)
            t += dot + QStringLiteral("✗ %1").arg(s.failed);
        if (s.throttled)
            t += dot + QStringLiteral("throttled %1").arg(s.throttled);
        if (s.denied)
            t += dot + QStringLiteral("denied %1").arg(s.denied);
        return t;
    }
    case NodeKind::Queue:
        return s.received == 1 ? QStringLiteral("1 message")
                               : QStringLiteral("%1 messages").arg(s.received);
    }
    return {};
}

void FlowNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    const QRectF r(QPointF(0, 0), m_node.size);
    const QColor accent = this->accent();
    painter->setRenderHint(QPainter::Antialiasing, true);

    // Body.
    const bool bus = m_node.kind == NodeKind::Bus;
    painter->setPen(QPen(accent.darker(110), 1.4));
    painter->setBrush(bus ? QColor(0xE8, 0xF2, 0xFA) : QColor(0xFF, 0xFF, 0xFF));
    const double radius = m_node.kind == NodeKind::Function ? 14
                          : m_node.kind == NodeKind::Producer ? 10 : 5;
    painter->drawRoundedRect(r, radius, radius);
    // Accent stripe on the left, the kind's colour.
    QPainterPath stripe;
    stripe.addRoundedRect(QRectF(0, 0, 14, r.height()), radius, radius);
    QPainterPath clip;
    clip.addRect(QRectF(0, 0, 7, r.height()));
    painter->setPen(Qt::NoPen);
    painter->setBrush(accent);
    painter->drawPath(stripe.intersected(clip));

    // Busy: the function is running invocations now.
    if (m_stats.busy > 0) {
        const QRectF band(7, r.height() - 5, (r.width() - 14), 4);
        painter->setBrush(colours::busy());
        painter->drawRect(band);
    }

    const double left = 14;
    const double width = r.width() - left - 8;
    double y = 3;
    painter->setPen(QColor(0x1A, 0x1A, 0x1A));
    painter->setFont(font(9.5, true));
    QFontMetricsF tm(painter->font());
    painter->drawText(QPointF(left, y + tm.ascent() + 2),
                      tm.elidedText(m_node.title, Qt::ElideMiddle, width));
    y += tm.height() + 3;
    painter->setFont(font(8));
    QFontMetricsF sm(painter->font());
    painter->setPen(QColor(0x44, 0x44, 0x44));
    QString subtitle = m_node.subtitle;
    if (m_node.kind == NodeKind::Queue && m_node.deadLetter && subtitle.isEmpty())
        subtitle = kindText(m_node);
    if (!subtitle.isEmpty()) {
        painter->drawText(QPointF(left, y + sm.ascent()),
                          sm.elidedText(subtitle, Qt::ElideRight, width));
        y += sm.height();
    }
    // Counts, with the state colours where they say something.
    painter->setFont(font(8, true));
    QFontMetricsF cm(painter->font());
    QColor countColour(0x22, 0x22, 0x22);
    if (m_stats.failed || m_stats.denied)
        countColour = colours::failed().darker(130);
    painter->setPen(countColour);
    QString counts = countsText();
    if (m_stats.busy > 0)
        counts = QStringLiteral("busy %1 · ").arg(m_stats.busy) + counts;
    painter->drawText(QPointF(left, r.height() - 8 - cm.descent()),
                      cm.elidedText(counts, Qt::ElideRight, width));

    if (m_node.missingPermission) {
        painter->setPen(colours::blocked());
        painter->setFont(font(6.5, true));
        const QString tag = QStringLiteral("NO INVOKE PERMISSION");
        const QFontMetricsF pm(painter->font());
        painter->drawText(QPointF(r.width() - pm.horizontalAdvance(tag) - 8,
                                  r.height() - 8 - cm.descent() - cm.height()),
                          tag);
    }

    if (m_flash.isValid()) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(m_flash, 3.5));
        painter->drawRoundedRect(r.adjusted(-1.5, -1.5, 1.5, 1.5), radius, radius);
    }
    if (option->state & QStyle::State_Selected) {
        painter->setBrush(Qt::NoBrush);
        painter->setPen(QPen(QColor(0x00, 0x72, 0xB2), 2.5, Qt::DashLine));
        painter->drawRoundedRect(r.adjusted(-3, -3, 3, 3), radius + 2, radius + 2);
    }
}

QVariant FlowNodeItem::itemChange(GraphicsItemChange change, const QVariant &value)
{
    if (change == ItemPositionHasChanged) {
        for (FlowEdgeItem *edge : m_edges)
            edge->adjust();
    }
    return QGraphicsItem::itemChange(change, value);
}

void FlowNodeItem::mousePressEvent(QGraphicsSceneMouseEvent *event)
{
    m_pressPos = pos();
    QGraphicsItem::mousePressEvent(event);
}

void FlowNodeItem::mouseReleaseEvent(QGraphicsSceneMouseEvent *event)
{
    QGraphicsItem::mouseReleaseEvent(event);
    if (pos() != m_pressPos && m_moved)
        m_moved(this, m_pressPos);
}

void FlowNodeItem::setNode(const FlowNode &node)
{
    m_node = node;
    setToolTip(node.tooltip);
    if (pos() != node.pos)
        setPos(node.pos);
    update();
}

} // namespace ef::ui
