#include "ui/editors/JsonEdit.h"

#include "ui/editors/JsonHighlighter.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStringListModel>
#include <QTextBlock>

namespace ef::ui {

namespace {

class LineNumberArea : public QWidget
{
public:
    explicit LineNumberArea(JsonEdit *editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintLineNumbers(event); }

private:
    JsonEdit *m_editor;
};

// For each character: is it inside a JSON string (quotes included)?
std::vector<bool> stringMask(const QString &text)
{
    std::vector<bool> mask(text.size(), false);
    bool inString = false;
    bool escaped = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (inString) {
            mask[i] = true;
            if (escaped)
                escaped = false;
            else if (c == u'\\')
                escaped = true;
            else if (c == u'"')
                inString = false;
        } else if (c == u'"') {
            mask[i] = true;
            inString = true;
        }
    }
    return mask;
}

} // namespace

JsonEdit::JsonEdit(QWidget *parent) : QPlainTextEdit(parent)
{
    QFont mono(QStringLiteral("DejaVu Sans Mono"));
    mono.setStyleHint(QFont::Monospace);
    mono.setPointSizeF(font().pointSizeF());
    setFont(mono);
    setTabStopDistance(QFontMetricsF(mono).horizontalAdvance(QLatin1Char(' ')) * 2);
    setLineWrapMode(QPlainTextEdit::NoWrap);

    m_gutter = new LineNumberArea(this);
    m_highlighter = new JsonHighlighter(document());
    m_words = new QStringListModel(this);
    m_completer = new QCompleter(m_words, this);
    m_completer->setWidget(this);
    m_completer->setCompletionMode(QCompleter::PopupCompletion);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchStartsWith);

    connect(m_completer, qOverload<const QString &>(&QCompleter::activated), this,
            [this](const QString &word) { insertCompletion(word); });
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateGutterWidth(); });
    connect(this, &QPlainTextEdit::updateRequest, this,
            [this](const QRect &rect, int dy) { updateGutter(rect, dy); });
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, [this] { refreshSelections(); });
    connect(this, &QPlainTextEdit::textChanged, this, [this] { refreshSelections(); });
    updateGutterWidth();
}

int JsonEdit::lineNumberAreaWidth() const
{
    int digits = 2;
    for (int max = qMax(1, blockCount()); max >= 100; max /= 10)
        ++digits;
    return 10 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void JsonEdit::updateGutterWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void JsonEdit::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateGutterWidth();
}

void JsonEdit::resizeEvent(QResizeEvent *event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect r = contentsRect();
    m_gutter->setGeometry(QRect(r.left(), r.top(), lineNumberAreaWidth(), r.height()));
}

void JsonEdit::paintLineNumbers(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    painter.fillRect(event->rect(), palette().color(QPalette::AlternateBase));
    const int errorBlock =
        m_errorPos >= 0 ? document()->findBlock(m_errorPos).blockNumber() : -1;
    QTextBlock block = firstVisibleBlock();
    int number = block.blockNumber();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            painter.setPen(number == errorBlock ? QColor(0xd5, 0x5e, 0x00)
                                                : palette().color(QPalette::PlaceholderText));
            painter.drawText(0, top, m_gutter->width() - 5, fontMetrics().height(),
                             Qt::AlignRight, QString::number(number + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
        ++number;
    }
}

int JsonEdit::matchingBracket(const QString &text, int position)
{
    if (position < 0 || position >= text.size())
        return -1;
    const auto mask = stringMask(text);
    if (mask[position])
        return -1;
    const QChar c = text[position];
    static const QString open = QStringLiteral("{[");
    static const QString close = QStringLiteral("}]");
    int step = 0;
    QChar partner;
    if (open.contains(c)) {
        step = 1;
        partner = close[open.indexOf(c)];
    } else if (close.contains(c)) {
        step = -1;
        partner = open[close.indexOf(c)];
    } else {
        return -1;
    }
    int depth = 0;
    for (int i = position; i >= 0 && i < text.size(); i += step) {
        if (mask[i])
            continue;
        if (text[i] == c)
            ++depth;
        else if (text[i] == partner && --depth == 0)
            return i;
    }
    return -1;
}

void JsonEdit::refreshSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    const QString text = toPlainText();
    const int pos = textCursor().position();
    // The bracket just after or just before the cursor, as most editors do.
    for (int at : {pos, pos - 1}) {
        const int partner = matchingBracket(text, at);
        if (partner < 0)
            continue;
        for (int p : {at, partner}) {
            QTextEdit::ExtraSelection s;
            s.format.setBackground(QColor(0xf0, 0xe4, 0x42, 0x90));
            s.format.setFontWeight(QFont::Bold);
            s.cursor = QTextCursor(document());
            s.cursor.setPosition(p);
            s.cursor.setPosition(p + 1, QTextCursor::KeepAnchor);
            selections << s;
        }
        break;
    }
    if (m_errorPos >= 0) {
        QTextEdit::ExtraSelection s;
        s.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        s.format.setUnderlineColor(QColor(0xd5, 0x5e, 0x00));
        s.format.setBackground(QColor(0xd5, 0x5e, 0x00, 0x30));
        s.cursor = QTextCursor(document());
        const int last = qMax(0, int(text.size()));
        const int from = qMin(m_errorPos, last);
        const int to = qMin(from + qMax(1, m_errorLen), last);
        s.cursor.setPosition(from == to && from > 0 ? from - 1 : from);
        s.cursor.setPosition(to, QTextCursor::KeepAnchor);
        selections << s;
    }
    setExtraSelections(selections);
}

