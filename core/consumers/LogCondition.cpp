#include "core/consumers/LogCondition.h"

#include <charconv>

namespace ef::consumers {

namespace {

bool isOpChar(QChar c)
{
    return c == u'=' || c == u'!' || c == u'<' || c == u'>' || c == u'~';
}

// Numbers are compared as doubles; from_chars does not depend on the locale.
std::optional<double> number(const json::Value &v)
{
    if (!v.isNumber())
        return std::nullopt;
    double d = 0;
    const char *begin = v.text.data();
    const char *end = begin + v.text.size();
    const auto [at, ec] = std::from_chars(begin, end, d);
    if (ec != std::errc() || at != end)
        return std::nullopt;
    return d;
}

bool sameValue(const json::Value &a, const json::Value &b)
{
    if (a.isNumber() && b.isNumber()) {
        const auto x = number(a);
        const auto y = number(b);
        return x && y ? *x == *y : a.text == b.text;
    }
    return json::toText(a) == json::toText(b);
}

} // namespace

std::optional<LogCondition> LogCondition::parse(const QString &text, bool allowElement,
                                                QString *error)
{
    auto failed = [&](const QString &message) -> std::optional<LogCondition> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    LogCondition c;
    c.m_text = text;
    const QString trimmed = text.trimmed();
    qsizetype i = 0;
    while (i < trimmed.size() && !trimmed[i].isSpace() && !isOpChar(trimmed[i]))
        ++i;
    const QString pathText = trimmed.left(i);
    if (pathText.isEmpty())
        return failed(QStringLiteral("a condition starts with a path, e.g. "
                                     "\"$.detail.newQuantity < 10\""));
    std::string reason;
    c.m_path = json::JsonPath::parse(pathText.toStdString(), &reason, allowElement);
    if (!c.m_path) {
        return failed(QStringLiteral("path \"") + pathText + QStringLiteral("\": ")
                      + QString::fromStdString(reason));
    }
    while (i < trimmed.size() && trimmed[i].isSpace())
        ++i;
    const qsizetype opStart = i;
    if (i < trimmed.size() && trimmed[i] == u'!' && trimmed.mid(i + 1, 1) != u"=")
        ++i;  // "!exists"
    if (i < trimmed.size() && trimmed[i].isLetter()) {
        while (i < trimmed.size() && !trimmed[i].isSpace())
            ++i;
    } else if (i == opStart) {
        while (i < trimmed.size() && isOpChar(trimmed[i]))
            ++i;
    }
    const QString op = trimmed.mid(opStart, i - opStart);
    const QString rest = trimmed.mid(i).trimmed();
    if (op == u"exists" || op == u"!exists") {
        if (!rest.isEmpty())
            return failed(QStringLiteral("nothing may follow \"") + op + u'"');
        c.m_op = op == u"exists" ? Op::Exists : Op::Missing;
        return c;
    }
    if (op.isEmpty())
        return failed(QStringLiteral("an operator is missing after \"") + pathText
                      + QStringLiteral("\" (== != < <= > >= exists !exists)"));
    if (op == u"==")
        c.m_op = Op::Equal;
    else if (op == u"!=")
        c.m_op = Op::NotEqual;
    else if (op == u"<")
        c.m_op = Op::Less;
    else if (op == u"<=")
        c.m_op = Op::LessOrEqual;
    else if (op == u">")
        c.m_op = Op::Greater;
    else if (op == u">=")
        c.m_op = Op::GreaterOrEqual;
    else
        return failed(QStringLiteral("unknown operator \"") + op + u'"');
    if (rest.isEmpty())
        return failed(QStringLiteral("a value is missing after \"") + op + u'"');
    if (!json::parse(rest.toStdString(), c.m_literal) || c.m_literal.isContainer()) {
        return failed(QStringLiteral("the value \"") + rest
                      + QStringLiteral("\" is not a JSON string (in double quotes), number, "
                                       "true, false or null"));
    }
    return c;
}

bool LogCondition::holds(const json::Value &root, const json::Value *element) const
{
    if (m_path->isRelative() && !element)
        return m_op == Op::NotEqual || m_op == Op::Missing;
    const std::optional<json::Value> value =
        m_path->evaluate(m_path->isRelative() ? *element : root);
    switch (m_op) {
    case Op::Exists: return value.has_value();
    case Op::Missing: return !value.has_value();
    case Op::Equal: return value && sameValue(*value, m_literal);
    case Op::NotEqual: return !value || !sameValue(*value, m_literal);
    default: break;
    }
    if (!value)
        return false;
    int order = 0;
    if (value->isNumber() && m_literal.isNumber()) {
        const auto x = number(*value);
        const auto y = number(m_literal);
        if (!x || !y)
            return false;
        order = *x < *y ? -1 : (*x > *y ? 1 : 0);
    } else if (value->isString() && m_literal.isString()) {
        order = value->text.compare(m_literal.text);
    } else {
        return false;
    }
    switch (m_op) {
    case Op::Less: return order < 0;
    case Op::LessOrEqual: return order <= 0;
    case Op::Greater: return order > 0;
    case Op::GreaterOrEqual: return order >= 0;
    default: return false;
    }
}

} // namespace ef::consumers
