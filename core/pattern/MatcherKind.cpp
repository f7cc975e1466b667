#include "core/pattern/MatcherKind.h"

#include <algorithm>
#include <cstring>

namespace ef::pattern {

namespace {

bool startsWith(std::string_view s, std::string_view p)
{
    return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool endsWith(std::string_view s, std::string_view p)
{
    return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}

bool inRange(const Matcher &m, double x)
{
    if (m.hasLow && (m.lowOpen ? !(x > m.low) : !(x >= m.low)))
        return false;
    if (m.hasHigh && (m.highOpen ? !(x < m.high) : !(x <= m.high)))
        return false;
    return true;
}

void appendDouble(std::string &out, double d)
{
    char bytes[sizeof d];
    std::memcpy(bytes, &d, sizeof d);
    out.append(bytes, sizeof d);
}

} // namespace

bool accepts(const Matcher &m, const EventValue &v)
{
    const bool isString = v.kind == ValueKind::String;
    switch (m.kind) {
    case MatchKind::ExactString: return isString && v.text == m.text;
    case MatchKind::ExactNumber:
        return v.kind == ValueKind::Number &&
               ((m.number.comparable && v.number.comparable && m.number.value == v.number.value) ||
                v.text == m.text);
    case MatchKind::ExactTrue: return v.kind == ValueKind::True;
    case MatchKind::ExactFalse: return v.kind == ValueKind::False;
    case MatchKind::ExactNull: return v.kind == ValueKind::Null;
    case MatchKind::IpAddress: {
        IpAddress ip;
        return isString && parseIpLiteral(v.text, ip) && ip == m.ip;
    }
    case MatchKind::Prefix: return isString && startsWith(v.text, m.text);
    case MatchKind::Suffix: return isString && endsWith(v.text, m.text);
    case MatchKind::EqualsIgnoreCase: return isString && m.folds[0].equals(v.text);
    case MatchKind::PrefixIgnoreCase: return isString && m.folds[0].isPrefixOf(v.text);
    case MatchKind::SuffixIgnoreCase: return isString && m.folds[0].isSuffixOf(v.text);
    case MatchKind::Wildcard: return isString && m.wildcards[0].matches(v.text);
    case MatchKind::Numeric:
        return v.kind == ValueKind::Number && v.number.comparable && inRange(m, v.number.value);
    case MatchKind::Cidr: {
        IpAddress ip;
        return isString && parseIpLiteral(v.text, ip) && m.range.contains(ip);
    }
    case MatchKind::Exists: return true;
    case MatchKind::Absent: return false;
    case MatchKind::AnythingButStrings:
        return !isString || !std::binary_search(m.texts.begin(), m.texts.end(), v.text);
    case MatchKind::AnythingButNumbers:
        return v.kind != ValueKind::Number || !v.number.comparable ||
               !std::binary_search(m.numbers.begin(), m.numbers.end(), v.number.value);
    case MatchKind::AnythingButPrefix:
        return !isString || std::none_of(m.texts.begin(), m.texts.end(), [&](const auto &p) {
                   return startsWith(v.text, p);
               });
    case MatchKind::AnythingButSuffix:
        return !isString || std::none_of(m.texts.begin(), m.texts.end(), [&](const auto &p) {
                   return endsWith(v.text, p);
               });
    case MatchKind::AnythingButIgnoreCase:
        return !isString || std::none_of(m.folds.begin(), m.folds.end(), [&](const auto &f) {
                   return f.equals(v.text);
               });
    case MatchKind::AnythingButWildcard:
        return !isString || std::none_of(m.wildcards.begin(), m.wildcards.end(),
                                         [&](const auto &w) { return w.matches(v.text); });
    }
    return false;
}

void computeKey(Matcher &m)
{
    std::string &k = m.key;
    k.clear();
    k.push_back(char('A' + int(m.kind)));
    switch (m.kind) {
    case MatchKind::ExactNumber:
        if (m.number.comparable) {
            k.push_back('v');
            appendDouble(k, m.number.value);
        } else {
            k.push_back('t');
            k += m.text;
        }
        break;
    case MatchKind::Numeric:
        k.push_back(char('0' + m.hasLow + 2 * m.hasHigh + 4 * m.lowOpen + 8 * m.highOpen));
        appendDouble(k, m.hasLow ? m.low : 0.0);
        appendDouble(k, m.hasHigh ? m.high : 0.0);
        break;
    case MatchKind::IpAddress:
        k.push_back(char(m.ip.family));
        k.append(reinterpret_cast<const char *>(m.ip.bytes.data()), m.ip.bytes.size());
        break;
    case MatchKind::Cidr:
        k.push_back(char(m.range.family));
        k.append(reinterpret_cast<const char *>(m.range.low.data()), m.range.low.size());
        k.append(reinterpret_cast<const char *>(m.range.high.data()), m.range.high.size());
        break;
    case MatchKind::AnythingButNumbers:
        for (const double d : m.numbers)
            appendDouble(k, d);
        break;
    case MatchKind::AnythingButStrings:
    case MatchKind::AnythingButPrefix:
    case MatchKind::AnythingButSuffix:
    case MatchKind::AnythingButIgnoreCase:
    case MatchKind::AnythingButWildcard:
        for (const std::string &t : m.texts) {
            k += std::to_string(t.size());
            k.push_back(':');
            k += t;
        }
        break;
    default:
        k += m.text;
        break;
    }
}

} // namespace ef::pattern
