#pragma once

// New event bus: name (with the username prefix) and description
// (CreateEventBus).

#include "ui/editors/FormDialog.h"

class QLineEdit;

namespace ef::ui {

class NameField;

class EventBusForm : public FormDialog
{
    Q_OBJECT
public:
    EventBusForm(ScenarioDocument &document, QWidget *parent = nullptr);

    NameField *nameField() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }

protected:
    Status submit() override;

private:
    NameField *m_name = nullptr;
    QLineEdit *m_description = nullptr;
};

} // namespace ef::ui
