#pragma once

// The matchers of one path, shared by every rule that tests that path: exact
// values, numbers, IP literals and ASCII equals-ignore-case are hash lookups;
// the other kinds are evaluated once per event value, however many rules use
// them. Each distinct predicate appears once (by Matcher::key). Numeric
// ranges and CIDR blocks are not here: RangeIndex answers those per region.

#include "core/pattern/MatcherKind.h"
#include "core/pattern/StringTable.h"

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <vector>

namespace ef::pattern {

class ValueIndex
{
public:
    static constexpr std::uint32_t kNone = 0xFFFFFFFFu;

    void add(std::uint32_t id, const Matcher &m);
    void remove(std::uint32_t id, const Matcher &m);

    // Calls onMatch(id) for each matcher satisfied by `v`. `matchers` maps ids
    // to predicates; `fold` is scratch space for ASCII lower-casing.
    template<typename Matchers, typename F>
    void forEachMatch(const EventValue &v, const Matchers &matchers, std::string &fold,
                      F &&onMatch) const;

private:
    // Prefixes (and wildcards, by their text before the first star) of one length.
    struct Bucket
    {
        std::uint32_t affix = kNone;            // the Prefix or Suffix matcher
        std::vector<std::uint32_t> wildcards;   // wildcards starting with this text
    };
    struct ByLength
    {
        std::size_t length = 0;
        StringTable<Bucket> table;
    };
    static Bucket &bucket(std::vector<ByLength> &groups, std::string_view key);
    static void dropFromBucket(std::vector<ByLength> &groups, std::string_view key,
                               std::uint32_t id);

    static std::uint64_t numberKey(double d)
    {
        std::uint64_t k;
        std::memcpy(&k, &d, sizeof k);
        return k;
    }
    // Family byte + 16 address bytes, viewed in a caller's buffer (no allocation).
    static std::string_view ipKey(const IpAddress &ip, char (&buf)[17])
    {
        buf[0] = char(ip.family);
        std::memcpy(buf + 1, ip.bytes.data(), 16);
        return std::string_view(buf, 17);
    }

    StringTable<std::uint32_t> m_exact;
    std::unordered_map<std::uint64_t, std::uint32_t> m_numbers;
    StringTable<std::uint32_t> m_numberTexts;
    StringTable<std::uint32_t> m_ips;
    StringTable<std::uint32_t> m_foldAscii;
    std::vector<ByLength> m_prefixes;  // Prefix matchers and anchored wildcards
    std::vector<ByLength> m_suffixes;  // Suffix matchers
    std::uint32_t m_true = kNone, m_false = kNone, m_null = kNone, m_exists = kNone;
    std::vector<std::uint32_t> m_strings;  // string-only kinds evaluated one by one
    std::vector<std::uint32_t> m_any;      // anything-but kinds (any value type)
};

template<typename Matchers, typename F>
void ValueIndex::forEachMatch(const EventValue &v, const Matchers &matchers, std::string &fold,
                              F &&onMatch) const
{
    if (m_exists != kNone)
        onMatch(m_exists);
    switch (v.kind) {
    case ValueKind::String: {
        const std::string_view text = v.text;
        if (const std::uint32_t *id = m_exact.find(text))
            onMatch(*id);
        for (const ByLength &g : m_prefixes) {
            if (g.length > text.size())
                continue;
            if (const Bucket *b = g.table.find(text.substr(0, g.length))) {
                if (b->affix != kNone)
                    onMatch(b->affix);
                for (const std::uint32_t id : b->wildcards) {
                    if (matchers[id].wildcards[0].matches(text))
                        onMatch(id);
                }
            }
        }
        for (const ByLength &g : m_suffixes) {
            if (g.length > text.size())
                continue;
            if (const Bucket *b = g.table.find(text.substr(text.size() - g.length)))
                onMatch(b->affix);
        }
        if (!m_ips.empty()) {
            IpAddress ip;
            if (parseIpLiteral(text, ip)) {
                char key[17];
                if (const std::uint32_t *id = m_ips.find(ipKey(ip, key)))
                    onMatch(*id);
            }
        }
        if (!m_foldAscii.empty()) {
            asciiLowerInto(text, fold);
            if (const std::uint32_t *id = m_foldAscii.find(fold))
                onMatch(*id);
        }
        for (const std::uint32_t id : m_strings) {
            if (accepts(matchers[id], v))
                onMatch(id);
        }
        break;
    }
    case ValueKind::Number:
        if (v.number.comparable) {
            if (!m_numbers.empty()) {
                const auto it = m_numbers.find(numberKey(v.number.value));
                if (it != m_numbers.end())
                    onMatch(it->second);
            }
        } else if (const std::uint32_t *id = m_numberTexts.find(v.text)) {
            onMatch(*id);
        }
        break;
    case ValueKind::True:
        if (m_true != kNone)
            onMatch(m_true);
        break;
    case ValueKind::False:
        if (m_false != kNone)
            onMatch(m_false);
        break;
    case ValueKind::Null:
        if (m_null != kNone)
            onMatch(m_null);
        break;
    }
    for (const std::uint32_t id : m_any) {
        if (accepts(matchers[id], v))
            onMatch(id);
    }
}

} // namespace ef::pattern
