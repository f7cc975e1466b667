#include "ui/FlowEdgeItem.h"

#include "ui/FlowNodeItem.h"
#include "ui/Palette.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace ef::ui {

FlowEdgeItem::FlowEdgeItem(const FlowEdge &edge, FlowNodeItem *from, FlowNodeItem *to)
    : m_edge(edge), m_from(from), m_to(to)
{
    setZValue(1);
    setAcceptedMouseButtons(Qt::NoButton);
    // Redrawn only when its rate, flash or geometry changes; every frame
    // otherwise blits the cached picture.
    setCacheMode(DeviceCoordinateCache);
    from->addEdge(this);
    to->addEdge(this);
    adjust();
}

void FlowEdgeItem::adjust()
{
    prepareGeometryChange();
    const QRectF a(m_from->pos(), m_from->node().size);
    const QRectF b(m_to->pos(), m_to->node().size);
    QPointF p0(a.right(), a.center().y());
    QPointF p3(b.left(), b.center().y());
    if (b.left() < a.right() - 1) {
        // Backwards (e.g. forwarding to a bus on the left): leave from below.
        p0 = QPointF(a.center().x(), a.bottom());
        p3 = QPointF(b.center().x(), b.bottom());
        const double drop = 60 + std::abs(p3.x() - p0.x()) * 0.15;
        m_p[1] = p0 + QPointF(0, drop);
        m_p[2] = p3 + QPointF(0, drop);
    } else {
        const double dx = std::max(40.0, (p3.x() - p0.x()) * 0.5);
        m_p[1] = p0 + QPointF(dx, 0);
        m_p[2] = p3 - QPointF(dx, 0);
    }
    m_p[0] = p0;
    m_p[3] = p3;
    m_path = QPainterPath(m_p[0]);
    m_path.cubicTo(m_p[1], m_p[2], m_p[3]);
    update();
}

QPointF FlowEdgeItem::pointAt(double t) const
{
    const double u = 1 - t;
    return u * u * u * m_p[0] + 3 * u * u * t * m_p[1] + 3 * u * t * t * m_p[2]
           + t * t * t * m_p[3];
}

void FlowEdgeItem::setRate(double eventsPerSecond)
{
    QString text;
    if (eventsPerSecond >= 1000)
        text = QStringLiteral("%1k/s").arg(eventsPerSecond / 1000.0, 0, 'f', 1);
    else if (eventsPerSecond >= 5)
        text = QStringLiteral("%1/s").arg(std::round(eventsPerSecond));
    const bool widthChanged = std::abs(std::log1p(eventsPerSecond) - std::log1p(m_rate)) > 0.2;
    m_rate = eventsPerSecond;
    if (text != m_rateText || widthChanged) {
        m_rateText = text;
        update();
    }
}

void FlowEdgeItem::setBlocked(bool blocked, const QString &why)
{
    if (blocked == m_edge.blocked)
        return;
    m_edge.blocked = blocked;
    m_edge.label = why;
    update();
}

void FlowEdgeItem::setFlash(const QColor &colour)
{
    if (colour == m_flash)
        return;
    m_flash = colour;
    update();
}

QColor FlowEdgeItem::baseColour() const
{
    if (m_edge.blocked)
        return colours::blocked();
    switch (m_edge.kind) {
    case EdgeKind::Publish: return QColor(0x66, 0x66, 0x66);
    case EdgeKind::Route: return QColor(0x4A, 0x8C, 0xC0);
    case EdgeKind::Invoke: return QColor(0x6A, 0x6A, 0x80);
    case EdgeKind::Forward: return QColor(0x00, 0x72, 0xB2);
    case EdgeKind::DeadLetter: return QColor(0xB2, 0x22, 0x22);
    case EdgeKind::FailureDestination: return QColor(0xC0, 0x80, 0x00);
    }
    return Qt::gray;
}

QRectF FlowEdgeItem::boundingRect() const
{
    // The curve, its arrow head, and the label box centred on its middle
    // (kept small: each edge's cached picture is this size).
    const QPointF mid = pointAt(0.5);
    return m_path.controlPointRect().adjusted(-8, -8, 8, 8)
        .united(QRectF(mid.x() - 75, mid.y() - 22, 150, 34));
}

QPainterPath FlowEdgeItem::shape() const { return m_path; }

void FlowEdgeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing, true);
    const QColor colour = m_flash.isValid() ? m_flash : baseColour();
    // Flow intensity: wider as more events per second pass.
    const double width = 1.6 + std::min(7.0, std::log10(1 + m_rate) * 2.2);
    const bool dashed = m_edge.blocked || m_edge.kind == EdgeKind::DeadLetter
                        || m_edge.kind == EdgeKind::FailureDestination
                        || m_edge.kind == EdgeKind::Forward;
    QPen pen(colour, m_flash.isValid() ? width + 1.5 : width,
             dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    // Arrow head at the end, along the curve's final direction.
    const QPointF tip = m_p[3];
    QPointF dir = m_p[3] - pointAt(0.97);
    const double len = std::hypot(dir.x(), dir.y());
    if (len > 0.01) {
        dir /= len;
        const QPointF normal(-dir.y(), dir.x());
        const double size = 9;
        QPolygonF head;
        head << tip << tip - dir * size + normal * size * 0.5 << tip - dir * size - normal * size * 0.5;
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        painter->drawPolygon(head);
    }
    if (m_edge.blocked) {
        // A cross on the edge it blocks; the target node says why.
        const QPointF mid = pointAt(0.5);
        painter->setPen(QPen(colours::blocked(), 2));
        painter->setBrush(Qt::white);
        painter->drawEllipse(mid, 7, 7);
        painter->drawLine(mid + QPointF(-3.5, -3.5), mid + QPointF(3.5, 3.5));
        painter->drawLine(mid + QPointF(-3.5, 3.5), mid + QPointF(3.5, -3.5));
    }
    QString label = m_edge.blocked ? QString() : m_edge.label;
    if (!m_rateText.isEmpty())
        label = label.isEmpty() ? m_rateText : label + QStringLiteral(" · ") + m_rateText;
    if (label.isEmpty())
        return;
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSizeF(7.5 * FlowNodeItem::fontScale());
    painter->setFont(f);
    const QFontMetricsF fm(f);
    const QPointF mid = pointAt(0.5);
    QRectF box(0, 0, fm.horizontalAdvance(label) + 8, fm.height() + 2);
    box.moveCenter(mid - QPointF(0, m_edge.blocked ? 0 : 9));
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(255, 255, 255, 220));
    painter->drawRoundedRect(box, 3, 3);
    painter->setPen(m_edge.blocked ? colours::blocked() : colour.darker(140));
    painter->drawText(box, Qt::AlignCenter, label);
}

} // namespace ef::ui
