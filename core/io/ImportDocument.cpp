#include "core/io/ImportDocument.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

#include <algorithm>

namespace ef::io {

const SourceNode *SourceNode::find(std::string_view key) const
{
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (it->key == key)
            return &it->value;
    }
    return nullptr;
}

const char *SourceNode::kindName() const
{
    switch (kind) {
    case Kind::Null: return "null";
    case Kind::False:
    case Kind::True: return "a boolean";
    case Kind::Number: return "a number";
    case Kind::String: return "a string";
    case Kind::Array: return "a list";
    case Kind::Object: return "an object";
    }
    return "a value";
}

json::Value SourceNode::toJson() const
{
    json::Value v;
    switch (kind) {
    case Kind::Null: v.kind = json::Value::Kind::Null; break;
    case Kind::False: v.kind = json::Value::Kind::False; break;
    case Kind::True: v.kind = json::Value::Kind::True; break;
    case Kind::Number:
        v.kind = json::Value::Kind::Number;
        v.text = text;
        break;
    case Kind::String:
        v.kind = json::Value::Kind::String;
        v.text = text;
        break;
    case Kind::Array:
        v.kind = json::Value::Kind::Array;
        for (const SourceNode &item : items)
            v.items.push_back(item.toJson());
        break;
    case Kind::Object:
        v.kind = json::Value::Kind::Object;
        for (const SourceMember &m : members)
            v.members.push_back({m.key, m.value.toJson()});
        break;
    }
    return v;
}

QString ImportProblem::text() const
{
    QString s = file;
    if (line > 0)
        s += QStringLiteral(":%1").arg(line);
    if (!s.isEmpty())
        s += QStringLiteral(": ");
    if (!path.isEmpty())
        s += path + QStringLiteral(": ");
    return s + message;
}

QString childPath(const QString &parent, const std::string &key)
{
    const bool plain = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
               || c == '_' || c == '-' || c == ':' || c == '$';
    });
    const QString k = QString::fromStdString(key);
    if (!plain) {
        std::string quoted;
        json::writeString(key, quoted);
        return parent + QLatin1Char('[') + QString::fromStdString(quoted) + QLatin1Char(']');
    }
    return parent.isEmpty() ? k : parent + QLatin1Char('.') + k;
}

QString itemPath(const QString &parent, std::size_t index)
{
    return parent + QStringLiteral("[%1]").arg(index);
}

namespace {

// Lines from byte offsets: the offsets where each line starts.
class LineIndex
{
public:
    explicit LineIndex(std::string_view text)
    {
        m_starts.push_back(0);
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\n')
                m_starts.push_back(i + 1);
        }
    }
    int lineOf(std::size_t offset) const
    {
        return int(std::upper_bound(m_starts.begin(), m_starts.end(), offset) - m_starts.begin());
    }

private:
    std::vector<std::size_t> m_starts;
};

// Builds SourceNodes from rapidjson's events; containers under construction
// live on m_stack, moved into their parent when they end.
class Builder
{
public:
    Builder(rapidjson::InsituStringStream &stream, const LineIndex &lines)
        : m_stream(stream), m_lines(lines)
    {
    }

    bool depthExceeded = false;
    SourceNode root;

    bool Null() { return add(scalar(SourceNode::Kind::Null)); }
    bool Bool(bool b) { return add(scalar(b ? SourceNode::Kind::True : SourceNode::Kind::False)); }
    bool Int(int) { return false; }
    bool Uint(unsigned) { return false; }
    bool Int64(int64_t) { return false; }
    bool Uint64(uint64_t) { return false; }
    bool Double(double) { return false; }
    bool RawNumber(const char *str, rapidjson::SizeType length, bool)
    {
        SourceNode n = scalar(SourceNode::Kind::Number);
        n.text.assign(str, length);
        return add(std::move(n));
    }
    bool String(const char *str, rapidjson::SizeType length, bool)
    {
        SourceNode n = scalar(SourceNode::Kind::String);
        n.text.assign(str, length);
        return add(std::move(n));
    }
    bool StartObject() { return open(SourceNode::Kind::Object); }
    bool Key(const char *str, rapidjson::SizeType length, bool)
    {
        m_keys.back().assign(str, length);
        m_keyLines.back() = here();
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(SourceNode::Kind::Array); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    rapidjson::InsituStringStream &m_stream;
    const LineIndex &m_lines;
    std::vector<SourceNode> m_stack;
    std::vector<std::string> m_keys;
    std::vector<int> m_keyLines;

    // rapidjson reports a value once it has read it; a scalar ends on the
    // line it starts on (JSON strings cannot hold a raw line break).
    int here() const { return m_lines.lineOf(m_stream.Tell() ? m_stream.Tell() - 1 : 0); }

    SourceNode scalar(SourceNode::Kind kind) const
    {
        SourceNode n;
        n.kind = kind;
        n.line = here();
        return n;
    }
    bool open(SourceNode::Kind kind)
    {
        if (m_stack.size() + 1 > json::kMaxDepth) {
            depthExceeded = true;
            return false;
        }
        m_stack.push_back(scalar(kind));
        m_keys.emplace_back();
        m_keyLines.push_back(0);
        return true;
    }
    bool close()
    {
        SourceNode done = std::move(m_stack.back());
        m_stack.pop_back();
        m_keys.pop_back();
        m_keyLines.pop_back();
        return add(std::move(done));
    }
    bool add(SourceNode &&n)
    {
        if (m_stack.empty()) {
            root = std::move(n);
            return true;
        }
        SourceNode &parent = m_stack.back();
        if (parent.kind == SourceNode::Kind::Array)
            parent.items.push_back(std::move(n));
        else
            parent.members.push_back({std::move(m_keys.back()), std::move(n), m_keyLines.back()});
        return true;
    }
};

} // namespace

bool parseJsonDocument(std::string_view text, SourceNode &out, ImportProblem &problem)
{
    // As core/bus/JsonValue: in situ (rapidjson 1.1's parse stack trips
    // UBSan), NUL-padded (its UTF-8 check reads past a truncated sequence).
    constexpr unsigned flags = rapidjson::kParseInsituFlag
                               | rapidjson::kParseNumbersAsStringsFlag
                               | rapidjson::kParseValidateEncodingFlag;
    std::string buffer;
    buffer.reserve(text.size() + 8);
    buffer.append(text);
    buffer.append(7, '\0');
    const LineIndex lines(text);
    rapidjson::InsituStringStream stream(buffer.data());
    rapidjson::Reader reader;
    Builder builder(stream, lines);
    const rapidjson::ParseResult result = reader.Parse<flags>(stream, builder);
    if (result && stream.Tell() == text.size()) {
        out = std::move(builder.root);
        return true;
    }
    if (result) {
        problem.line = lines.lineOf(stream.Tell());
        problem.message = QStringLiteral("not JSON: text after the end of the document");
        return false;
    }
    problem.line = lines.lineOf(std::min<std::size_t>(result.Offset(), text.size()));
    if (builder.depthExceeded) {
        problem.message = QStringLiteral("not JSON: nested deeper than %1 levels")
                              .arg(json::kMaxDepth);
    } else {
        QString reason = QString::fromLatin1(rapidjson::GetParseError_En(result.Code()));
        if (reason.endsWith(QLatin1Char('.')))
            reason.chop(1);
        problem.message = QStringLiteral("not JSON: ") + reason;
    }
    return false;
}

} // namespace ef::io
