#pragma once

#include "core/io/Export.h"
#include "core/io/ExportSelection.h"

namespace ef::io {

// One `<rule>-pattern.json` per rule with an event pattern: the pattern alone,
// pretty-printed, for `aws events put-rule --event-pattern file://...`.
ExportResult exportPatternJson(const ExportSelection &selection);

} // namespace ef::io
