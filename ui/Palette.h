#pragma once

// Colours and short labels for detail-types: the Okabe-Ito colour-blind-safe
// set, assigned in first-seen order, and never colour alone (every token also
// carries a short label derived from the detail-type's capitals).

#include <QColor>
#include <QHash>
#include <QString>

namespace ef::ui {

class DetailTypePalette
{
public:
    // Index of the detail-type (stable for the palette's lifetime).
    int indexOf(const QString &detailType);
    QColor colour(int index) const;
    QColor textColour(int index) const;  // readable on colour(index)
    QString label(int index) const;
    int size() const { return static_cast<int>(m_names.size()); }
    QString name(int index) const { return m_names.value(index); }

    static QColor okabeIto(int i);
    static QString shortLabel(const QString &detailType);

private:
    QHash<QString, int> m_index;
    QStringList m_names;
    QStringList m_labels;
};

// Node and state colours shared by the canvas, plots and legend.
namespace colours {
QColor busy();
QColor succeeded();
QColor failed();
QColor throttled();
QColor blocked();
QColor eventBridgeRetry();
QColor lambdaRetry();
QColor noMatch();
} // namespace colours

} // namespace ef::ui
