#pragma once

// YAML (a CloudFormation template) read with yaml-cpp into the import tree,
// every value with its line. Plain scalars resolve as in YAML 1.2's core
// schema (null, true/false, numbers, else strings; quoted scalars are always
// strings). CloudFormation's short-form tags become the long form a JSON
// template would hold: !Ref X -> {"Ref": X}, !GetAtt A.B -> {"Fn::GetAtt":
// [A, B]}, !Sub S -> {"Fn::Sub": S}, !Condition C -> {"Condition": C} and any
// other !Name -> {"Fn::Name": ...}; what to make of them is the template
// reader's business. Aliases are followed, within a budget of values, so a
// "billion laughs" document is refused rather than expanded.

#include "core/io/ImportDocument.h"

#include <string_view>

namespace ef::io {

constexpr std::size_t kMaxYamlValues = 200000;

bool parseYamlDocument(std::string_view text, SourceNode &out, ImportProblem &problem);

} // namespace ef::io
