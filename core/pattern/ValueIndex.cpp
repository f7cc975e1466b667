#include "core/pattern/ValueIndex.h"

#include <algorithm>

namespace ef::pattern {

namespace {

void eraseId(std::vector<std::uint32_t> &ids, std::uint32_t id)
{
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

} // namespace

void ValueIndex::add(std::uint32_t id, const Matcher &m)
{
    switch (m.kind) {
    case MatchKind::ExactString: m_exact.emplace(m.text, id); break;
    case MatchKind::ExactNumber:
        if (m.number.comparable)
            m_numbers.emplace(numberKey(m.number.value), id);
        else
            m_numberTexts.emplace(m.text, id);
        break;
    case MatchKind::ExactTrue: m_true = id; break;
    case MatchKind::ExactFalse: m_false = id; break;
    case MatchKind::ExactNull: m_null = id; break;
    case MatchKind::IpAddress: {
        char key[17];
        m_ips.emplace(std::string(ipKey(m.ip, key)), id);
        break;
    }
    case MatchKind::EqualsIgnoreCase:
        if (m.folds[0].isAscii())
            m_foldAscii.emplace(m.folds[0].asciiLower(), id);
        else
            m_strings.push_back(id);
        break;
    case MatchKind::Exists: m_exists = id; break;
    case MatchKind::Absent: break;  // decided per path, not per value
    case MatchKind::Cidr: m_cidrs.push_back(id); break;
    case MatchKind::Numeric: m_numeric.push_back(id); break;
    case MatchKind::Prefix:
    case MatchKind::Suffix:
    case MatchKind::PrefixIgnoreCase:
    case MatchKind::SuffixIgnoreCase:
    case MatchKind::Wildcard: m_strings.push_back(id); break;
    case MatchKind::AnythingButStrings:
    case MatchKind::AnythingButNumbers:
    case MatchKind::AnythingButPrefix:
    case MatchKind::AnythingButSuffix:
    case MatchKind::AnythingButIgnoreCase:
    case MatchKind::AnythingButWildcard: m_any.push_back(id); break;
    }
}

void ValueIndex::remove(std::uint32_t id, const Matcher &m)
{
    switch (m.kind) {
    case MatchKind::ExactString: m_exact.erase(m.text); break;
    case MatchKind::ExactNumber:
        if (m.number.comparable)
            m_numbers.erase(numberKey(m.number.value));
        else
            m_numberTexts.erase(m.text);
        break;
    case MatchKind::ExactTrue: m_true = kNone; break;
    case MatchKind::ExactFalse: m_false = kNone; break;
    case MatchKind::ExactNull: m_null = kNone; break;
    case MatchKind::IpAddress: {
        char key[17];
        m_ips.erase(std::string(ipKey(m.ip, key)));
        break;
    }
    case MatchKind::EqualsIgnoreCase:
        if (m.folds[0].isAscii())
            m_foldAscii.erase(m.folds[0].asciiLower());
        else
            eraseId(m_strings, id);
        break;
    case MatchKind::Exists: m_exists = kNone; break;
    case MatchKind::Absent: break;
    case MatchKind::Cidr: eraseId(m_cidrs, id); break;
    case MatchKind::Numeric: eraseId(m_numeric, id); break;
    case MatchKind::Prefix:
    case MatchKind::Suffix:
    case MatchKind::PrefixIgnoreCase:
    case MatchKind::SuffixIgnoreCase:
    case MatchKind::Wildcard: eraseId(m_strings, id); break;
    case MatchKind::AnythingButStrings:
    case MatchKind::AnythingButNumbers:
    case MatchKind::AnythingButPrefix:
    case MatchKind::AnythingButSuffix:
    case MatchKind::AnythingButIgnoreCase:
    case MatchKind::AnythingButWildcard: eraseId(m_any, id); break;
    }
}

bool ValueIndex::empty() const
{
    return m_exact.empty() && m_numbers.empty() && m_numberTexts.empty() && m_ips.empty() &&
           m_foldAscii.empty() && m_true == kNone && m_false == kNone && m_null == kNone &&
           m_exists == kNone && m_cidrs.empty() && m_numeric.empty() && m_strings.empty() &&
           m_any.empty();
}

} // namespace ef::pattern
