#pragma once

// A resource name field that shows the scenario's username prefix in front of
// what the user types ("user3-" + "order-rule"), so every new name carries the
// prefix the lab asks for. Editing an existing resource shows its full name,
// read-only (EventBridge names cannot change).

#include <QWidget>

class QLabel;
class QLineEdit;

namespace ef::ui {

class NameField : public QWidget
{
    Q_OBJECT
public:
    explicit NameField(const QString &prefix, QWidget *parent = nullptr);

    // The full name: prefix + "-" + typed text, unless the user already typed
    // the prefix themselves or the field is fixed to an existing name.
    QString name() const;
    void setFixedName(const QString &name);
    bool isFixed() const { return m_fixed; }

    QLineEdit *lineEdit() const { return m_edit; }
    QLabel *prefixLabel() const { return m_prefix; }

    // The same rule, for code that builds names without a widget.
    static QString prefixed(const QString &prefix, const QString &typed);

signals:
    void nameChanged(const QString &name);

private:
    QString m_prefixText;
    QLabel *m_prefix = nullptr;
    QLineEdit *m_edit = nullptr;
    bool m_fixed = false;
};

} // namespace ef::ui
