#include "ui/PatternSummary.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

#include <algorithm>

namespace ef::ui {

namespace {

QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return v.toString();
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 12);
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    if (v.isNull())
        return QStringLiteral("null");
    if (v.isArray()) {
        QStringList parts;
        for (const QJsonValue &e : v.toArray())
            parts << scalarText(e);
        return parts.join(QStringLiteral(", "));
    }
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    return {};
}

QString numericOp(const QString &op)
{
    if (op == QLatin1String(">="))
        return QStringLiteral("≥");
    if (op == QLatin1String("<="))
        return QStringLiteral("≤");
    return op;
}

// One matcher of a leaf's array, as text; `bare` tells whether it reads
// after the field name without a colon ("amount ≥ 100", "amount exists").
QString matcherText(const QJsonValue &m, bool *bare)
{
    *bare = false;
    if (!m.isObject())
        return scalarText(m);
    const QJsonObject o = m.toObject();
    if (o.size() != 1)
        return scalarText(m);
    const QString op = o.begin().key();
    const QJsonValue arg = o.begin().value();
    if (op == QLatin1String("numeric")) {
        *bare = true;
        const QJsonArray a = arg.toArray();
        QStringList parts;
        for (int i = 0; i + 1 < a.size(); i += 2)
            parts << numericOp(a.at(i).toString()) + QLatin1Char(' ') + scalarText(a.at(i + 1));
        return parts.join(QStringLiteral(" & "));
    }
    if (op == QLatin1String("exists")) {
        *bare = true;
        return arg.toBool() ? QStringLiteral("exists") : QStringLiteral("absent");
    }
    if (op == QLatin1String("prefix")) {
        if (arg.isObject())
            return matcherText(QJsonObject{{QStringLiteral("prefix"), arg}}, bare);
        return scalarText(arg) + QLatin1Char('*');
    }
    if (op == QLatin1String("suffix"))
        return QLatin1Char('*') + scalarText(arg);
    if (op == QLatin1String("wildcard"))
        return scalarText(arg);
    if (op == QLatin1String("equals-ignore-case"))
        return QStringLiteral("≈") + scalarText(arg);
    if (op == QLatin1String("cidr"))
        return QStringLiteral("in ") + scalarText(arg);
    if (op == QLatin1String("anything-but")) {
        if (arg.isObject()) {
            bool inner = false;
            return QStringLiteral("not ") + matcherText(arg, &inner);
        }
        return QStringLiteral("not ") + scalarText(arg);
    }
    return op + QLatin1Char(' ') + scalarText(arg);
}

QString leafName(const QString &path)
{
    // The envelope's own fields read as they are; inside "detail" the last
    // segment is what people recognise.
    if (path.startsWith(QLatin1String("detail.")))
        return path.section(QLatin1Char('.'), -1);
    return path;
}

void walk(const QJsonObject &o, const QString &prefix, QList<PatternClause> &out)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        const QString key = it.key();
        if (key == QLatin1String("$or") && it.value().isArray()) {
            QStringList arms;
            QString keys;
            for (const QJsonValue &arm : it.value().toArray()) {
                QList<PatternClause> inner;
                walk(arm.toObject(), prefix, inner);
                QStringList texts;
                for (const PatternClause &c : inner) {
                    texts << c.text;
                    keys += c.key;
                }
                arms << texts.join(QStringLiteral(" · "));
            }
            out.append({prefix + QStringLiteral("$or"), QStringLiteral("$or:") + keys,
                        QLatin1Char('(') + arms.join(QStringLiteral(" | ")) + QLatin1Char(')')});
            continue;
        }
        const QString path = prefix.isEmpty() ? key : prefix + QLatin1Char('.') + key;
        if (it.value().isObject()) {
            walk(it.value().toObject(), path, out);
            continue;
        }
        const QJsonArray matchers = it.value().toArray();
        QStringList plain, bareParts;
        for (const QJsonValue &m : matchers) {
            bool bare = false;
            const QString t = matcherText(m, &bare);
            (bare ? bareParts : plain) << t;
        }
        QStringList shown = plain;
        if (shown.size() > 3) {
            const int rest = static_cast<int>(shown.size()) - 2;
            shown = shown.mid(0, 2);
            shown << QStringLiteral("+%1").arg(rest);
        }
        QStringList pieces;
        const QString name = leafName(path);
        if (!shown.isEmpty())
            pieces << name + QStringLiteral(": ") + shown.join(QStringLiteral(", "));
        for (const QString &b : bareParts)
            pieces << name + QLatin1Char(' ') + b;
        const QString compact = QString::fromUtf8(
            QJsonDocument(matchers).toJson(QJsonDocument::Compact));
        out.append({path, path + QLatin1Char('=') + compact, pieces.join(QStringLiteral(" or "))});
    }
}

} // namespace

QList<PatternClause> patternClauses(const QString &patternJson)
{
    QList<PatternClause> out;
    const QJsonDocument doc = QJsonDocument::fromJson(patternJson.toUtf8());
    if (doc.isObject())
        walk(doc.object(), QString(), out);
    // QJsonObject forgets the order of the text; envelope fields read first.
    std::stable_sort(out.begin(), out.end(), [](const PatternClause &a, const PatternClause &b) {
        return !a.path.startsWith(QLatin1String("detail.")) && b.path.startsWith(QLatin1String("detail."));
    });
    return out;
}

QString summarisePattern(const QString &patternJson, const QSet<QString> &omit)
{
    if (patternJson.trimmed().isEmpty())
        return QStringLiteral("(schedule)");
    QStringList parts;
    for (const PatternClause &c : patternClauses(patternJson)) {
        if (!omit.contains(c.key))
            parts << c.text;
    }
    return parts.isEmpty() ? QStringLiteral("(any event)") : parts.join(QStringLiteral(" · "));
}

} // namespace ef::ui
