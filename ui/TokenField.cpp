#include "ui/TokenField.h"

#include "ui/FlowEdgeItem.h"
#include "ui/FlowNodeItem.h"
#include "ui/Palette.h"

#include <QFontMetricsF>
#include <QPainter>

#include <cmath>
#include <numbers>

namespace ef::ui {

namespace {
double g_scale = 1.0;
}

void TokenField::setScale(double scale) { g_scale = scale; }

bool TokenField::add(const Token &token)
{
    if (full())
        return false;
    m_tokens.push_back(token);
    return true;
}

std::uint16_t TokenField::sprite(int colourIndex, TokenStyle style)
{
    const int key = colourIndex * 16 + static_cast<int>(style);
    auto it = m_spriteIndex.constFind(key);
    if (it != m_spriteIndex.constEnd())
        return *it;
    m_sprites.push_back(render(colourIndex, style));
    m_spriteKeys.push_back(key);
    const auto index = static_cast<std::uint16_t>(m_sprites.size() - 1);
    m_spriteIndex.insert(key, index);
    return index;
}

void TokenField::rerenderSprites()
{
    for (std::size_t i = 0; i < m_sprites.size(); ++i)
        m_sprites[i] = render(m_spriteKeys[i] / 16, static_cast<TokenStyle>(m_spriteKeys[i] % 16));
}

QPixmap TokenField::render(int colourIndex, TokenStyle style) const
{
    const QColor fill = colourIndex >= 0 ? m_palette->colour(colourIndex) : QColor(Qt::gray);
    const QColor ink = colourIndex >= 0 ? m_palette->textColour(colourIndex) : QColor(Qt::black);
    QString label = colourIndex >= 0 ? m_palette->label(colourIndex) : QStringLiteral("?");
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(7 * g_scale);
    font.setBold(true);
    const QFontMetricsF fm(font);
    QString suffix;
    switch (style) {
    case TokenStyle::EventBridgeRetry: suffix = QStringLiteral(" ↻EB"); break;
    case TokenStyle::LambdaRetry: suffix = QStringLiteral(" ↻λ"); break;
    case TokenStyle::NoMatch: suffix = QStringLiteral("  no rule matched"); break;
    case TokenStyle::Dropped: suffix = QStringLiteral(" ✗ dropped"); break;
    default: break;
    }
    const double h = std::ceil(fm.height() + 5);
    const double pillW = std::ceil(std::max(h, fm.horizontalAdvance(label) + 10));
    const double suffixW = suffix.isEmpty() ? 0 : std::ceil(fm.horizontalAdvance(suffix) + 8);
    QPixmap pm(static_cast<int>(pillW + suffixW + 4), static_cast<int>(h + 4));
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setFont(font);
    const QRectF pill(2, 2, pillW, h);
    QColor outline = fill.darker(170);
    double outlineWidth = 1.2;
    if (style == TokenStyle::EventBridgeRetry) {
        outline = colours::eventBridgeRetry();
        outlineWidth = 2.5;
    } else if (style == TokenStyle::LambdaRetry) {
        outline = colours::lambdaRetry().darker(120);
        outlineWidth = 2.5;
    } else if (style == TokenStyle::DeadLetter) {
        outline = QColor(0xB2, 0x22, 0x22);
        outlineWidth = 2.5;
    }
    if (!suffix.isEmpty()) {
        // The suffix sits on a white tag behind the pill, so it reads over edges.
        p.setPen(QPen(style == TokenStyle::NoMatch ? colours::noMatch() : outline, 1));
        p.setBrush(QColor(255, 255, 255, 235));
        p.drawRoundedRect(QRectF(2 + pillW / 2, 2, pillW / 2 + suffixW, h), h / 2, h / 2);
        p.setPen(style == TokenStyle::NoMatch ? QColor(0x40, 0x40, 0x40) : outline.darker(130));
        p.drawText(QRectF(2 + pillW, 2, suffixW, h), Qt::AlignVCenter | Qt::AlignLeft, suffix);
    }
    p.setPen(QPen(outline, outlineWidth));
    p.setBrush(fill);
    p.drawRoundedRect(pill, h / 2, h / 2);
    p.setPen(ink);
    p.drawText(pill, Qt::AlignCenter, label);
    if (style == TokenStyle::Refused || style == TokenStyle::Dropped) {
        p.setPen(QPen(colours::blocked(), 2.2));
        p.drawLine(pill.topLeft() + QPointF(2, 2), pill.bottomRight() - QPointF(2, 2));
        p.drawLine(pill.bottomLeft() + QPointF(2, -2), pill.topRight() + QPointF(-2, 2));
    }
    return pm;
}

void TokenField::advance(SimTime now)
{
    m_pos.clear();
    m_posSprite.clear();
    m_posEvent.clear();
    std::size_t keep = 0;
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
        const Token &t = m_tokens[i];
        if (now >= t.end)
            continue;  // finished: dropped by not keeping it
        m_tokens[keep++] = t;
        if (now < t.start)
            continue;  // waiting for its turn (it follows an earlier hop)
        const double span = static_cast<double>(std::max<SimTime>(1, t.end - t.start));
        const double f = static_cast<double>(now - t.start) / span;
        QPointF p;
        switch (t.motion) {
        case TokenMotion::Along: p = t.edge->pointAt(f); break;
        case TokenMotion::Back: p = t.edge->pointAt(1 - f); break;
        case TokenMotion::HoldOnEdge: p = t.edge->pointAt(0.8); break;
        case TokenMotion::Orbit: {
            const QRectF r(t.node->pos(), t.node->node().size);
            const double a = f * 2 * std::numbers::pi - std::numbers::pi / 2;
            p = r.center() + QPointF(std::cos(a) * (r.width() / 2 + 10),
                                     std::sin(a) * (r.height() / 2 + 10));
            break;
        }
        case TokenMotion::Hold: {
            const QRectF r(t.node->pos(), t.node->node().size);
            // Above the node's left end: where nothing else is drawn.
            p = QPointF(r.left() + 16, r.top() - 11 - (t.slot % 3) * 15);
            break;
        }
        }
        m_pos.push_back(p);
        m_posSprite.push_back(t.sprite);
        m_posEvent.push_back(t.event);
    }
    m_tokens.resize(keep);
}

