#include "core/pattern/PathTrie.h"

#include <algorithm>
#include <cstring>

namespace ef::pattern {

PathTrie::PathTrie()
{
    m_nodes.emplace_back();
}

std::uint32_t PathTrie::child(std::uint32_t node, std::string_view segment) const
{
    const Node &n = m_nodes[node];
    if (!n.index.empty()) {
        const auto it = n.index.find(segment);
        return it == n.index.end() ? kNone : it->second;
    }
    for (const Child &c : n.children) {
        if (c.segment.size() == segment.size() &&
            std::memcmp(c.segment.data(), segment.data(), segment.size()) == 0)
            return c.node;
    }
    return kNone;
}

std::uint32_t PathTrie::descend(std::uint32_t node, std::string_view key) const
{
    for (;;) {
        const std::size_t dot = key.find('.');
        node = child(node, key.substr(0, dot));
        if (node == kNone || dot == std::string_view::npos)
            return node;
        key.remove_prefix(dot + 1);
    }
}

std::uint32_t PathTrie::newNode(std::uint32_t parent)
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
    return id;
}

void PathTrie::reindex(Node &n)
{
    n.index.clear();
    if (n.children.size() > kIndexAbove) {
        for (const Child &c : n.children)
            n.index.emplace(c.segment, c.node);
    }
}

std::uint32_t PathTrie::addPath(std::string_view path)
{
    std::uint32_t node = root();
    ++m_nodes[node].refs;
    for (;;) {
        const std::size_t dot = path.find('.');
        const std::string_view segment = path.substr(0, dot);
        std::uint32_t next = child(node, segment);
        if (next == kNone) {
            next = newNode(node);
            m_nodes[node].children.push_back(Child{std::string(segment), next});
            reindex(m_nodes[node]);
        }
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
        Node &n = m_nodes[node];
        const std::uint32_t parent = n.parent;
        if (--n.refs == 0 && node != root()) {
            Node &p = m_nodes[parent];
            p.children.erase(std::remove_if(p.children.begin(), p.children.end(),
                                            [&](const Child &c) { return c.node == node; }),
                             p.children.end());
            reindex(p);
            m_nodes[node] = Node();
            m_free.push_back(node);
        }
        node = parent;
    }
}

} // namespace ef::pattern
