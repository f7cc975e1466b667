#pragma once

// The event schema discovered from traffic: every field path seen in the
// events so far ("source", "detail.amount", "detail.items.productId"), for
// field-name completion in the pattern editor and the sandbox.

#include <QObject>
#include <QSet>
#include <QStringList>

namespace ef::ui {

class FieldCatalog : public QObject
{
    Q_OBJECT
public:
    explicit FieldCatalog(QObject *parent = nullptr);

    // Adds the fields of one event (JSON object text); ignores anything else.
    void addEvent(const QByteArray &eventJson);
    void addPath(const QString &path);

    QStringList paths() const;     // "detail.amount", sorted
    QStringList keyNames() const;  // "amount", "detail", sorted, no duplicates
    // What the editor offers: key names, dotted paths and the operators.
    QStringList completions() const;

signals:
    void changed();

private:
    QSet<QString> m_paths;
};

} // namespace ef::ui
