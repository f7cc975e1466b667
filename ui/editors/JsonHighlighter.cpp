#include "ui/editors/JsonHighlighter.h"

#include <QColor>

namespace ef::ui {

namespace {
constexpr int kInString = 1;  // block state: the line ended inside a string

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E';
}
} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    // Okabe-Ito hues, dark enough to read on white and on a projector.
    m_key.setForeground(QColor(0x00, 0x5a, 0x8c));
    m_key.setFontWeight(QFont::DemiBold);
    m_operator.setForeground(QColor(0xa3, 0x3c, 0x00));
    m_operator.setFontWeight(QFont::Bold);
    m_string.setForeground(QColor(0x00, 0x7a, 0x52));
    m_number.setForeground(QColor(0x8e, 0x3b, 0x8a));
    m_literal.setForeground(QColor(0x8e, 0x3b, 0x8a));
    m_literal.setFontWeight(QFont::Bold);
    m_punctuation.setForeground(QColor(0x55, 0x55, 0x55));
}

bool JsonHighlighter::isOperator(QStringView key)
{
    static const QStringList operators = {
        QStringLiteral("prefix"),   QStringLiteral("suffix"),
        QStringLiteral("anything-but"), QStringLiteral("numeric"),
        QStringLiteral("exists"),   QStringLiteral("cidr"),
        QStringLiteral("equals-ignore-case"), QStringLiteral("wildcard"),
        QStringLiteral("$or")};
    for (const QString &op : operators) {
        if (key == op)
            return true;
    }
    return false;
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const int n = int(text.size());
    int i = 0;
    setCurrentBlockState(0);
    if (previousBlockState() == kInString) {
        // Continue a string that was left open on an earlier line.
        int j = 0;
        bool escaped = false;
        while (j < n && (escaped || text[j] != u'"')) {
            escaped = !escaped && text[j] == u'\\';
            ++j;
        }
        setFormat(0, qMin(j + 1, n), m_string);
        if (j >= n) {
            setCurrentBlockState(kInString);
            return;
        }
        i = j + 1;
    }
    while (i < n) {
        const QChar c = text[i];
        if (c == u'"') {
            int j = i + 1;
            bool escaped = false;
            while (j < n && (escaped || text[j] != u'"')) {
                escaped = !escaped && text[j] == u'\\';
                ++j;
            }
            const bool closed = j < n;
            const int end = closed ? j + 1 : n;
            int k = end;
            while (k < n && text[k].isSpace())
                ++k;
            const bool isKey = k < n && text[k] == u':';
            QStringView inner = QStringView(text).mid(i + 1, qMax(0, end - i - 2));
            if (isKey)
                setFormat(i, end - i, isOperator(inner) ? m_operator : m_key);
            else
                setFormat(i, end - i, m_string);
            if (!closed)
                setCurrentBlockState(kInString);
            i = end;
        } else if (c.isDigit() || c == u'-') {
            int j = i;
            while (j < n && isNumberChar(text[j]))
                ++j;
            setFormat(i, j - i, m_number);
            i = j;
        } else if (c.isLetter()) {
            int j = i;
            while (j < n && text[j].isLetter())
                ++j;
            const QStringView word = QStringView(text).mid(i, j - i);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(i, j - i, m_literal);
            i = j;
        } else {
            if (QStringLiteral("{}[]:,").contains(c))
                setFormat(i, 1, m_punctuation);
            ++i;
        }
    }
}

} // namespace ef::ui
