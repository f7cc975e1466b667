#pragma once

// Reading `--cli-input-json` documents back: create-event-bus, put-rule and
// put-targets requests, with the members of the service model awscli 2.9
// ships (others are problems; members EventFlow does not simulate, such as
// Tags or EcsParameters, are left out with a warning).

#include "core/io/ImportReader.h"

namespace ef::io {

// The operation a document is for: from its file name when it is
// NN-<operation>-<resource>.json, else from its members. Empty if neither.
QString cliJsonOperation(const QString &fileName, const SourceNode &document);

// True when `document` reads as a request document rather than a pattern.
bool looksLikeCliJson(const SourceNode &document);

void readCliJsonDocument(const SourceNode &document, const QString &operation,
                         ImportReader &reader, ImportedResources &into);

} // namespace ef::io
