#pragma once

// Create or edit a consumer (a simulated Lambda function): latency, failure
// rate, concurrency, invoke permission, failure destination and the log lines
// it writes per event (core/consumers definition, Engine::putConsumer).

#include "ui/editors/FormDialog.h"

#include <QJsonObject>

#include <optional>

class QCheckBox;
class QDoubleSpinBox;
class QLineEdit;
class QSpinBox;

namespace ef::ui {

class JsonEdit;
class NameField;

class ConsumerForm : public FormDialog
{
    Q_OBJECT
public:
    // `existing`: the consumer's definition JSON to edit; nullopt: a new one.
    ConsumerForm(ScenarioDocument &document, std::optional<QJsonObject> existing,
                 QWidget *parent = nullptr);

    NameField *nameField() const { return m_name; }
    QLineEdit *descriptionEdit() const { return m_description; }
    QSpinBox *latencyMinSpin() const { return m_latencyMin; }
    QSpinBox *latencyMaxSpin() const { return m_latencyMax; }
    QDoubleSpinBox *failureRateSpin() const { return m_failureRate; }
    QSpinBox *concurrencySpin() const { return m_concurrency; }
    QCheckBox *missingPermissionCheck() const { return m_missingPermission; }
    QLineEdit *onFailureEdit() const { return m_onFailure; }
    JsonEdit *logLinesEdit() const { return m_logLines; }

    // The definition the fields describe; `error` set when the log lines are
    // not a JSON array.
    std::optional<QJsonObject> definition(QString *error = nullptr) const;

protected:
    Status submit() override;

private:
    std::optional<QJsonObject> m_existing;
    NameField *m_name = nullptr;
    QLineEdit *m_description = nullptr;
    QSpinBox *m_latencyMin = nullptr;
    QSpinBox *m_latencyMax = nullptr;
    QDoubleSpinBox *m_failureRate = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QCheckBox *m_missingPermission = nullptr;
    QLineEdit *m_onFailure = nullptr;
    JsonEdit *m_logLines = nullptr;
};

} // namespace ef::ui
