#pragma once

// Common frame of the editor forms: the fields, a line for the engine's error
// message, and Save / Cancel. Save hands the form's request to the engine
// (through an undo command); on an error the dialog stays open with
// everything the user typed, and shows the engine's own words.

#include "core/bus/ServiceError.h"

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace ef::ui {

class ScenarioDocument;

class FormDialog : public QDialog
{
    Q_OBJECT
public:
    FormDialog(ScenarioDocument &document, QWidget *parent);

    QPushButton *saveButton() const;
    QLabel *errorLabel() const { return m_error; }
    // The last error shown (empty after a successful save).
    QString errorText() const;

    // What Save does; public so tests and scripts can drive it like the button.
    bool save();

protected:
    // Builds the request from the fields and executes it; the engine's verdict.
    virtual Status submit() = 0;
    // Whether the fields are complete enough to try (e.g. the pattern is valid).
    virtual bool canSubmit() const { return true; }
    void refreshSaveButton();

    QFormLayout *form() const { return m_form; }
    QVBoxLayout *body() const { return m_body; }
    ScenarioDocument &document() const { return m_document; }
    void showError(const QString &message);

private:
    ScenarioDocument &m_document;
    QFormLayout *m_form = nullptr;
    QVBoxLayout *m_body = nullptr;
    QLabel *m_error = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace ef::ui
