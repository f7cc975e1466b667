#pragma once

// Scenario > Settings: the username prefix, account and region of this
// scenario (they travel with the file). Existing names keep their prefix;
// new names get the new one.

#include "ui/editors/FormDialog.h"

class QLineEdit;

namespace ef::ui {

class ScenarioSettingsForm : public FormDialog
{
    Q_OBJECT
public:
    ScenarioSettingsForm(ScenarioDocument &document, QWidget *parent = nullptr);

    QLineEdit *prefixEdit() const { return m_prefix; }
    QLineEdit *accountEdit() const { return m_account; }
    QLineEdit *regionEdit() const { return m_region; }

protected:
    Status submit() override;

private:
    QLineEdit *m_prefix = nullptr;
    QLineEdit *m_account = nullptr;
    QLineEdit *m_region = nullptr;
};

} // namespace ef::ui
