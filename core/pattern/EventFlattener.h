#pragma once

// Event JSON -> the (path, value) leaves the rules can use. One pass over the
// text: keys are followed down the PathTrie, subtrees no rule mentions are
// only validated, and nothing is allocated once the buffers have grown.
// Arrays add nothing to a path; an object or array inside an array records
// which element it is (array id, index), for array-consistent matching.

#include "core/pattern/EventValue.h"
#include "core/pattern/PathTrie.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ef::pattern {

struct MembershipNode
{
    std::uint32_t parent;  // enclosing membership (0: none)
    std::uint32_t array;   // per-event array id
    std::uint32_t index;   // element index within that array
};

struct FlatEvent
{
    std::vector<EventValue> values;
    std::vector<std::uint32_t> valuePath;   // parallel to values: the rule path id
    std::vector<MembershipNode> memberships; // [0] is the empty membership
    std::string decoded;                     // strings that had escapes
    std::string keyBuffer;
    bool anyMembership = false;
    std::uint32_t arrays = 0;

    void clear();
};

// Returns false with `error` ("Event is not valid. Reason: ...") when the text
// is not JSON or its top level is not an object. Text after the object is
// ignored, as the reference matcher does.
bool flattenEvent(std::string_view json, const PathTrie &paths, FlatEvent &out,
                  std::string *error);

} // namespace ef::pattern
