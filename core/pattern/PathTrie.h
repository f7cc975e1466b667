#pragma once

// The paths the rules use, as a trie of key segments split on '.', so an
// event key "a.b" and the nesting a -> b reach the same node. The flattener
// walks it alongside the event and skips every subtree no rule mentions.

#include "core/pattern/StringTable.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ef::pattern {

// Hash for std::unordered_map keyed by strings and looked up with string_views.
struct StringViewHash
{
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

class PathTrie
{
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

    PathTrie();

    static constexpr std::uint32_t root() { return 0; }
    std::uint32_t child(std::uint32_t node, std::string_view segment) const
    {
        const std::uint32_t *next = m_nodes[node].children.find(segment);
        return next ? *next : kNone;
    }
    // Follows every '.'-separated segment of `key` from `node`.
    std::uint32_t descend(std::uint32_t node, std::string_view key) const;
    bool hasChildren(std::uint32_t node) const { return !m_nodes[node].children.empty(); }
    // The rule path ending at this node, or kNone.
    std::uint32_t pathId(std::uint32_t node) const { return m_nodes[node].pathId; }

    // Adds one reference to `path` (creating nodes) and returns its end node.
    std::uint32_t addPath(std::string_view path);
    // Drops one reference; nodes nobody uses any more disappear.
    void removePath(std::string_view path);
    void setPathId(std::uint32_t node, std::uint32_t id) { m_nodes[node].pathId = id; }

private:
    struct Node
    {
        StringTable<std::uint32_t> children;
        std::string segment;  // the key leading here from the parent
        std::uint32_t pathId = kNone;
        std::uint32_t refs = 0;
        std::uint32_t parent = kNone;
    };

    std::uint32_t newNode(std::uint32_t parent, std::string_view segment);

    std::vector<Node> m_nodes;
    std::vector<std::uint32_t> m_free;
};

} // namespace ef::pattern
