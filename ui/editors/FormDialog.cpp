#include "ui/editors/FormDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ef::ui {

FormDialog::FormDialog(ScenarioDocument &document, QWidget *parent)
    : QDialog(parent), m_document(document)
{
    m_form = new QFormLayout;
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    m_error->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    saveButton()->setObjectName(QStringLiteral("saveButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] { save(); });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    m_body = new QVBoxLayout;
    m_body->addLayout(m_form);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(m_body, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);
}

QPushButton *FormDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

QString FormDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void FormDialog::showError(const QString &message)
{
    m_error->setText(message);
    m_error->setVisible(!message.isEmpty());
}

void FormDialog::refreshSaveButton()
{
    saveButton()->setEnabled(canSubmit());
}

bool FormDialog::save()
{
    if (!canSubmit())
        return false;
    const Status status = submit();
    if (!status.ok()) {
        showError(status.error().message);
        return false;
    }
    showError(QString());
    accept();
    return true;
}

} // namespace ef::ui
