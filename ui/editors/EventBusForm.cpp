#include "ui/editors/EventBusForm.h"

#include "core/bus/Engine.h"
#include "ui/editors/NameField.h"
#include "ui/undo/BusCommands.h"
#include "ui/undo/ScenarioDocument.h"

#include <QFormLayout>
#include <QLineEdit>

namespace ef::ui {

EventBusForm::EventBusForm(ScenarioDocument &document, QWidget *parent)
    : FormDialog(document, parent)
{
    setWindowTitle(tr("New event bus"));
    m_name = new NameField(document.engine().settings().usernamePrefix, this);
    m_name->lineEdit()->setPlaceholderText(tr("e.g. orders-events"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    form()->addRow(tr("Name"), m_name);
    form()->addRow(tr("Description"), m_description);
    resize(480, sizeHint().height());
}

Status EventBusForm::submit()
{
    return document().execute(
        new CreateEventBusCommand(document(), {m_name->name(), m_description->text()}));
}

} // namespace ef::ui
