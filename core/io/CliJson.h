#pragma once

// `aws events <operation> --cli-input-json file://...` request documents.
// Each holds only members of the operation's request in the service model
// that Debian's awscli 2.9 ships (events 2015-10-07): CreateEventBus {Name,
// EventSourceName, Tags}, PutRule {Name, ScheduleExpression, EventPattern,
// State, Description, RoleArn, Tags, EventBusName}, PutTargets {Rule,
// EventBusName, Targets}. A bus Description is not in that model's
// CreateEventBus, so it is left out with a warning.

#include "core/bus/JsonValue.h"
#include "core/io/Export.h"
#include "core/io/ExportSelection.h"

namespace ef::io {

json::Value createEventBusDocument(const CreateEventBusRequest &bus, QStringList *warnings);
json::Value putRuleDocument(const PutRuleRequest &rule);
// A Target as PutTargets (and CloudFormation's AWS::Events::Rule) spells it.
json::Value targetDocument(const Target &target);
json::Value putTargetsDocument(const ScenarioRule &rule);

// NN-<operation>-<resource>.json: the buses, then per rule put-rule and
// (when it has targets) put-targets, numbered in the order to run them.
ExportResult exportCliJson(const ExportSelection &selection);

} // namespace ef::io
