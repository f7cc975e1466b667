#pragma once

// The matchers of one path, shared by every rule that tests that path: exact
// values, numbers, IP literals and ASCII equals-ignore-case are hash lookups;
// the other kinds are evaluated once per event value, however many rules use
// them. Each distinct predicate appears once (by Matcher::key).

#include "core/pattern/MatcherKind.h"
#include "core/pattern/PathTrie.h"

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

    bool empty() const;

private:
    using StringMap = std::unordered_map<std::string, std::uint32_t, StringViewHash,
                                         std::equal_to<>>;
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

    StringMap m_exact;
    std::unordered_map<std::uint64_t, std::uint32_t> m_numbers;
    StringMap m_numberTexts;
    StringMap m_ips;
    StringMap m_foldAscii;
    std::uint32_t m_true = kNone, m_false = kNone, m_null = kNone, m_exists = kNone;
    std::vector<std::uint32_t> m_cidrs;
    std::vector<std::uint32_t> m_numeric;
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
        if (!m_exact.empty()) {
            const auto it = m_exact.find(v.text);
            if (it != m_exact.end())
                onMatch(it->second);
        }
        if (!m_ips.empty() || !m_cidrs.empty()) {
            IpAddress ip;
            if (parseIpLiteral(v.text, ip)) {
                if (!m_ips.empty()) {
                    char key[17];
                    const auto it = m_ips.find(ipKey(ip, key));
                    if (it != m_ips.end())
                        onMatch(it->second);
                }
                for (const std::uint32_t id : m_cidrs) {
                    if (matchers[id].range.contains(ip))
                        onMatch(id);
                }
            }
        }
        if (!m_foldAscii.empty()) {
            asciiLowerInto(v.text, fold);
            const auto it = m_foldAscii.find(fold);
            if (it != m_foldAscii.end())
                onMatch(it->second);
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
            for (const std::uint32_t id : m_numeric) {
                if (accepts(matchers[id], v))
                    onMatch(id);
            }
        } else if (!m_numberTexts.empty()) {
            const auto it = m_numberTexts.find(v.text);
            if (it != m_numberTexts.end())
                onMatch(it->second);
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
