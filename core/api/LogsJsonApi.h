#pragma once

// CloudWatch Logs over AWS JSON 1.1 (X-Amz-Target: Logs_20140328.<Operation>):
// reading the functions' log groups. Times travel as epoch milliseconds.

#include "core/api/ApiMessage.h"

namespace ef {
class Engine;
}

namespace ef::api {

class LogsJsonApi
{
public:
    explicit LogsJsonApi(Engine &engine);

    // `operation` is the part after "Logs_20140328.".
    ApiResponse handle(const QByteArray &operation, const QByteArray &body);

private:
    Engine &m_engine;
};

} // namespace ef::api
