#include "ui/editors/NameField.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace ef::ui {

NameField::NameField(const QString &prefix, QWidget *parent)
    : QWidget(parent), m_prefixText(prefix)
{
    m_prefix = new QLabel(prefix.isEmpty() ? QString() : prefix + u'-', this);
    m_prefix->setObjectName(QStringLiteral("namePrefix"));
    m_prefix->setStyleSheet(QStringLiteral(
        "QLabel { background: #e8f1f8; color: #005a8c; font-weight: bold;"
        " border: 1px solid #9cc3dd; border-radius: 3px; padding: 1px 4px; }"));
    m_prefix->setToolTip(tr("The scenario's username prefix (Scenario ▸ Settings)"));
    m_prefix->setVisible(!prefix.isEmpty());
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(QStringLiteral("nameEdit"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_prefix);
    layout->addWidget(m_edit, 1);
    connect(m_edit, &QLineEdit::textChanged, this, [this] { emit nameChanged(name()); });
}

QString NameField::prefixed(const QString &prefix, const QString &typed)
{
    const QString t = typed.trimmed();
    if (prefix.isEmpty() || t.isEmpty() || t.startsWith(prefix + u'-'))
        return t;
    return prefix + u'-' + t;
}

QString NameField::name() const
{
    if (m_fixed)
        return m_edit->text();
    return prefixed(m_prefixText, m_edit->text());
}

void NameField::setFixedName(const QString &name)
{
    m_fixed = true;
    m_prefix->hide();
    m_edit->setText(name);
    m_edit->setReadOnly(true);
}

} // namespace ef::ui
