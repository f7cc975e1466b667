#pragma once

// A small JSON tree for pattern texts and vector lines: object members stay
// in document order with duplicates, numbers keep their literal text, and
// every node remembers its span in the source.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ef::pattern {

enum class JsonType : std::uint8_t { Null, True, False, Number, String, Array, Object };

struct JsonNode
{
    JsonType type = JsonType::Null;
    std::string text;               // String: decoded bytes; Number: literal text
    std::vector<std::string> keys;  // Object: member keys, parallel to `items`
    std::vector<JsonNode> items;    // Array elements or Object member values
    std::size_t begin = 0, end = 0; // span of the value in the source text

    bool isObject() const { return type == JsonType::Object; }
    bool isArray() const { return type == JsonType::Array; }
    bool isString() const { return type == JsonType::String; }
    bool isNumber() const { return type == JsonType::Number; }
    // The last member named `key` (the one that wins), or nullptr.
    const JsonNode *member(std::string_view key) const;
};

// Parses one JSON value. Text after it is ignored, as the reference matcher
// ignores it; `requireEnd` rejects anything but whitespace there.
bool parseJson(std::string_view text, JsonNode &out, std::string &error,
               bool requireEnd = false);

// Compact JSON text of a node (numbers keep their literal text).
std::string toJson(const JsonNode &node);
void appendJson(std::string &out, const JsonNode &node);

} // namespace ef::pattern
