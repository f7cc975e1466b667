#pragma once

// A CloudFormation template (JSON values, intrinsic functions in long form)
// written as YAML with yaml-cpp: {"Ref": X} as !Ref X, {"Fn::GetAtt": [A, B]}
// as !GetAtt A.B, {"Fn::Sub": S} as !Sub S. Under EventPattern nothing is
// read as a function (a pattern may have a field named "Ref"), and arrays are
// written in flow style, as patterns are usually read. Every string that
// another YAML reader could take for a number, boolean or null is quoted.

#include "core/bus/JsonValue.h"

#include <string>

namespace ef::io {

std::string cloudFormationYaml(const json::Value &templateDocument);

} // namespace ef::io
