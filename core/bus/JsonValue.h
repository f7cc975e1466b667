#pragma once

// A small JSON document model for what a target receives: it keeps every
// number's literal text (12345678901234567890 stays exactly that, where
// QJsonDocument would turn it into a double) and the members' order, so a
// value taken out of an event and written again is the text the event held.
// Parsing is rapidjson's (iterative, so the call stack stays flat); nesting
// deeper than kMaxDepth levels is an error, never a crash.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ef::json {

constexpr std::size_t kMaxDepth = 1100;

struct Member;

struct Value
{
    enum class Kind : unsigned char { Null, False, True, Number, String, Array, Object };

    Kind kind = Kind::Null;
    std::string text;                                     // Number: literal; String: decoded UTF-8
    std::vector<Value> items;                             // Array
    std::vector<Member> members;                          // Object, in document order

    bool isObject() const { return kind == Kind::Object; }
    bool isArray() const { return kind == Kind::Array; }
    bool isString() const { return kind == Kind::String; }
    bool isNumber() const { return kind == Kind::Number; }
    bool isContainer() const { return kind == Kind::Object || kind == Kind::Array; }

    // The member named `key`; with repeated keys the last one wins, as in
    // most JSON readers. nullptr when absent or when this is not an object.
    const Value *find(std::string_view key) const;

    static Value string(std::string s);
};

struct Member
{
    std::string key;
    Value value;
};

// Parses one JSON text (trailing spaces allowed, nothing else). On failure
// returns false and sets `error` to e.g. "Missing a colon after a name of
// object member at offset 12" or "JSON nested deeper than 1100 levels".
bool parse(std::string_view text, Value &out, std::string *error = nullptr);

// Minified JSON text of `value`; numbers keep their literal text, strings are
// escaped as JSON requires (", \ and control characters; other UTF-8 as is).
void write(const Value &value, std::string &out);
std::string toText(const Value &value);

// `s` as a quoted JSON string, and the same without the surrounding quotes.
void writeString(std::string_view s, std::string &out);
void writeEscaped(std::string_view s, std::string &out);

// The value's text with every quote that JSON syntax needs removed: strings
// appear bare, and quote characters inside them are dropped. The service does
// this when an object or array is put inside a string, to keep it a string.
void writeUnquoted(const Value &value, std::string &out);

} // namespace ef::json
