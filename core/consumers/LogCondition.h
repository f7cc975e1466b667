#pragma once

// A condition on the JSON a consumer received, deciding whether a log line is
// written: "PATH OP LITERAL" or "PATH exists" / "PATH !exists".
//   PATH     a JSONPath ("$..." or, inside a forEach, "@...")
//   OP       == != < <= > >=
//   LITERAL  JSON: "OrderPlaced", 10, 1.5e3, true, false, null
// == and != compare numbers by value, everything else by type and content;
// the orderings hold for two numbers or two strings only. A PATH that selects
// nothing is unequal to everything and satisfies no ordering.

#include "core/bus/JsonPath.h"

#include <QString>

#include <optional>

namespace ef::consumers {

class LogCondition
{
public:
    // nullopt with `error` set, e.g. "unknown operator \"=~\"".
    static std::optional<LogCondition> parse(const QString &text, bool allowElement,
                                             QString *error);

    const QString &text() const { return m_text; }
    bool holds(const json::Value &root, const json::Value *element) const;

private:
    enum class Op { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, Exists, Missing };

    QString m_text;
    std::optional<json::JsonPath> m_path;
    Op m_op = Op::Exists;
    json::Value m_literal;
};

} // namespace ef::consumers
