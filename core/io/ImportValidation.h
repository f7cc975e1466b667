#pragma once

// The last step of an import: the file's buses, rules and targets tried on a
// scratch engine that holds the scenario they go into, in the order the API
// would receive them (CreateEventBus, PutRule, PutTargets). Whatever the
// engine refuses becomes a problem at the resource's file, line and path, in
// the engine's words, which are the API's and the window's.

#include "core/io/Import.h"

namespace ef::io {

void validateOnEngine(const Scenario &base, const ImportedResources &resources,
                      std::vector<ImportProblem> &problems);

} // namespace ef::io
