#pragma once

// New SQS queue (a plain queue target or a dead-letter queue).

#include "ui/editors/FormDialog.h"

namespace ef::ui {

class NameField;

class QueueForm : public FormDialog
{
    Q_OBJECT
public:
    QueueForm(ScenarioDocument &document, QWidget *parent = nullptr);
    NameField *nameField() const { return m_name; }

protected:
    Status submit() override;

private:
    NameField *m_name = nullptr;
};

} // namespace ef::ui
