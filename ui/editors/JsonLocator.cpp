#include "ui/editors/JsonLocator.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <vector>

namespace ef::ui {

namespace {

struct Member
{
    QString path;
    int keyStart = 0;
    int valueEnd = 0;
};

struct Frame
{
    bool object = false;
    QString key;          // the current member's key (objects only)
    int keyStart = -1;
    bool expectKey = true;
    int member = -1;      // index into `members` of the open member
};

// Scans `text` and lists each object member with its path and extent.
std::vector<Member> scanMembers(const QString &text)
{
    std::vector<Member> members;
    std::vector<Frame> stack;
    auto pathOf = [&](const QString &last) {
        QStringList parts;
        for (const Frame &f : stack) {
            if (f.object && !f.key.isNull() && &f != &stack.back())
                parts << f.key;
        }
        parts << last;
        return parts.join(u'.');
    };
    auto closeValue = [&](int end) {
        if (!stack.empty() && stack.back().object && stack.back().member >= 0) {
            members[stack.back().member].valueEnd = end;
        }
    };
    const int n = int(text.size());
    int i = 0;
    while (i < n) {
        const QChar c = text[i];
        if (c == u'"') {
            int j = i + 1;
            bool escaped = false;
            while (j < n && (escaped || text[j] != u'"')) {
                escaped = !escaped && text[j] == u'\\';
                ++j;
            }
            const int end = qMin(j + 1, n);
            if (!stack.empty() && stack.back().object && stack.back().expectKey) {
                Frame &f = stack.back();
                f.key = text.mid(i + 1, qMax(0, j - i - 1));
                f.keyStart = i;
                f.expectKey = false;
                members.push_back({pathOf(f.key), i, end});
                f.member = int(members.size()) - 1;
            } else {
                closeValue(end);
            }
            i = end;
            continue;
        }
        if (c == u'{' || c == u'[') {
            stack.push_back({c == u'{', QString(), -1, true, -1});
        } else if (c == u'}' || c == u']') {
            if (!stack.empty())
                stack.pop_back();
            closeValue(i + 1);
        } else if (c == u',') {
            if (!stack.empty() && stack.back().object)
                stack.back().expectKey = true;
        } else if (!c.isSpace() && c != u':') {
            int j = i;
            while (j < n && !QStringLiteral(",}]: \t\r\n").contains(text[j]))
                ++j;
            closeValue(j);
            i = j;
            continue;
        }
        ++i;
    }
    return members;
}

} // namespace

TextSpan locateJsonPath(const QString &text, const QString &path)
{
    const auto members = scanMembers(text);
    QStringList parts = path.split(u'.', Qt::SkipEmptyParts);
    while (!parts.isEmpty()) {
        const QString wanted = parts.join(u'.');
        for (const Member &m : members) {
            if (m.path == wanted)
                return {m.keyStart, qMax(1, m.valueEnd - m.keyStart)};
        }
        parts.removeLast();
    }
    return {};
}

QStringList jsonKeyPaths(const QString &text)
{
    QStringList out;
    for (const Member &m : scanMembers(text))
        out << m.path;
    return out;
}

int jsonSyntaxErrorOffset(const QString &text, QString *message)
{
    QJsonParseError error;
    QJsonDocument::fromJson(text.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError)
        return -1;
    if (message)
        *message = error.errorString();
    // QJsonParseError counts UTF-8 bytes; convert to a character offset.
    const QByteArray utf8 = text.toUtf8();
    return int(QString::fromUtf8(utf8.left(error.offset)).size());
}

} // namespace ef::ui
