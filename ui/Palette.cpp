#include "ui/Palette.h"

namespace ef::ui {

QColor DetailTypePalette::okabeIto(int i)
{
    // Okabe & Ito (2008), without black (kept for text): orange, sky blue,
    // bluish green, yellow, blue, vermillion, reddish purple, grey.
    static const QColor set[] = {QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                 QColor(0x00, 0x9E, 0x73), QColor(0xF0, 0xE4, 0x42),
                                 QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                 QColor(0xCC, 0x79, 0xA7), QColor(0x99, 0x99, 0x99)};
    return set[((i % 8) + 8) % 8];
}

QString DetailTypePalette::shortLabel(const QString &detailType)
{
    QString caps;
    for (QChar c : detailType) {
        if (c.isUpper() || c.isDigit())
            caps += c;
    }
    if (caps.size() >= 2)
        return caps.left(3);
    QString letters;
    for (QChar c : detailType) {
        if (c.isLetterOrNumber())
            letters += c;
    }
    return letters.left(2).toUpper();
}

int DetailTypePalette::indexOf(const QString &detailType)
{
    auto it = m_index.constFind(detailType);
    if (it != m_index.constEnd())
        return *it;
    const int index = static_cast<int>(m_names.size());
    QString label = shortLabel(detailType);
    if (label.isEmpty())
        label = QStringLiteral("?");
    // Two detail-types with the same capitals would look alike: number the later one.
    if (m_labels.contains(label))
        label = label.left(2) + QString::number(index % 10);
    m_index.insert(detailType, index);
    m_names.append(detailType);
    m_labels.append(label);
    return index;
}

QColor DetailTypePalette::colour(int index) const { return okabeIto(index); }

QColor DetailTypePalette::textColour(int index) const
{
    const QColor c = colour(index);
    return c.lightnessF() > 0.55 ? QColor(Qt::black) : QColor(Qt::white);
}

QString DetailTypePalette::label(int index) const { return m_labels.value(index); }

namespace colours {
QColor busy() { return QColor(0x56, 0xB4, 0xE9); }
QColor succeeded() { return QColor(0x00, 0x9E, 0x73); }
QColor failed() { return QColor(0xD5, 0x5E, 0x00); }
QColor throttled() { return QColor(0xE6, 0x9F, 0x00); }
QColor blocked() { return QColor(0xC0, 0x20, 0x20); }
QColor eventBridgeRetry() { return QColor(0xCC, 0x79, 0xA7); }
QColor lambdaRetry() { return QColor(0xE6, 0x9F, 0x00); }
QColor noMatch() { return QColor(0x70, 0x70, 0x70); }
} // namespace colours

} // namespace ef::ui
