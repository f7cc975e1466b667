#include "ui/editors/PatternEditor.h"

#include "core/pattern/EventPattern.h"
#include "ui/editors/FieldCatalog.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/JsonLocator.h"
#include "ui/editors/PatternSnippets.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace ef::ui {

namespace {

// The field the engine blames, when its PatternError names one.
template <typename E>
QString errorPath(const E &error)
{
    if constexpr (requires { error.path; })
        return QString::fromStdString(error.path);
    else
        return {};
}

} // namespace

PatternEditor::PatternEditor(QWidget *parent) : QWidget(parent)
{
    m_edit = new JsonEdit(this);
    m_edit->setObjectName(QStringLiteral("patternText"));
    m_edit->setPlaceholderText(tr("{ \"source\": [\"...\"] }"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("patternStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_snippets = new QToolButton(this);
    m_snippets->setObjectName(QStringLiteral("patternSnippets"));
    m_snippets->setText(tr("Insert operator"));
    m_snippets->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_snippets);
    for (const PatternSnippet &s : patternSnippets()) {
        QAction *a = menu->addAction(s.label);
        a->setToolTip(s.hint);
        a->setStatusTip(s.hint);
        connect(a, &QAction::triggered, this, [this, label = s.label] { insertSnippet(label); });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Starter pattern (source + detail-type)")), &QAction::triggered,
            this, [this] {
                if (m_edit->toPlainText().trimmed().isEmpty())
                    m_edit->setPlainText(starterPattern());
                else
                    m_edit->insertSnippet(starterPattern());
            });
    menu->setToolTipsVisible(true);
    m_snippets->setMenu(menu);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_snippets);
    bar->addStretch(1);
    m_edit->setToolTip(tr("Ctrl+Space completes field names seen in events"));
    m_snippets->setToolTip(tr("Insert an operator at the cursor; Ctrl+Space completes "
                              "field names seen in events"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_edit, 1);
    layout->addWidget(m_status);

    connect(m_edit, &QPlainTextEdit::textChanged, this, [this] {
        validate();
        emit patternChanged(text());
    });
    validate();
}

QString PatternEditor::text() const
{
    return m_edit->toPlainText();
}

void PatternEditor::setText(const QString &text)
{
    if (text != m_edit->toPlainText())
        m_edit->setPlainText(text);
}

void PatternEditor::setEmptyAllowed(bool allowed)
{
    m_emptyAllowed = allowed;
    validate();
}

bool PatternEditor::isEmpty() const
{
    return m_edit->toPlainText().trimmed().isEmpty();
}

void PatternEditor::setFieldCatalog(FieldCatalog *catalog)
{
    if (m_catalog)
        disconnect(m_catalog, nullptr, this, nullptr);
    m_catalog = catalog;
    if (m_catalog)
        connect(m_catalog, &FieldCatalog::changed, this, [this] { refreshCompletions(); });
    refreshCompletions();
}

void PatternEditor::refreshCompletions()
{
    m_edit->setCompletions(m_catalog ? m_catalog->completions() : QStringList());
}

bool PatternEditor::insertSnippet(const QString &label)
{
    for (const PatternSnippet &s : patternSnippets()) {
        if (s.label == label) {
            m_edit->insertSnippet(s.text);
            return true;
        }
    }
    return false;
}

void PatternEditor::validate()
{
    const QString current = m_edit->toPlainText();
    bool valid = true;
    QString error;
    TextSpan span;
    if (current.trimmed().isEmpty()) {
        valid = m_emptyAllowed;
        if (!valid)
            error = tr("Type an event pattern (JSON), or insert a starter pattern.");
    } else {
        const QByteArray utf8 = current.toUtf8();
        const pattern::CompileResult result =
            pattern::validatePattern(std::string_view(utf8.constData(), utf8.size()));
        valid = result.ok;
        if (!valid) {
            error = QString::fromStdString(result.error.message());
            // Locate the spot: a syntax error where the JSON breaks, else the
            // field the engine names.
            const int syntaxAt = jsonSyntaxErrorOffset(current);
            if (syntaxAt >= 0)
                span = {syntaxAt, 1};
            else
                span = locateJsonPath(current, errorPath(result.error));
            if (!span.found())
                span = {0, int(current.size())};
        }
    }
    m_edit->setErrorSpan(span.position, span.length);
    m_error = error;
    if (valid) {
        m_status->setText(current.trimmed().isEmpty() ? tr("No pattern (schedule only).")
                                                      : tr("✔ Valid event pattern"));
        m_status->setStyleSheet(QStringLiteral("color: #007a52;"));
    } else {
        m_status->setText(error);
        m_status->setStyleSheet(QStringLiteral("color: #b34700; font-weight: bold;"));
    }
    if (valid != m_valid) {
        m_valid = valid;
        emit validityChanged(valid);
    }
}

} // namespace ef::ui
