#include "core/bus/JsonPath.h"

namespace ef::json {

namespace {

bool isNameChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80)
        return true;  // UTF-8 of a non-ASCII name
    if (u <= 0x20 || u == 0x7F)
        return false;
    switch (c) {
    case '.': case '[': case ']': case '\'': case '"': case '*': case '\\':
    case '(': case ')': case '?': case ',':
        return false;
    default:
        return true;
    }
}

bool fail(std::string *error, std::string message)
{
    if (error)
        *error = std::move(message);
    return false;
}

std::string position(std::size_t at)
{
    return " at character " + std::to_string(at + 1);
}

} // namespace

std::optional<JsonPath> JsonPath::parse(std::string_view text, std::string *error,
                                        bool allowRelative)
{
    JsonPath path;
    path.m_text = std::string(text);
    if (text.empty()) {
        fail(error, "the path is empty");
        return std::nullopt;
    }
    if (text[0] == '@') {
        if (!allowRelative) {
            fail(error, "a path starts with \"$\" (\"@\" is only allowed for the current element)");
            return std::nullopt;
        }
        path.m_relative = true;
    } else if (text[0] != '$') {
        fail(error, allowRelative ? "a path starts with \"$\" or \"@\""
                                  : "a path starts with \"$\"");
        return std::nullopt;
    }

    std::size_t i = 1;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '.') {
            ++i;
            if (i < text.size() && text[i] == '.') {
                fail(error, "deep scan (..) is not supported" + position(i - 1));
                return std::nullopt;
            }
            if (i < text.size() && text[i] == '*') {
                path.m_segments.push_back({Segment::Kind::Wildcard, {}, 0});
                path.m_definite = false;
                ++i;
                continue;
            }
            const std::size_t start = i;
            while (i < text.size() && isNameChar(text[i]))
                ++i;
            if (i == start) {
                if (i >= text.size()) {
                    fail(error, "a name is missing after \".\" at the end");
                } else {
                    fail(error, std::string("unexpected character '") + text[i] + "'"
                                    + position(i));
                }
                return std::nullopt;
            }
            path.m_segments.push_back(
                {Segment::Kind::Name, std::string(text.substr(start, i - start)), 0});
        } else if (c == '[') {
            ++i;
            if (i >= text.size()) {
                fail(error, "\"[\" is not closed");
                return std::nullopt;
            }
            if (text[i] == '*') {
                ++i;
                path.m_segments.push_back({Segment::Kind::Wildcard, {}, 0});
                path.m_definite = false;
            } else if (text[i] == '\'' || text[i] == '"') {
                const char quote = text[i++];
                std::string name;
                while (i < text.size() && text[i] != quote) {
                    if (text[i] == '\\' && i + 1 < text.size())
                        ++i;
                    name += text[i++];
                }
                if (i >= text.size()) {
                    fail(error, std::string("the quoted name is not closed with ") + quote);
                    return std::nullopt;
                }
                ++i;  // closing quote
                path.m_segments.push_back({Segment::Kind::Name, std::move(name), 0});
            } else {
                const std::size_t start = i;
                if (text[i] == '-')
                    ++i;
                const std::size_t digits = i;
                while (i < text.size() && text[i] >= '0' && text[i] <= '9')
                    ++i;
                if (i == digits || i - digits > 9) {
                    if (i < text.size() && (text[i] == ':' || text[i] == '?' || text[i] == ',')) {
                        fail(error, "slices, filters and unions are not supported"
                                        + position(i));
                    } else {
                        fail(error, "an array index is a whole number" + position(start));
                    }
                    return std::nullopt;
                }
                path.m_segments.push_back(
                    {Segment::Kind::Index, {}, std::stoll(std::string(text.substr(start, i - start)))});
            }
            if (i >= text.size() || text[i] != ']') {
                if (i < text.size() && (text[i] == ':' || text[i] == ',')) {
                    fail(error, "slices and unions are not supported" + position(i));
                } else {
                    fail(error, "\"]\" expected" + position(i));
                }
                return std::nullopt;
            }
            ++i;
        } else {
            fail(error, std::string("unexpected character '") + c + "'" + position(i)
                            + " (use \".name\" or \"[index]\")");
            return std::nullopt;
        }
    }
    return path;
}

void JsonPath::selectFrom(const Value &value, std::size_t segment,
                          std::vector<const Value *> &out) const
{
    if (segment == m_segments.size()) {
        out.push_back(&value);
        return;
    }
    const Segment &s = m_segments[segment];
    switch (s.kind) {
    case Segment::Kind::Name:
        if (const Value *member = value.find(s.name))
            selectFrom(*member, segment + 1, out);
        break;
    case Segment::Kind::Index:
        if (value.isArray()) {
            const auto size = static_cast<long long>(value.items.size());
            const long long at = s.index < 0 ? size + s.index : s.index;
            if (at >= 0 && at < size)
                selectFrom(value.items[static_cast<std::size_t>(at)], segment + 1, out);
        }
        break;
    case Segment::Kind::Wildcard:
        if (value.isArray()) {
            for (const Value &item : value.items)
                selectFrom(item, segment + 1, out);
        } else if (value.isObject()) {
            for (const auto &member : value.members)
                selectFrom(member.value, segment + 1, out);
        }
        break;
    }
}

void JsonPath::select(const Value &root, std::vector<const Value *> &out) const
{
    selectFrom(root, 0, out);
}

const Value *JsonPath::selectOne(const Value &root) const
{
    if (!m_definite)
        return nullptr;
    const Value *at = &root;
    for (const Segment &s : m_segments) {
        if (s.kind == Segment::Kind::Name) {
            at = at->find(s.name);
        } else {
            if (!at->isArray())
                return nullptr;
            const auto size = static_cast<long long>(at->items.size());
            const long long index = s.index < 0 ? size + s.index : s.index;
            if (index < 0 || index >= size)
                return nullptr;
            at = &at->items[static_cast<std::size_t>(index)];
        }
        if (!at)
            return nullptr;
    }
    return at;
}

std::optional<Value> JsonPath::evaluate(const Value &root) const
{
    if (m_definite) {
        if (const Value *v = selectOne(root))
            return *v;
        return std::nullopt;
    }
    std::vector<const Value *> matches;
    select(root, matches);
    Value list;
    list.kind = Value::Kind::Array;
    list.items.reserve(matches.size());
    for (const Value *m : matches)
        list.items.push_back(*m);
    return list;
}

} // namespace ef::json
