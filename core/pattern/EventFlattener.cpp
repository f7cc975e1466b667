#include "core/pattern/EventFlattener.h"

#include "core/pattern/JsonReader.h"

namespace ef::pattern {

void FlatEvent::clear()
{
    values.clear();
    valuePath.clear();
    memberships.clear();
    memberships.push_back(MembershipNode{0, 0, 0});
    decoded.clear();
    anyMembership = false;
    arrays = 0;
}

namespace {

class Flattener
{
public:
    Flattener(std::string_view json, const PathTrie &paths, FlatEvent &out)
        : m_reader(json), m_paths(paths), m_out(out)
    {
    }

    bool run(std::string *error)
    {
        m_reader.skipSpace();
        if (m_reader.peek() != '{') {
            if (error)
                *error = "Event is not valid. Reason: Event must be a JSON object";
            return false;
        }
        if (!object(PathTrie::root(), 0, 0)) {
            if (error)
                *error = "Event is not valid. Reason: " + m_reader.errorMessage();
            return false;
        }
        return true;
    }

private:
    // At a value belonging to trie node `node` (never kNone).
    bool value(std::uint32_t node, int depth, std::uint32_t membership)
    {
        m_reader.skipSpace();
        const char c = m_reader.peek();
        if (c == '{' || c == '[') {
            if (!m_paths.hasChildren(node) && c == '{')
                return m_reader.skipValue(depth);
            return c == '{' ? object(node, depth, membership) : array(node, depth, membership);
        }
        const std::uint32_t path = m_paths.pathId(node);
        if (path == PathTrie::kNone)
            return m_reader.skipValue(depth);
        EventValue v;
        v.membership = membership;
        switch (c) {
        case '"':
            v.kind = ValueKind::String;
            if (!m_reader.readString(v.text, m_out.decoded))
                return false;
            break;
        case 't':
            v.kind = ValueKind::True;
            if (!m_reader.readLiteral("true"))
                return false;
            break;
        case 'f':
            v.kind = ValueKind::False;
            if (!m_reader.readLiteral("false"))
                return false;
            break;
        case 'n':
            v.kind = ValueKind::Null;
            if (!m_reader.readLiteral("null"))
                return false;
            break;
        default:
            if (c != '-' && (c < '0' || c > '9'))
                return m_reader.atEnd() ? m_reader.fail("unexpected end of input")
                                        : m_reader.fail("expected a value");
            v.kind = ValueKind::Number;
            if (!m_reader.readNumber(v.text))
                return false;
            v.number = readNumberText(v.text);
            break;
        }
        m_out.values.push_back(v);
        m_out.valuePath.push_back(path);
        return true;
    }

    // At '{' of an object whose keys continue from trie node `node`.
    bool object(std::uint32_t node, int depth, std::uint32_t membership)
    {
        if (++depth > kMaxJsonDepth)
            return m_reader.failDepth();
        m_reader.advance();
        m_reader.skipSpace();
        if (m_reader.peek() == '}') {
            m_reader.advance();
            return true;
        }
        for (;;) {
            m_reader.skipSpace();
            if (m_reader.atEnd())
                return m_reader.fail("unexpected end of input");
            if (m_reader.peek() != '"')
                return m_reader.fail("expected a string as object key");
            std::string_view key;
            m_out.keyBuffer.clear();
            if (!m_reader.readString(key, m_out.keyBuffer) || !m_reader.expect(':'))
                return false;
            const std::uint32_t next = m_paths.descend(node, key);
            if (next == PathTrie::kNone) {
                if (!m_reader.skipValue(depth))
                    return false;
            } else if (!value(next, depth, membership)) {
                return false;
            }
            m_reader.skipSpace();
            if (m_reader.atEnd())
                return m_reader.fail("unexpected end of input");
            const char sep = m_reader.peek();
            m_reader.advance();
            if (sep == ',')
                continue;
            if (sep == '}')
                return true;
            return m_reader.fail("expected ',' or '}'");
        }
    }

    // At '[' of an array whose elements all sit at trie node `node`.
    bool array(std::uint32_t node, int depth, std::uint32_t membership)
    {
        if (++depth > kMaxJsonDepth)
            return m_reader.failDepth();
        m_reader.advance();
        m_reader.skipSpace();
        if (m_reader.peek() == ']') {
            m_reader.advance();
            return true;
        }
        const std::uint32_t arrayId = m_out.arrays++;
        std::uint32_t index = 0;
        for (;;) {
            m_reader.skipSpace();
            const char c = m_reader.peek();
            bool ok;
            if ((c == '{' && m_paths.hasChildren(node)) || c == '[') {
                // Only containers get an element identity; scalars in one array never
                // constrain each other.
                const auto element = std::uint32_t(m_out.memberships.size());
                m_out.memberships.push_back(MembershipNode{membership, arrayId, index});
                m_out.anyMembership = true;
                ok = value(node, depth, element);
            } else {
                ok = value(node, depth, membership);
            }
            if (!ok)
                return false;
            ++index;
            m_reader.skipSpace();
            if (m_reader.atEnd())
                return m_reader.fail("unexpected end of input");
            const char sep = m_reader.peek();
            m_reader.advance();
            if (sep == ',')
                continue;
            if (sep == ']')
                return true;
            return m_reader.fail("expected ',' or ']'");
        }
    }

    JsonReader m_reader;
    const PathTrie &m_paths;
    FlatEvent &m_out;
};

} // namespace

bool flattenEvent(std::string_view json, const PathTrie &paths, FlatEvent &out,
                  std::string *error)
{
    out.clear();
    // Decoded strings never outgrow the input, so views into `decoded` stay valid.
    if (out.decoded.capacity() < json.size())
        out.decoded.reserve(json.size());
    Flattener f(json, paths, out);
    return f.run(error);
}

} // namespace ef::pattern
