#include "ui/editors/PatternSnippets.h"

#include <QJsonDocument>
#include <QJsonArray>

namespace ef::ui {

const std::vector<PatternSnippet> &patternSnippets()
{
    static const std::vector<PatternSnippet> all = {
        {QStringLiteral("equals"), QStringLiteral("exact value (a list means any of them)"),
         QStringLiteral("\"value\"")},
        {QStringLiteral("prefix"), QStringLiteral("string starts with"),
         QStringLiteral("{\"prefix\": \"abc-\"}")},
        {QStringLiteral("suffix"), QStringLiteral("string ends with"),
         QStringLiteral("{\"suffix\": \".png\"}")},
        {QStringLiteral("anything-but"), QStringLiteral("any value except these"),
         QStringLiteral("{\"anything-but\": [\"excluded\"]}")},
        {QStringLiteral("numeric range"), QStringLiteral("number compared with bounds"),
         QStringLiteral("{\"numeric\": [\">=\", 100, \"<\", 1000]}")},
        {QStringLiteral("exists"), QStringLiteral("field present (true) or absent (false)"),
         QStringLiteral("{\"exists\": true}")},
        {QStringLiteral("cidr"), QStringLiteral("IP address inside a network"),
         QStringLiteral("{\"cidr\": \"10.0.0.0/24\"}")},
        {QStringLiteral("equals-ignore-case"), QStringLiteral("same text, any letter case"),
         QStringLiteral("{\"equals-ignore-case\": \"value\"}")},
        {QStringLiteral("wildcard"), QStringLiteral("* stands for any characters"),
         QStringLiteral("{\"wildcard\": \"abc-*\"}")},
        {QStringLiteral("$or"), QStringLiteral("either group of fields matches"),
         QStringLiteral("\"$or\": [\n  {\"field-a\": [\"value\"]},\n"
                        "  {\"field-b\": [{\"exists\": true}]}\n]")},
    };
    return all;
}

QString starterPattern(const QString &source, const QString &detailType)
{
    auto quoted = [](const QString &s, const char *fallback) {
        const QString v = s.isEmpty() ? QString::fromLatin1(fallback) : s;
        // QJsonDocument escapes the string exactly as JSON wants it.
        QByteArray text = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
        return QString::fromUtf8(text.mid(1, text.size() - 2));
    };
    return QStringLiteral("{\n  \"source\": [%1],\n  \"detail-type\": [%2]\n}")
        .arg(quoted(source, "my.application"), quoted(detailType, "MyEvent"));
}

} // namespace ef::ui