void TokenField::clear()
{
    m_tokens.clear();
    m_pos.clear();
    m_posSprite.clear();
    m_posEvent.clear();
}

void TokenField::paint(QPainter *painter, const QTransform &toViewport)
{
    if (m_pos.empty())
        return;
    painter->save();
    painter->resetTransform();
    for (std::size_t i = 0; i < m_pos.size(); ++i) {
        const QPixmap &pm = m_sprites[m_posSprite[i]];
        const QPointF at = toViewport.map(m_pos[i]);
        // Anchored at the pill's centre (its left part), whatever the suffix.
        const int half = pm.height() / 2;
        painter->drawPixmap(QPoint(qRound(at.x()) - half, qRound(at.y()) - half), pm);
    }
    painter->restore();
}

EventSeq TokenField::hit(const QPointF &at, const QTransform &toViewport) const
{
    // The last drawn is on top.
    for (std::size_t i = m_pos.size(); i-- > 0;) {
        const QPointF p = toViewport.map(m_pos[i]);
        const QPixmap &pm = m_sprites[m_posSprite[i]];
        if (std::abs(p.x() - at.x()) <= pm.height() && std::abs(p.y() - at.y()) <= pm.height() / 2.0 + 2)
            return m_posEvent[i];
    }
    return 0;
}

bool TokenField::positionOf(EventSeq event, QPointF *scenePos) const
{
    for (std::size_t i = 0; i < m_pos.size(); ++i) {
        if (m_posEvent[i] == event) {
            *scenePos = m_pos[i];
            return true;
        }
    }
    return false;
}

} // namespace ef::ui
