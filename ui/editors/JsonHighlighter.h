#pragma once

// Colours JSON by token: keys, strings, numbers, true/false/null, and the
// pattern language's operators ("prefix", "numeric", "$or"...) as keywords.
// Works line by line, carrying "inside a string" across lines in the block
// state, so a half-typed document still highlights sensibly.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace ef::ui {

class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

    // True when `key` is one of the event-pattern operators.
    static bool isOperator(QStringView key);

protected:
    void highlightBlock(const QString &text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_operator;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
    QTextCharFormat m_punctuation;
};

} // namespace ef::ui
