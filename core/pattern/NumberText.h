#pragma once

// The number normaliser. A JSON number is "comparable" when its decimal value
// equals the shortest round-trip text of the nearest double: then it compares
// numerically (5 = 5.0 = 5e0, 0 = -0). Any other number (9007199254740993,
// 1e309, 5e-324) keeps only its literal text.

#include <string_view>

namespace ef::pattern {

struct NumberValue
{
    double value = 0;        // nearest double (-0 folded to +0)
    bool comparable = false;
};

// `text` must be a valid JSON number literal.
NumberValue readNumberText(std::string_view text);

} // namespace ef::pattern