void JsonEdit::setErrorSpan(int position, int length)
{
    m_errorPos = position;
    m_errorLen = length;
    refreshSelections();
    m_gutter->update();
}

void JsonEdit::setCompletions(const QStringList &words)
{
    m_words->setStringList(words);
}

QStringList JsonEdit::completions() const
{
    return m_words->stringList();
}

void JsonEdit::insertSnippet(const QString &text)
{
    QTextCursor cursor = textCursor();
    cursor.beginEditBlock();
    cursor.insertText(text);
    cursor.endEditBlock();
    setTextCursor(cursor);
    setFocus();
}

QString JsonEdit::wordBeforeCursor() const
{
    const QString text = toPlainText();
    int i = textCursor().position();
    const int end = i;
    while (i > 0 && (text[i - 1].isLetterOrNumber() || QStringLiteral("-_.$@").contains(text[i - 1])))
        --i;
    // Only inside an opening quote: completing a key or a value string.
    if (i == 0 || text[i - 1] != u'"')
        return {};
    return text.mid(i, end - i);
}

void JsonEdit::insertCompletion(const QString &word)
{
    QTextCursor cursor = textCursor();
    const QString prefix = wordBeforeCursor();
    cursor.beginEditBlock();
    cursor.movePosition(QTextCursor::Left, QTextCursor::KeepAnchor, int(prefix.size()));
    cursor.insertText(word);
    cursor.endEditBlock();
    setTextCursor(cursor);
}

void JsonEdit::keyPressEvent(QKeyEvent *event)
{
    QAbstractItemView *popup = m_completer->popup();
    if (popup->isVisible()) {
        switch (event->key()) {
        case Qt::Key_Enter:
        case Qt::Key_Return:
        case Qt::Key_Tab:
        case Qt::Key_Escape:
            event->ignore();  // the completer handles these
            return;
        default:
            break;
        }
    }
    const bool forced = event->key() == Qt::Key_Space
                        && (event->modifiers() & Qt::ControlModifier);
    if (!forced)
        QPlainTextEdit::keyPressEvent(event);

    const QString prefix = wordBeforeCursor();
    const bool typing = !event->text().isEmpty() && (prefix.size() >= 1 || forced);
    if (m_words->rowCount() == 0 || (!typing && !forced)) {
        popup->hide();
        return;
    }
    if (wordBeforeCursor().isNull() && !forced) {
        popup->hide();
        return;
    }
    m_completer->setCompletionPrefix(prefix);
    if (m_completer->completionCount() == 0
        || (m_completer->completionCount() == 1 && m_completer->currentCompletion() == prefix)) {
        popup->hide();
        return;
    }
    popup->setCurrentIndex(m_completer->completionModel()->index(0, 0));
    QRect rect = cursorRect();
    rect.setWidth(popup->sizeHintForColumn(0) + popup->verticalScrollBar()->sizeHint().width());
    m_completer->complete(rect);
}

} // namespace ef::ui
