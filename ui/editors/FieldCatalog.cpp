#include "ui/editors/FieldCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace ef::ui {

namespace {

// Bounded so a flood of odd events cannot grow the catalogue without limit.
constexpr int kMaxPaths = 2000;

void collect(const QJsonValue &value, const QString &prefix, QSet<QString> &into)
{
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
            if (into.size() < kMaxPaths)
                into.insert(path);
            collect(it.value(), path, into);
        }
    } else if (value.isArray()) {
        // Patterns see through arrays: detail.items[].productId is detail.items.productId.
        for (const QJsonValue &item : value.toArray())
            collect(item, prefix, into);
    }
}

} // namespace

FieldCatalog::FieldCatalog(QObject *parent) : QObject(parent) {}

void FieldCatalog::addEvent(const QByteArray &eventJson)
{
    const QJsonDocument doc = QJsonDocument::fromJson(eventJson);
    if (!doc.isObject())
        return;
    const auto before = m_paths.size();
    collect(doc.object(), QString(), m_paths);
    if (m_paths.size() != before)
        emit changed();
}

void FieldCatalog::addPath(const QString &path)
{
    if (path.isEmpty() || m_paths.contains(path) || m_paths.size() >= kMaxPaths)
        return;
    m_paths.insert(path);
    emit changed();
}

QStringList FieldCatalog::paths() const
{
    QStringList out(m_paths.begin(), m_paths.end());
    std::sort(out.begin(), out.end());
    return out;
}

QStringList FieldCatalog::keyNames() const
{
    QSet<QString> names;
    for (const QString &p : m_paths)
        names.insert(p.section(u'.', -1));
    QStringList out(names.begin(), names.end());
    std::sort(out.begin(), out.end());
    return out;
}

QStringList FieldCatalog::completions() const
{
    QSet<QString> words;
    for (const QString &p : m_paths) {
        words.insert(p.section(u'.', -1));
        if (p.contains(u'.'))
            words.insert(p);
    }
    for (const char *op : {"prefix", "suffix", "anything-but", "numeric", "exists", "cidr",
                           "equals-ignore-case", "wildcard", "$or"})
        words.insert(QString::fromLatin1(op));
    QStringList out(words.begin(), words.end());
    std::sort(out.begin(), out.end());
    return out;
}

} // namespace ef::ui
