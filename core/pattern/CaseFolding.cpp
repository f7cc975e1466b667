#include "core/pattern/CaseFolding.h"

#include <QString>

#include <algorithm>

namespace ef::pattern {

namespace {

char asciiLower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool asciiCaseEqual(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i]))
            return false;
    }
    return true;
}

} // namespace

void asciiLowerInto(std::string_view s, std::string &out)
{
    out.resize(s.size());
    for (std::size_t i = 0; i < s.size(); ++i)
        out[i] = asciiLower(s[i]);
}

CaseFoldedText::CaseFoldedText(std::string_view pattern)
{
    for (const char c : pattern) {
        if (static_cast<unsigned char>(c) >= 0x80)
            m_ascii = false;
    }
    if (m_ascii) {
        asciiLowerInto(pattern, m_asciiLower);
        return;
    }
    const QString q = QString::fromUtf8(pattern.data(), qsizetype(pattern.size()));
    for (qsizetype i = 0; i < q.size(); ++i) {
        QString unit(q[i]);
        if (q[i].isHighSurrogate() && i + 1 < q.size() && q[i + 1].isLowSurrogate()) {
            unit = q.mid(i, 2);
            ++i;
        }
        std::vector<std::string> alternatives{unit.toLower().toStdString(),
                                              unit.toUpper().toStdString()};
        if (alternatives[0] == alternatives[1])
            alternatives.pop_back();
        m_units.push_back(std::move(alternatives));
    }
}

void CaseFoldedText::forwardEnds(std::string_view s, std::vector<std::size_t> &ends) const
{
    ends.assign(1, 0);
    std::vector<std::size_t> next;
    for (const auto &alternatives : m_units) {
        next.clear();
        for (const std::size_t at : ends) {
            for (const std::string &alt : alternatives) {
                if (s.size() - at >= alt.size() && s.compare(at, alt.size(), alt) == 0)
                    next.push_back(at + alt.size());
            }
        }
        std::sort(next.begin(), next.end());
        next.erase(std::unique(next.begin(), next.end()), next.end());
        ends.swap(next);
        if (ends.empty())
            return;
    }
}

bool CaseFoldedText::equals(std::string_view s) const
{
    if (m_ascii)
        return asciiCaseEqual(s, m_asciiLower);
    std::vector<std::size_t> ends;
    forwardEnds(s, ends);
    return std::find(ends.begin(), ends.end(), s.size()) != ends.end();
}

bool CaseFoldedText::isPrefixOf(std::string_view s) const
{
    if (m_ascii)
        return s.size() >= m_asciiLower.size() &&
               asciiCaseEqual(s.substr(0, m_asciiLower.size()), m_asciiLower);
    std::vector<std::size_t> ends;
    forwardEnds(s, ends);
    return !ends.empty();
}

bool CaseFoldedText::isSuffixOf(std::string_view s) const
{
    if (m_ascii)
        return s.size() >= m_asciiLower.size() &&
               asciiCaseEqual(s.substr(s.size() - m_asciiLower.size()), m_asciiLower);
    // Backwards from the end: the set of possible start offsets.
    std::vector<std::size_t> starts{s.size()}, next;
    for (auto unit = m_units.rbegin(); unit != m_units.rend(); ++unit) {
        next.clear();
        for (const std::size_t at : starts) {
            for (const std::string &alt : *unit) {
                if (at >= alt.size() && s.compare(at - alt.size(), alt.size(), alt) == 0)
                    next.push_back(at - alt.size());
            }
        }
        std::sort(next.begin(), next.end());
        next.erase(std::unique(next.begin(), next.end()), next.end());
        starts.swap(next);
        if (starts.empty())
            return false;
    }
    return true;
}

} // namespace ef::pattern
