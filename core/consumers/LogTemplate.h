#pragma once

// One log line's text with placeholders read from the JSON a consumer
// received: "Order ${$.detail.orderId} for $${$.detail.amount|0}".
//   ${PATH}          the value at PATH: a string as its text, a number as its
//                    literal text, anything else as minified JSON; nothing when
//                    PATH selects nothing
//   ${PATH|DEFAULT}  DEFAULT (literal text up to "}") when PATH selects nothing
//   PATH             a JSONPath (core/bus/JsonPath.h): "$..." from the received
//                    document, "@..." from the current element of a forEach
//   \${              a literal "${"
// A lone "$" is ordinary text.

#include "core/bus/JsonPath.h"

#include <QString>

#include <optional>
#include <string>
#include <vector>

namespace ef::consumers {

class LogTemplate
{
public:
    // nullopt with `error` set, e.g. "placeholder \"${$.a\" is not closed with \"}\"".
    // "@" paths are accepted only when `allowElement` (inside a forEach).
    static std::optional<LogTemplate> parse(const QString &text, bool allowElement,
                                            QString *error);

    const QString &text() const { return m_text; }

    // `element` is the current forEach element (nullptr outside a forEach).
    QString render(const json::Value &root, const json::Value *element) const;

private:
    struct Part
    {
        std::string literal;                // when !path
        std::optional<json::JsonPath> path;
        std::optional<std::string> fallback;
    };

    QString m_text;
    std::vector<Part> m_parts;
};

} // namespace ef::consumers
