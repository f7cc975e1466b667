#include "core/consumers/LogTemplate.h"

namespace ef::consumers {

std::optional<LogTemplate> LogTemplate::parse(const QString &text, bool allowElement,
                                              QString *error)
{
    LogTemplate t;
    t.m_text = text;
    const std::string s = text.toStdString();
    std::string literal;
    for (std::size_t i = 0; i < s.size();) {
        if (s.compare(i, 3, "\\${") == 0) {
            literal += "${";
            i += 3;
            continue;
        }
        if (s.compare(i, 2, "${") != 0) {
            literal += s[i++];
            continue;
        }
        const std::size_t close = s.find('}', i + 2);
        if (close == std::string::npos) {
            if (error) {
                *error = QStringLiteral("placeholder \"") + QString::fromStdString(s.substr(i))
                         + QStringLiteral("\" is not closed with \"}\"");
            }
            return std::nullopt;
        }
        const std::string inner = s.substr(i + 2, close - i - 2);
        const std::size_t bar = inner.find('|');
        const std::string pathText = inner.substr(0, bar);
        std::string reason;
        auto path = json::JsonPath::parse(pathText, &reason, allowElement);
        if (!path) {
            if (error) {
                *error = QStringLiteral("placeholder \"${") + QString::fromStdString(inner)
                         + QStringLiteral("}\": ") + QString::fromStdString(reason);
                if (!allowElement && !pathText.empty() && pathText[0] == '@')
                    *error += QStringLiteral(" (inside a forEach)");
            }
            return std::nullopt;
        }
        if (!literal.empty())
            t.m_parts.push_back({std::move(literal), std::nullopt, std::nullopt});
        literal.clear();
        Part part;
        part.path = std::move(path);
        if (bar != std::string::npos)
            part.fallback = inner.substr(bar + 1);
        t.m_parts.push_back(std::move(part));
        i = close + 1;
    }
    if (!literal.empty())
        t.m_parts.push_back({std::move(literal), std::nullopt, std::nullopt});
    return t;
}

QString LogTemplate::render(const json::Value &root, const json::Value *element) const
{
    std::string out;
    for (const Part &part : m_parts) {
        if (!part.path) {
            out += part.literal;
            continue;
        }
        const json::Value &base = part.path->isRelative() && element ? *element : root;
        const std::optional<json::Value> value = part.path->evaluate(base);
        if (!value || (part.path->isRelative() && !element)) {
            if (part.fallback)
                out += *part.fallback;
        } else if (value->isString()) {
            out += value->text;
        } else {
            json::write(*value, out);
        }
    }
    return QString::fromStdString(out);
}

} // namespace ef::consumers
