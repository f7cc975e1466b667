#include "core/bus/JsonValue.h"

#include <rapidjson/error/en.h>
#include <rapidjson/reader.h>

namespace ef::json {

const Value *Value::find(std::string_view key) const
{
    if (kind != Kind::Object)
        return nullptr;
    for (auto it = members.rbegin(); it != members.rend(); ++it) {
        if (it->key == key)
            return &it->value;
    }
    return nullptr;
}

Value Value::string(std::string s)
{
    Value v;
    v.kind = Kind::String;
    v.text = std::move(s);
    return v;
}

namespace {

// Builds Values from rapidjson's events. Containers under construction live
// on m_stack (moved into their parent when they end), so nothing points into
// a vector that may reallocate.
class Builder
{
public:
    bool depthExceeded = false;
    Value root;

    bool Null() { return add(Value{}); }
    bool Bool(bool b)
    {
        Value v;
        v.kind = b ? Value::Kind::True : Value::Kind::False;
        return add(std::move(v));
    }
    // With kParseNumbersAsStringsFlag every number arrives as RawNumber.
    bool Int(int) { return false; }
    bool Uint(unsigned) { return false; }
    bool Int64(int64_t) { return false; }
    bool Uint64(uint64_t) { return false; }
    bool Double(double) { return false; }
    bool RawNumber(const char *str, rapidjson::SizeType length, bool)
    {
        Value v;
        v.kind = Value::Kind::Number;
        v.text.assign(str, length);
        return add(std::move(v));
    }
    bool String(const char *str, rapidjson::SizeType length, bool)
    {
        return add(Value::string(std::string(str, length)));
    }
    bool StartObject() { return open(Value::Kind::Object); }
    bool Key(const char *str, rapidjson::SizeType length, bool)
    {
        m_keys.back().assign(str, length);
        return true;
    }
    bool EndObject(rapidjson::SizeType) { return close(); }
    bool StartArray() { return open(Value::Kind::Array); }
    bool EndArray(rapidjson::SizeType) { return close(); }

private:
    std::vector<Value> m_stack;
    std::vector<std::string> m_keys;  // the pending member name, one per open container

    bool open(Value::Kind kind)
    {
        if (m_stack.size() + 1 > kMaxDepth) {
            depthExceeded = true;
            return false;
        }
        m_stack.emplace_back();
        m_stack.back().kind = kind;
        m_keys.emplace_back();
        return true;
    }
    bool close()
    {
        Value done = std::move(m_stack.back());
        m_stack.pop_back();
        m_keys.pop_back();
        return add(std::move(done));
    }
    bool add(Value &&v)
    {
        if (m_stack.empty()) {
            root = std::move(v);
            return true;
        }
        Value &parent = m_stack.back();
        if (parent.kind == Value::Kind::Array)
            parent.items.push_back(std::move(v));
        else
            parent.members.push_back(Member{std::move(m_keys.back()), std::move(v)});
        return true;
    }
};

void appendHex4(unsigned code, std::string &out)
{
    static const char digits[] = "0123456789abcdef";
    out += "\\u";
    out += digits[(code >> 12) & 0xF];
    out += digits[(code >> 8) & 0xF];
    out += digits[(code >> 4) & 0xF];
    out += digits[code & 0xF];
}

// Escapes `s` for a JSON string body; with `dropQuotes` a quote is left out
// instead of escaped.
void escapeInto(std::string_view s, std::string &out, bool dropQuotes)
{
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto u = static_cast<unsigned char>(c);
        // A lone surrogate read from "\udc00"-style escapes is held as its
        // three-byte form, which is not UTF-8: write it back as the escape.
        if (u == 0xED && i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0) {
            const unsigned code = 0xD000 | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6)
                                  | (static_cast<unsigned char>(s[i + 2]) & 0x3F);
            appendHex4(code, out);
            i += 2;
            continue;
        }
        switch (c) {
        case '"':
            if (!dropQuotes)
                out += "\\\"";
            break;
        case '\\': out += "\\\\"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (u < 0x20)
                appendHex4(u, out);
            else
                out += c;
        }
    }
}

void writeValue(const Value &value, std::string &out, bool quotes)
{
    switch (value.kind) {
    case Value::Kind::Null: out += "null"; break;
    case Value::Kind::False: out += "false"; break;
    case Value::Kind::True: out += "true"; break;
    case Value::Kind::Number: out += value.text; break;
    case Value::Kind::String:
        if (quotes)
            out += '"';
        escapeInto(value.text, out, !quotes);
        if (quotes)
            out += '"';
        break;
    case Value::Kind::Array: {
        out += '[';
        bool first = true;
        for (const Value &item : value.items) {
            if (!first)
                out += ',';
            first = false;
            writeValue(item, out, quotes);
        }
        out += ']';
        break;
    }
    case Value::Kind::Object: {
        out += '{';
        bool first = true;
        for (const auto &[key, member] : value.members) {
            if (!first)
                out += ',';
            first = false;
            if (quotes)
                out += '"';
            escapeInto(key, out, !quotes);
            if (quotes)
                out += '"';
            out += ':';
            writeValue(member, out, quotes);
        }
        out += '}';
        break;
    }
    }
}

} // namespace

bool parse(std::string_view text, Value &out, std::string *error)
{
    // In-situ, recursive parsing: rapidjson 1.1's own parse stack does pointer
    // arithmetic on a null pointer before its first allocation (UBSan reports
    // it), and only the non-in-situ and iterative modes use that stack. The
    // recursion is bounded by the depth limit, which Builder enforces.
    constexpr unsigned flags = rapidjson::kParseInsituFlag
                               | rapidjson::kParseNumbersAsStringsFlag
                               | rapidjson::kParseValidateEncodingFlag;
    // NUL-terminated and decoded in place. The extra NULs keep rapidjson 1.1's
    // UTF-8 validation, which reads a truncated sequence's continuation bytes
    // without looking for the end, inside the buffer.
    std::string buffer;
    buffer.reserve(text.size() + 8);
    buffer.append(text);
    buffer.append(7, '\0');
    rapidjson::InsituStringStream stream(buffer.data());
    rapidjson::Reader reader;
    Builder builder;
    const rapidjson::ParseResult result = reader.Parse<flags>(stream, builder);
    if (result && stream.Tell() == text.size()) {
        out = std::move(builder.root);
        return true;
    }
    if (result) {  // rapidjson reads a NUL byte as the end of the text
        if (error) {
            *error = "The document root must not be followed by other values at offset "
                     + std::to_string(stream.Tell());
        }
        return false;
    }
    if (error) {
        if (builder.depthExceeded) {
            *error = "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels";
        } else {
            std::string reason = rapidjson::GetParseError_En(result.Code());
            if (!reason.empty() && reason.back() == '.')
                reason.pop_back();
            *error = reason + " at offset " + std::to_string(result.Offset());
        }
    }
    return false;
}

void write(const Value &value, std::string &out)
{
    writeValue(value, out, true);
}

std::string toText(const Value &value)
{
    std::string out;
    write(value, out);
    return out;
}

void writeString(std::string_view s, std::string &out)
{
    out += '"';
    escapeInto(s, out, false);
    out += '"';
}

void writeEscaped(std::string_view s, std::string &out)
{
    escapeInto(s, out, false);
}

void writeUnquoted(const Value &value, std::string &out)
{
    writeValue(value, out, false);
}

} // namespace ef::json
