#pragma once

// A plain-text JSON editor for patterns, events and log lines: line numbers
// in a gutter, the bracket under the cursor and its partner highlighted, an
// optional wavy underline marking where the text is wrong, and a completer
// for field names. The text is the user's: nothing here rewrites it.

#include <QPlainTextEdit>
#include <QStringList>

class QCompleter;
class QStringListModel;

namespace ef::ui {

class JsonHighlighter;

class JsonEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit JsonEdit(QWidget *parent = nullptr);

    // Marks [position, position + length) as the offending spot (length 0:
    // the character at position); a negative position clears the mark.
    void setErrorSpan(int position, int length);
    int errorPosition() const { return m_errorPos; }
    int errorLength() const { return m_errorLen; }

    // Names offered by Ctrl+Space and while typing inside a key's quotes.
    void setCompletions(const QStringList &words);
    QStringList completions() const;
    QCompleter *completer() const { return m_completer; }

    // Inserts `text` at the cursor as one undoable edit.
    void insertSnippet(const QString &text);

    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent *event);

    // Position of the bracket matching the one at `position`, or -1.
    static int matchingBracket(const QString &text, int position);

protected:
    void resizeEvent(QResizeEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);
    void refreshSelections();
    QString wordBeforeCursor() const;
    void insertCompletion(const QString &word);

    QWidget *m_gutter = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
    QCompleter *m_completer = nullptr;
    QStringListModel *m_words = nullptr;
    int m_errorPos = -1;
    int m_errorLen = 0;
};

} // namespace ef::ui
