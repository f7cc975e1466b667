#pragma once

// Add or edit one target of a rule (PutTargets): what it is (a function, an
// event bus, an SQS queue, picked from the scenario or typed, or any ARN),
// what it receives (the matched event, constant Input, an InputPath or an
// InputTransformer), its RetryPolicy and its dead-letter queue. A function
// name the scenario does not know yet becomes a new consumer.

#include "core/bus/EventsTypes.h"
#include "ui/editors/FormDialog.h"

#include <optional>

class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace ef::ui {

class JsonEdit;

class TargetForm : public FormDialog
{
    Q_OBJECT
public:
    enum Kind { Function, EventBus, Queue, OtherArn };
    enum InputMode { MatchedEvent, ConstantInput, InputPathMode, TransformerMode };

    TargetForm(ScenarioDocument &document, RuleRef rule, std::optional<Target> existing,
               QWidget *parent = nullptr);

    QLineEdit *idEdit() const { return m_id; }
    QComboBox *kindCombo() const { return m_kind; }
    QComboBox *resourceCombo() const { return m_resource; }
    QComboBox *inputModeCombo() const { return m_inputMode; }
    JsonEdit *inputEdit() const { return m_input; }
    QLineEdit *inputPathEdit() const { return m_inputPath; }
    JsonEdit *pathsMapEdit() const { return m_pathsMap; }
    JsonEdit *templateEdit() const { return m_template; }
    QGroupBox *retryGroup() const { return m_retry; }
    QSpinBox *retryAttemptsSpin() const { return m_attempts; }
    QSpinBox *eventAgeSpin() const { return m_age; }
    QGroupBox *deadLetterGroup() const { return m_dlq; }
    QComboBox *deadLetterCombo() const { return m_dlqQueue; }
    QLabel *inputCheckLabel() const { return m_inputCheck; }

    // The target as the fields describe it; `error` set when the fields
    // cannot form one (e.g. the paths map is not a JSON object).
    std::optional<Target> target(QString *error = nullptr) const;
    QString arn() const;

protected:
    Status submit() override;

private:
    void fillResources();
    void refreshInputCheck();

    RuleRef m_rule;
    std::optional<Target> m_existing;
    QLineEdit *m_id = nullptr;
    QComboBox *m_kind = nullptr;
    QComboBox *m_resource = nullptr;
    QLabel *m_arnPreview = nullptr;
    QComboBox *m_inputMode = nullptr;
    QStackedWidget *m_inputPages = nullptr;
    JsonEdit *m_input = nullptr;
    QLineEdit *m_inputPath = nullptr;
    JsonEdit *m_pathsMap = nullptr;
    JsonEdit *m_template = nullptr;
    QLabel *m_inputCheck = nullptr;
    QGroupBox *m_retry = nullptr;
    QSpinBox *m_attempts = nullptr;
    QSpinBox *m_age = nullptr;
    QGroupBox *m_dlq = nullptr;
    QComboBox *m_dlqQueue = nullptr;
};

} // namespace ef::ui
