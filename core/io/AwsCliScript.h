#pragma once

// A bash script that recreates the selection's buses, rules and targets with
// `aws events ...` (deploy.sh), and one that removes them again (cleanup.sh).
// PREFIX, ACCOUNT and REGION are variables (environment overrides), so names
// read "${PREFIX}-order-processing-rule" and ARNs "arn:aws:lambda:${REGION}:
// ${ACCOUNT}:function:${PREFIX}-order-processor". ENDPOINT_URL, when set, adds
// --endpoint-url (awscli 2.9 has no AWS_ENDPOINT_URL). Both scripts may run
// again: an existing bus is kept, put-rule and put-targets replace, and the
// clean-up skips what is already gone.

#include "core/io/Export.h"
#include "core/io/ExportSelection.h"

namespace ef::io {

ExportResult exportAwsCliScript(const ExportSelection &selection);

} // namespace ef::io
