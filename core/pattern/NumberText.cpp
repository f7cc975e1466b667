#include "core/pattern/NumberText.h"

#include <charconv>
#include <cfloat>
#include <cmath>
#include <cstdint>
#include <string>
#include <system_error>

namespace ef::pattern {

namespace {

// A decimal literal reduced to sign, significant digits and the position of
// the decimal point relative to them, so equal values compare equal as text.
struct Decimal
{
    bool negative = false;
    std::string digits;        // no leading or trailing zeros; empty for zero
    long long pointPos = 0;    // value = 0.digits * 10^pointPos
};

Decimal canonical(std::string_view t)
{
    Decimal d;
    std::size_t i = 0;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) {
        d.negative = t[i] == '-';
        ++i;
    }
    long long intDigits = 0;
    bool seenPoint = false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '.') {
            seenPoint = true;
        } else if (c >= '0' && c <= '9') {
            d.digits.push_back(c);
            if (!seenPoint)
                ++intDigits;
        } else {
            break;  // exponent
        }
    }
    long long exponent = 0;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        bool negExp = false;
        if (i < t.size() && (t[i] == '+' || t[i] == '-')) {
            negExp = t[i] == '-';
            ++i;
        }
        for (; i < t.size(); ++i) {
            if (exponent < 1000000000LL)
                exponent = exponent * 10 + (t[i] - '0');
        }
        if (negExp)
            exponent = -exponent;
    }
    std::size_t lead = 0;
    while (lead < d.digits.size() && d.digits[lead] == '0')
        ++lead;
    d.digits.erase(0, lead);
    while (!d.digits.empty() && d.digits.back() == '0')
        d.digits.pop_back();
    d.pointPos = intDigits - static_cast<long long>(lead) + exponent;
    if (d.digits.empty()) {
        d.negative = false;
        d.pointPos = 0;
    }
    return d;
}

bool sameDecimal(const Decimal &a, const Decimal &b)
{
    return a.negative == b.negative && a.digits == b.digits && a.pointPos == b.pointPos;
}

// Up to 15 significant digits always survive decimal -> double -> decimal, so
// such a literal is its double's shortest form (outside the subnormal range).
bool fewSignificantDigits(std::string_view t)
{
    int significant = 0;
    bool started = false;
    for (const char c : t) {
        if (c == 'e' || c == 'E')
            break;
        if (c < '0' || c > '9')
            continue;
        if (c != '0')
            started = true;
        if (started)
            ++significant;
    }
    // Trailing zeros count here; that only sends a few literals down the exact path.
    return significant <= 15;
}

// Clinger's fast path: up to 15 significant digits times an exact power of
// ten is one correctly rounded operation. Covers nearly every real number.
bool fastDecimal(std::string_view t, double &out)
{
    static constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    std::size_t i = 0;
    const bool negative = !t.empty() && t[0] == '-';
    if (negative)
        ++i;
    std::uint64_t mantissa = 0;
    int digits = 0, exponent = 0;
    bool point = false;
    for (; i < t.size(); ++i) {
        const char c = t[i];
        if (c == '.') {
            point = true;
            continue;
        }
        if (c < '0' || c > '9')
            break;
        if (mantissa || c != '0') {
            if (++digits > 15)
                return false;
        }
        mantissa = mantissa * 10 + std::uint64_t(c - '0');
        if (point)
            --exponent;
    }
    if (i != t.size())
        return false;  // has an exponent part: leave it to the general path
    if (exponent < -22)
        return false;
    double d = double(mantissa);
    if (exponent < 0)
        d /= kPow10[-exponent];
    out = negative ? -d : d;
    return true;
}

} // namespace

NumberValue readNumberText(std::string_view text)
{
    NumberValue n;
    double fast = 0;
    if (fastDecimal(text, fast)) {
        // At most 15 significant digits and no exponent: a normal double or zero.
        n.value = fast == 0 ? 0.0 : fast;
        n.comparable = true;
        return n;
    }
    double d = 0;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
    if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(d))
        return n;  // out of range (1e309, 1e-400): only the literal text counts
    n.value = d == 0 ? 0.0 : d;
    if (d == 0 || (std::fabs(d) >= DBL_MIN && fewSignificantDigits(text))) {
        n.comparable = true;
        return n;
    }
    char buf[64];
    auto res = std::to_chars(buf, buf + sizeof buf, d);
    if (res.ec != std::errc())
        return n;
    Decimal shortest = canonical(std::string_view(buf, std::size_t(res.ptr - buf)));
    if (shortest.digits.size() < 2) {
        // Java prints at least two significant digits (d.dE±n) and picks the
        // closest such text: Double.MIN_VALUE is 4.9E-324, not 5E-324.
        res = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific, 1);
        if (res.ec != std::errc())
            return n;
        shortest = canonical(std::string_view(buf, std::size_t(res.ptr - buf)));
    }
    n.comparable = sameDecimal(canonical(text), shortest);
    return n;
}

} // namespace ef::pattern
