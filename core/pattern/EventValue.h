#pragma once

// One leaf of a flattened event: a value at a path, plus the array elements
// it sits in (for array-consistent matching).

#include "core/pattern/NumberText.h"

#include <cstdint>
#include <string_view>

namespace ef::pattern {

enum class ValueKind : std::uint8_t { String, Number, True, False, Null };

struct EventValue
{
    ValueKind kind = ValueKind::Null;
    std::string_view text;   // decoded string bytes, or a number's literal text
    NumberValue number;      // numbers only
    std::uint32_t membership = 0;  // 0: in no array of objects; else a MembershipNode index
};

} // namespace ef::pattern
