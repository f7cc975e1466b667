#pragma once

// A CloudFormation template of the selection: AWS::Events::EventBus per
// custom bus, AWS::Events::Rule per rule (EventPattern as an object, State,
// Targets, EventBusName as !Ref of the bus resource), and an
// AWS::Lambda::Permission per Lambda target so EventBridge may invoke it.
// EventFlow does not invent function code: every Lambda function and SQS
// queue a target or dead-letter config names becomes a Parameter holding its
// ARN (default: the scenario's), and names carry the username prefix as the
// UsernamePrefix parameter ("!Sub ${UsernamePrefix}-order-processing-rule").
//
// The template is built once as JSON values, intrinsic functions in their
// long form ({"Ref": ..}, {"Fn::GetAtt": [..]}, {"Fn::Sub": ..}); the YAML
// writer turns those into the short tags !Ref, !GetAtt and !Sub.

#include "core/bus/JsonValue.h"
#include "core/io/Export.h"
#include "core/io/ExportSelection.h"

namespace ef::io {

json::Value cloudFormationTemplate(const ExportSelection &selection, QStringList *warnings);

ExportResult exportCloudFormationJson(const ExportSelection &selection);
ExportResult exportCloudFormationYaml(const ExportSelection &selection);

} // namespace ef::io
