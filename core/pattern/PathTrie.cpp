#include "core/pattern/PathTrie.h"

namespace ef::pattern {

PathTrie::PathTrie()
{
    m_nodes.emplace_back();
}

std::uint32_t PathTrie::descend(std::uint32_t node, std::string_view key) const
{
    const char *p = key.data();
    const char *const end = p + key.size();
    for (;;) {
        const char *q = p;
        while (q < end && *q != '.')
            ++q;
        node = child(node, std::string_view(p, std::size_t(q - p)));
        if (node == kNone || q == end)
            return node;
        p = q + 1;
    }
}

std::uint32_t PathTrie::newNode(std::uint32_t parent, std::string_view segment)
{
    std::uint32_t id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
        m_nodes[id] = Node();
    } else {
        id = std::uint32_t(m_nodes.size());
        m_nodes.emplace_back();
    }
    m_nodes[id].parent = parent;
    m_nodes[id].segment.assign(segment);
    m_nodes[parent].children.insert(segment, id);
    return id;
}

std::uint32_t PathTrie::addPath(std::string_view path)
{
    std::uint32_t node = root();
    ++m_nodes[node].refs;
    for (;;) {
        const std::size_t dot = path.find('.');
        const std::string_view segment = path.substr(0, dot);
        std::uint32_t next = child(node, segment);
        if (next == kNone)
            next = newNode(node, segment);
        node = next;
        ++m_nodes[node].refs;
        if (dot == std::string_view::npos)
            return node;
        path.remove_prefix(dot + 1);
    }
}

void PathTrie::removePath(std::string_view path)
{
    std::uint32_t node = descend(root(), path);
    while (node != kNone) {
        const std::uint32_t parent = m_nodes[node].parent;
        if (--m_nodes[node].refs == 0 && node != root()) {
            m_nodes[parent].children.erase(m_nodes[node].segment);
            m_nodes[node] = Node();
            m_free.push_back(node);
        }
        node = parent;
    }
}

} // namespace ef::pattern
