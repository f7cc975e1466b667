#pragma once

// Reading a CloudFormation template (YAML or JSON, already parsed into the
// import tree, short-form tags in long form): its AWS::Events::EventBus and
// AWS::Events::Rule resources become buses and rules; every other resource
// is listed as skipped. Where a string is expected, Ref (parameters by their
// Default, event buses by name, pseudo parameters from the scenario's
// settings), Fn::GetAtt (Arn/Name of the template's buses and rules), Fn::Sub
// and Fn::Join are evaluated; any other function is a problem.

#include "core/io/ImportReader.h"

namespace ef::io {

bool looksLikeCloudFormation(const SourceNode &document);

void readCloudFormation(const SourceNode &document, const ScenarioSettings &settings,
                        ImportReader &reader, ImportedResources &into, QStringList &skipped);

} // namespace ef::io
