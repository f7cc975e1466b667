#pragma once

// The JSONPath subset EventBridge evaluates (InputPath, InputPathsMap values)
// and that consumer definitions use for their placeholders:
//   $                      the whole document
//   $.detail.order-id      dot notation: letters, digits, '-', '_', '/', '@', ':', '+'...
//   $.items[0]  $.items[-1]  array indices (negative counts from the end)
//   $.items[*]  $.detail.*   wildcards
//   $['detail']["a.b"]     bracket notation with a quoted name
//   @.productId            relative to a current element (consumers only, see
//                          JsonPath::parse's allowRelative)
// Deep scan (..), filters and slices are not supported and are reported as such.
//
// A path without wildcards is "definite": it selects at most one value. With
// a wildcard it selects a list (empty when nothing matches), as JSONPath
// implementations return it.

#include "core/bus/JsonValue.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ef::json {

class JsonPath
{
public:
    // nullopt with `error` set (e.g. "a path starts with \"$\"") when the text
    // is not a supported JSONPath.
    static std::optional<JsonPath> parse(std::string_view text, std::string *error = nullptr,
                                         bool allowRelative = false);

    const std::string &text() const { return m_text; }
    bool isDefinite() const { return m_definite; }
    bool isRelative() const { return m_relative; }

    // All values the path selects, in document order.
    void select(const Value &root, std::vector<const Value *> &out) const;
    // A definite path's value, or nullptr. For an indefinite path: nullptr.
    const Value *selectOne(const Value &root) const;
    // What a JSONPath evaluator returns: a definite path's value (nullopt when
    // missing), or for an indefinite path an array of the matches.
    std::optional<Value> evaluate(const Value &root) const;

private:
    struct Segment
    {
        enum class Kind { Name, Index, Wildcard };
        Kind kind = Kind::Name;
        std::string name;
        long long index = 0;
    };

    void selectFrom(const Value &value, std::size_t segment,
                    std::vector<const Value *> &out) const;

    std::string m_text;
    std::vector<Segment> m_segments;
    bool m_definite = true;
    bool m_relative = false;
};

} // namespace ef::json
