#pragma once

// CloudWatch metrics (GetMetricStatistics, ListMetrics) over both wire
// protocols the SDKs speak: the AWS Query protocol (form-encoded
// Action=...&Version=2010-08-01, XML answers; Debian's awscli 2.9 and boto3
// 1.26) and AWS JSON 1.0 (X-Amz-Target: GraniteServiceVersion20100801.*;
// newer SDKs). Both decode into one call description and share one
// implementation; only the encodings differ.

#include "core/api/ApiMessage.h"

namespace ef {
class Engine;
}

namespace ef::api {

class MetricsApi
{
public:
    explicit MetricsApi(Engine &engine);

    // Query protocol: `form` is the form-encoded body (or GET query string).
    ApiResponse handleQuery(const QByteArray &form, const QByteArray &requestId);
    // JSON 1.0: `operation` is the part after "GraniteServiceVersion20100801.".
    ApiResponse handleJson(const QByteArray &operation, const QByteArray &body);

private:
    Engine &m_engine;
};

} // namespace ef::api
