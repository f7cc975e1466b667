#pragma once

// EventBridge over AWS JSON 1.1 (X-Amz-Target: AWSEvents.<Operation>):
// request members in, engine call, response members out. Every rule about
// names, patterns, limits and sizes is the engine's; this only maps fields.

#include "core/api/ApiMessage.h"

namespace ef {
class Engine;
}

namespace ef::api {

class EventsJsonApi
{
public:
    explicit EventsJsonApi(Engine &engine);

    // `operation` is the part after "AWSEvents.".
    ApiResponse handle(const QByteArray &operation, const QByteArray &body);

private:
    Engine &m_engine;
};

} // namespace ef::api
