#pragma once

// One line a person can read on a rule node, from the rule's event pattern:
// {"detail-type":["OrderPlaced"],"detail":{"amount":[{"numeric":[">=",100]}]}}
// becomes `detail-type: OrderPlaced · amount ≥ 100`.

#include <QList>
#include <QPair>
#include <QSet>
#include <QString>

namespace ef::ui {

struct PatternClause
{
    QString path;   // "detail.amount"
    QString key;    // path + the matchers as compact JSON: equal keys, equal clauses
    QString text;   // "amount ≥ 100"
};

// The pattern's clauses in document order; empty when the text is not a JSON object.
QList<PatternClause> patternClauses(const QString &patternJson);

// Clauses joined with " · ", leaving out those whose key is in `omit` (e.g.
// conditions every rule on the bus shares). Never empty: "(any event)" or
// "(schedule)" when nothing is left to say.
QString summarisePattern(const QString &patternJson, const QSet<QString> &omit = {});

} // namespace ef::ui
