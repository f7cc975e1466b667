#include "ui/editors/JsonFormat.h"

#include "core/bus/JsonValue.h"

namespace ef::ui {

namespace {

void write(const json::Value &v, int depth, int indent, std::string &out)
{
    const std::string pad(std::size_t(depth + 1) * indent, ' ');
    const std::string closePad(std::size_t(depth) * indent, ' ');
    switch (v.kind) {
    case json::Value::Kind::Object:
        if (v.members.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        for (std::size_t i = 0; i < v.members.size(); ++i) {
            out += pad;
            json::writeString(v.members[i].key, out);
            out += ": ";
            write(v.members[i].value, depth + 1, indent, out);
            out += i + 1 < v.members.size() ? ",\n" : "\n";
        }
        out += closePad + "}";
        return;
    case json::Value::Kind::Array: {
        if (v.items.empty()) {
            out += "[]";
            return;
        }
        // Short lists of plain values stay on one line: ["a", "b"], [">=", 100].
        bool flat = v.items.size() <= 6;
        for (const json::Value &item : v.items)
            flat = flat && !item.isContainer();
        if (flat) {
            out += '[';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i)
                    out += ", ";
                json::write(v.items[i], out);
            }
            out += ']';
            return;
        }
        out += "[\n";
        for (std::size_t i = 0; i < v.items.size(); ++i) {
            out += pad;
            write(v.items[i], depth + 1, indent, out);
            out += i + 1 < v.items.size() ? ",\n" : "\n";
        }
        out += closePad + "]";
        return;
    }
    default:
        json::write(v, out);
        return;
    }
}

} // namespace

QString prettyJson(const QString &text, int indent)
{
    const QByteArray utf8 = text.toUtf8();
    json::Value value;
    if (!json::parse(std::string_view(utf8.constData(), utf8.size()), value))
        return text;
    std::string out;
    write(value, 0, indent, out);
    return QString::fromStdString(out);
}

} // namespace ef::ui
