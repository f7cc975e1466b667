#include "core/pattern/JsonDocument.h"

#include "core/pattern/JsonReader.h"

namespace ef::pattern {

namespace {

bool parseValue(JsonReader &r, std::string_view text, JsonNode &node, int depth,
                std::string &scratch)
{
    r.skipSpace();
    if (r.atEnd())
        return r.fail("unexpected end of input");
    node.begin = r.offset();
    const char c = r.peek();
    bool ok = true;
    if (c == '"') {
        node.type = JsonType::String;
        std::string_view s;
        scratch.clear();
        ok = r.readString(s, scratch);
        if (ok)
            node.text.assign(s);
    } else if (c == '-' || (c >= '0' && c <= '9')) {
        node.type = JsonType::Number;
        std::string_view s;
        ok = r.readNumber(s);
        if (ok)
            node.text.assign(s);
    } else if (c == 't') {
        node.type = JsonType::True;
        ok = r.readLiteral("true");
    } else if (c == 'f') {
        node.type = JsonType::False;
        ok = r.readLiteral("false");
    } else if (c == 'n') {
        node.type = JsonType::Null;
        ok = r.readLiteral("null");
    } else if (c == '{' || c == '[') {
        if (depth + 1 > kMaxJsonDepth)
            return r.failDepth();
        const bool object = c == '{';
        node.type = object ? JsonType::Object : JsonType::Array;
        const char close = object ? '}' : ']';
        r.advance();
        r.skipSpace();
        if (r.peek() == close) {
            r.advance();
        } else {
            for (;;) {
                if (object) {
                    r.skipSpace();
                    if (r.atEnd())
                        return r.fail("unexpected end of input");
                    if (r.peek() != '"')
                        return r.fail("expected a string as object key");
                    std::string_view key;
                    scratch.clear();
                    if (!r.readString(key, scratch) || !r.expect(':'))
                        return false;
                    node.keys.emplace_back(key);
                }
                node.items.emplace_back();
                if (!parseValue(r, text, node.items.back(), depth + 1, scratch))
                    return false;
                r.skipSpace();
                if (r.atEnd())
                    return r.fail("unexpected end of input");
                const char sep = r.peek();
                r.advance();
                if (sep == ',')
                    continue;
                if (sep == close)
                    break;
                return r.fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
            }
        }
    } else {
        return r.fail("expected a value");
    }
    node.end = r.offset();
    return ok;
}

} // namespace

const JsonNode *JsonNode::member(std::string_view key) const
{
    for (std::size_t i = keys.size(); i-- > 0;) {
        if (keys[i] == key)
            return &items[i];
    }
    return nullptr;
}

bool parseJson(std::string_view text, JsonNode &out, std::string &error, bool requireEnd)
{
    JsonReader r(text);
    std::string scratch;
    out = JsonNode();
    if (!parseValue(r, text, out, 0, scratch)) {
        error = r.errorMessage();
        return false;
    }
    if (requireEnd) {
        r.skipSpace();
        if (!r.atEnd()) {
            r.fail("unexpected text after the JSON value");
            error = r.errorMessage();
            return false;
        }
    }
    return true;
}

void appendJson(std::string &out, const JsonNode &node)
{
    switch (node.type) {
    case JsonType::Null: out += "null"; break;
    case JsonType::True: out += "true"; break;
    case JsonType::False: out += "false"; break;
    case JsonType::Number: out += node.text; break;
    case JsonType::String: appendJsonString(out, node.text); break;
    case JsonType::Array:
    case JsonType::Object: {
        const bool object = node.type == JsonType::Object;
        out.push_back(object ? '{' : '[');
        for (std::size_t i = 0; i < node.items.size(); ++i) {
            if (i)
                out.push_back(',');
            if (object) {
                appendJsonString(out, node.keys[i]);
                out.push_back(':');
            }
            appendJson(out, node.items[i]);
        }
        out.push_back(object ? '}' : ']');
        break;
    }
    }
}

std::string toJson(const JsonNode &node)
{
    std::string out;
    appendJson(out, node);
    return out;
}

} // namespace ef::pattern
