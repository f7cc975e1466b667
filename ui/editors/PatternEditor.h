#pragma once

// The event-pattern editor: a JSON editor that validates as the user types
// with the pattern engine's own compiler (core/pattern validatePattern). An
// invalid pattern is underlined where it goes wrong and the engine's message
// ("Event pattern is not valid. Reason: ...") is shown; the text is never
// replaced or thrown away. Snippets insert each operator; field names are
// completed from the events seen so far (FieldCatalog).

#include <QWidget>

class QLabel;
class QToolButton;

namespace ef::ui {

class FieldCatalog;
class JsonEdit;

class PatternEditor : public QWidget
{
    Q_OBJECT
public:
    explicit PatternEditor(QWidget *parent = nullptr);

    QString text() const;
    void setText(const QString &text);

    // An empty pattern is valid only where a rule may go without one
    // (a scheduled rule).
    void setEmptyAllowed(bool allowed);
    bool isEmpty() const;

    bool isValid() const { return m_valid; }
    QString errorMessage() const { return m_error; }  // the engine's full message

    void setFieldCatalog(FieldCatalog *catalog);
    JsonEdit *edit() const { return m_edit; }
    QLabel *statusLabel() const { return m_status; }
    QToolButton *snippetsButton() const { return m_snippets; }

    // Inserts the named snippet (PatternSnippets.h labels) at the cursor.
    bool insertSnippet(const QString &label);

signals:
    void validityChanged(bool valid);
    void patternChanged(const QString &text);

private:
    void validate();
    void refreshCompletions();

    JsonEdit *m_edit = nullptr;
    QLabel *m_status = nullptr;
    QToolButton *m_snippets = nullptr;
    FieldCatalog *m_catalog = nullptr;
    bool m_emptyAllowed = false;
    bool m_valid = false;
    QString m_error;
};

} // namespace ef::ui
