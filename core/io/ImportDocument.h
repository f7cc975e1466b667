#pragma once

// A document being imported, parsed from JSON or YAML into one tree that
// remembers the line each value starts on, so every problem can name its
// path and line. Readers of the formats (CloudFormation, CLI input JSON,
// pattern JSON) walk this tree; YamlReader.h builds it from YAML.

#include "core/bus/JsonValue.h"

#include <QString>

#include <string>
#include <string_view>
#include <vector>

namespace ef::io {

struct SourceMember;

struct SourceNode
{
    enum class Kind : unsigned char { Null, False, True, Number, String, Array, Object };

    Kind kind = Kind::Null;
    std::string text;  // Number: JSON literal; String: decoded UTF-8
    std::vector<SourceNode> items;
    std::vector<SourceMember> members;  // in document order
    int line = 0;                       // 1-based; 0 when unknown

    bool isObject() const { return kind == Kind::Object; }
    bool isArray() const { return kind == Kind::Array; }
    bool isString() const { return kind == Kind::String; }
    bool isNumber() const { return kind == Kind::Number; }
    bool isScalar() const { return kind != Kind::Object && kind != Kind::Array; }

    // The member named `key` (the last one when repeated); nullptr if none.
    const SourceNode *find(std::string_view key) const;
    QString string() const { return QString::fromStdString(text); }
    // "an object", "a string", ... for messages.
    const char *kindName() const;

    json::Value toJson() const;
};

struct SourceMember
{
    std::string key;
    SourceNode value;
    int line = 0;  // where the key is
};

// One problem of an import: the file, the line, the JSON path inside the
// document ("Resources.OrderRule.Properties.Targets[0].Arn") and the reason,
// in the words the engine and the API use.
struct ImportProblem
{
    QString file;
    int line = 0;
    QString path;
    QString message;

    QString text() const;  // "file:12: Resources.X.Properties.Name: reason"
};

// Parses JSON text; false with `problem` set (line, reason) when it is not
// JSON. Nesting deeper than json::kMaxDepth is refused, never a crash.
bool parseJsonDocument(std::string_view text, SourceNode &out, ImportProblem &problem);

// "a.b", "a[3]"; keys that are not plain identifiers are quoted: a["x y"].
QString childPath(const QString &parent, const std::string &key);
QString itemPath(const QString &parent, std::size_t index);

} // namespace ef::io
