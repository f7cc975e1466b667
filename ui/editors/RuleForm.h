#pragma once

// Create or edit a rule (PutRule): name, description, state, event bus, event
// pattern (PatternEditor) and/or schedule expression. Save stays disabled
// while the pattern is invalid; the engine's PutRule errors appear in the form.

#include "core/bus/EventsTypes.h"
#include "ui/editors/FormDialog.h"

#include <optional>

class QComboBox;
class QLineEdit;

namespace ef::ui {

class FieldCatalog;
class NameField;
class PatternEditor;

class RuleForm : public FormDialog
{
    Q_OBJECT
public:
    // `existing`: edit that rule; nullopt: create a rule on `busName`.
    RuleForm(ScenarioDocument &document, std::optional<RuleInfo> existing,
             const QString &busName = {}, FieldCatalog *catalog = nullptr,
             QWidget *parent = nullptr);

    NameField *nameField() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QComboBox *stateCombo() const { return m_state; }
    QComboBox *busCombo() const { return m_bus; }
    PatternEditor *patternEditor() const { return m_pattern; }
    QLineEdit *scheduleEdit() const { return m_schedule; }

    PutRuleRequest request() const;

protected:
    Status submit() override;
    bool canSubmit() const override;

private:
    std::optional<RuleInfo> m_existing;
    NameField *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QComboBox *m_state = nullptr;
    QComboBox *m_bus = nullptr;
    PatternEditor *m_pattern = nullptr;
    QLineEdit *m_schedule = nullptr;
};

} // namespace ef::ui
