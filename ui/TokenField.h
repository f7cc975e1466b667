#pragma once

// The moving tokens of the canvas, kept in one plain array and painted in
// one pass (one item per token does not hold 60 fps beyond ~1,000 tokens).
// Each token is a pre-rendered sprite (colour x label x style), blitted at
// constant screen size. Positions follow the simulation clock, so pausing
// the clock freezes them and the speed setting scales them.

#include "core/bus/SimTime.h"
#include "core/bus/Trace.h"

#include <QHash>
#include <QPainter>
#include <QPixmap>
#include <QPointF>
#include <QTransform>

#include <vector>

class QPainter;

namespace ef::ui {

class FlowEdgeItem;
class FlowNodeItem;
class DetailTypePalette;

enum class TokenStyle : std::uint8_t {
    Event,            // plain token
    EventBridgeRetry, // going back to the rule for another hand-off attempt
    LambdaRetry,      // circling the function: Lambda's own asynchronous retry
    Refused,          // hand-off refused (throttled, permission): stops with a cross
    NoMatch,          // stopped at the bus: "no rule matched"
    Dropped,          // discarded
    DeadLetter,       // on its way to a dead-letter queue
};

enum class TokenMotion : std::uint8_t { Along, Back, Orbit, Hold, HoldOnEdge };

struct Token
{
    SimTime start = 0;
    SimTime end = 0;
    EventSeq event = 0;
    const FlowEdgeItem *edge = nullptr;  // Along, Back, HoldOnEdge
    const FlowNodeItem *node = nullptr;  // Orbit, Hold
    std::uint16_t sprite = 0;
    TokenMotion motion = TokenMotion::Along;
    std::uint8_t slot = 0;               // spreads tokens held at one place
};

class TokenField
{
public:
    explicit TokenField(const DetailTypePalette *palette) : m_palette(palette) {}

    void setCapacity(int tokens) { m_capacity = tokens; }
    int capacity() const { return m_capacity; }
    bool full() const { return static_cast<int>(m_tokens.size()) >= m_capacity; }
    int size() const { return static_cast<int>(m_tokens.size()); }
    int visible() const { return static_cast<int>(m_pos.size()); }

    // False (nothing added) when the field is full.
    bool add(const Token &token);
    std::uint16_t sprite(int colourIndex, TokenStyle style);

    // Moves every token to where it is at `now` and drops finished ones.
    void advance(SimTime now);
    void clear();
    // Draws at constant screen size: `toViewport` maps scene to viewport pixels.
    void paint(QPainter *painter, const QTransform &toViewport);
    // The event of the token drawn under viewport point `at`, or 0.
    EventSeq hit(const QPointF &at, const QTransform &toViewport) const;
    // Scene position of the first visible token of `event` (tests).
    bool positionOf(EventSeq event, QPointF *scenePos) const;

    static void setScale(double scale);
    // Draws every sprite again (after setScale); tokens keep their sprites.
    void rerenderSprites();

private:
    QPixmap render(int colourIndex, TokenStyle style) const;

    const DetailTypePalette *m_palette;
    int m_capacity = 3000;
    std::vector<Token> m_tokens;
    std::vector<QPointF> m_pos;          // visible tokens only, scene coordinates
    std::vector<std::uint16_t> m_posSprite;
    std::vector<EventSeq> m_posEvent;
    QHash<int, std::uint16_t> m_spriteIndex;
    std::vector<QPixmap> m_sprites;
    std::vector<int> m_spriteKeys;

};

} // namespace ef::ui
