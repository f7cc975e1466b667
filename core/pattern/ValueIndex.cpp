#include "core/pattern/ValueIndex.h"

#include <algorithm>

namespace ef::pattern {

namespace {

void eraseId(std::vector<std::uint32_t> &ids, std::uint32_t id)
{
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

// The literal text before a wildcard's first star, if the wildcard has one
// anchored at the start (else empty: it is checked on every value).
const std::string &anchor(const Matcher &m)
{
    return m.wildcards[0].pieces.front();
}

} // namespace

ValueIndex::Bucket &ValueIndex::bucket(std::vector<ByLength> &groups, std::string_view key)
{
    auto it = std::find_if(groups.begin(), groups.end(),
                           [&](const ByLength &g) { return g.length == key.size(); });
    if (it == groups.end()) {
        groups.push_back(ByLength{key.size(), {}});
        it = groups.end() - 1;
    }
    return it->table.insert(key, Bucket());
}

void ValueIndex::dropFromBucket(std::vector<ByLength> &groups, std::string_view key,
                                std::uint32_t id)
{
    const auto it = std::find_if(groups.begin(), groups.end(),
                                 [&](const ByLength &g) { return g.length == key.size(); });
    if (it == groups.end())
        return;
    Bucket *b = it->table.find(key);
    if (!b)
        return;
    if (b->affix == id)
        b->affix = kNone;
    eraseId(b->wildcards, id);
    if (b->affix == kNone && b->wildcards.empty()) {
        it->table.erase(key);
        if (it->table.empty())
            groups.erase(it);
    }
}

void ValueIndex::add(std::uint32_t id, const Matcher &m)
{
    switch (m.kind) {
    case MatchKind::ExactString: m_exact.insert(m.text, id); break;
    case MatchKind::ExactNumber:
        if (m.number.comparable)
            m_numbers.emplace(numberKey(m.number.value), id);
        else
            m_numberTexts.insert(m.text, id);
        break;
    case MatchKind::ExactTrue: m_true = id; break;
    case MatchKind::ExactFalse: m_false = id; break;
    case MatchKind::ExactNull: m_null = id; break;
    case MatchKind::IpAddress: {
        char key[17];
        m_ips.insert(ipKey(m.ip, key), id);
        break;
    }
    case MatchKind::EqualsIgnoreCase:
        if (m.folds[0].isAscii())
            m_foldAscii.insert(m.folds[0].asciiLower(), id);
        else
            m_strings.push_back(id);
        break;
    case MatchKind::Prefix: bucket(m_prefixes, m.text).affix = id; break;
    case MatchKind::Suffix: bucket(m_suffixes, m.text).affix = id; break;
    case MatchKind::Wildcard:
        if (m.wildcards[0].pieces.size() > 1 && !anchor(m).empty())
            bucket(m_prefixes, anchor(m)).wildcards.push_back(id);
        else
            m_strings.push_back(id);
        break;
    case MatchKind::Exists: m_exists = id; break;
    case MatchKind::Absent: break;  // decided per path, not per value
    case MatchKind::Cidr:
    case MatchKind::Numeric: break;  // RangeIndex
    case MatchKind::PrefixIgnoreCase:
    case MatchKind::SuffixIgnoreCase: m_strings.push_back(id); break;
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
        m_ips.erase(ipKey(m.ip, key));
        break;
    }
    case MatchKind::EqualsIgnoreCase:
        if (m.folds[0].isAscii())
            m_foldAscii.erase(m.folds[0].asciiLower());
        else
            eraseId(m_strings, id);
        break;
    case MatchKind::Prefix: dropFromBucket(m_prefixes, m.text, id); break;
    case MatchKind::Suffix: dropFromBucket(m_suffixes, m.text, id); break;
    case MatchKind::Wildcard:
        if (m.wildcards[0].pieces.size() > 1 && !anchor(m).empty())
            dropFromBucket(m_prefixes, anchor(m), id);
        else
            eraseId(m_strings, id);
        break;
    case MatchKind::Exists: m_exists = kNone; break;
    case MatchKind::Absent: break;
    case MatchKind::Cidr:
    case MatchKind::Numeric: break;
    case MatchKind::PrefixIgnoreCase:
    case MatchKind::SuffixIgnoreCase: eraseId(m_strings, id); break;
    case MatchKind::AnythingButStrings:
    case MatchKind::AnythingButNumbers:
    case MatchKind::AnythingButPrefix:
    case MatchKind::AnythingButSuffix:
    case MatchKind::AnythingButIgnoreCase:
    case MatchKind::AnythingButWildcard: eraseId(m_any, id); break;
    }
}

} // namespace ef::pattern
