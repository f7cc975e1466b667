#include "core/io/ExportJsonText.h"

namespace ef::io {

namespace {

class PrettyWriter
{
public:
    PrettyWriter(const PrettyJsonOptions &options, std::string &out)
        : m_options(options), m_out(out)
    {
    }

    // `column` is where the value starts on its line (for the fits test).
    void value(const json::Value &v, int depth, int column)
    {
        switch (v.kind) {
        case json::Value::Kind::Object:
            object(v, depth);
            break;
        case json::Value::Kind::Array:
            array(v, depth, column);
            break;
        default:
            scalar(v, m_out);
        }
    }

private:
    const PrettyJsonOptions &m_options;
    std::string &m_out;

    void string(const std::string &s, std::string &out) const
    {
        if (m_options.stringsPreEscaped) {
            out += '"';
            out += s;
            out += '"';
        } else {
            json::writeString(s, out);
        }
    }

    void scalar(const json::Value &v, std::string &out) const
    {
        if (v.isString())
            string(v.text, out);
        else
            json::write(v, out);
    }

    // One-line text of `v` with ", " and ": " separators.
    void inlineText(const json::Value &v, std::string &out) const
    {
        if (v.isObject()) {
            out += '{';
            for (std::size_t i = 0; i < v.members.size(); ++i) {
                if (i)
                    out += ", ";
                string(v.members[i].key, out);
                out += ": ";
                inlineText(v.members[i].value, out);
            }
            out += '}';
        } else if (v.isArray()) {
            out += '[';
            for (std::size_t i = 0; i < v.items.size(); ++i) {
                if (i)
                    out += ", ";
                inlineText(v.items[i], out);
            }
            out += ']';
        } else {
            scalar(v, out);
        }
    }

    void newline(int depth)
    {
        m_out += '\n';
        m_out.append(std::size_t(depth * m_options.indent), ' ');
    }

    void object(const json::Value &v, int depth)
    {
        if (v.members.empty()) {
            m_out += "{}";
            return;
        }
        m_out += '{';
        for (std::size_t i = 0; i < v.members.size(); ++i) {
            if (i)
                m_out += ',';
            newline(depth + 1);
            const std::size_t lineStart = m_out.rfind('\n') + 1;
            string(v.members[i].key, m_out);
            m_out += ": ";
            value(v.members[i].value, depth + 1, int(m_out.size() - lineStart));
        }
        newline(depth);
        m_out += '}';
    }

    void array(const json::Value &v, int depth, int column)
    {
        std::string oneLine;
        inlineText(v, oneLine);
        // +1 for a trailing comma.
        if (column + int(oneLine.size()) + 1 <= m_options.maxColumns) {
            m_out += oneLine;
            return;
        }
        m_out += '[';
        for (std::size_t i = 0; i < v.items.size(); ++i) {
            if (i)
                m_out += ',';
            newline(depth + 1);
            const int itemColumn = (depth + 1) * m_options.indent;
            const json::Value &item = v.items[i];
            if (item.isObject()) {
                // An object in an array stays on one line when it fits.
                std::string itemLine;
                inlineText(item, itemLine);
                if (itemColumn + int(itemLine.size()) + 1 <= m_options.maxColumns)
                    m_out += itemLine;
                else
                    object(item, depth + 1);
            } else {
                value(item, depth + 1, itemColumn);
            }
        }
        newline(depth);
        m_out += ']';
    }
};

} // namespace

std::string prettyJson(const json::Value &value, const PrettyJsonOptions &options)
{
    std::string out;
    PrettyWriter(options, out).value(value, 0, 0);
    out += '\n';
    return out;
}

json::Value jsonObject()
{
    json::Value v;
    v.kind = json::Value::Kind::Object;
    return v;
}

json::Value jsonString(const QString &text)
{
    return json::Value::string(text.toStdString());
}

json::Value jsonInt(long long n)
{
    json::Value v;
    v.kind = json::Value::Kind::Number;
    v.text = std::to_string(n);
    return v;
}

void jsonAdd(json::Value &object, std::string_view key, json::Value value)
{
    object.members.push_back({std::string(key), std::move(value)});
}

} // namespace ef::io
