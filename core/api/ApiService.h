#pragma once

// The endpoint's request handling, independent of sockets: decides which
// protocol a request speaks and hands it to that protocol's mapping.
//   POST /  X-Amz-Target: AWSEvents.*                      EventBridge (JSON 1.1)
//   POST /  X-Amz-Target: Logs_20140328.*                  CloudWatch Logs (JSON 1.1)
//   POST /  X-Amz-Target: GraniteServiceVersion20100801.*  CloudWatch (JSON 1.0)
//   POST /  form body Action=...  (or GET /?Action=...)    CloudWatch (Query)
//   POST /events, POST /<stage>/events                     the scenario's producer
// Must be used on the engine's thread.

#include "core/api/ApiMessage.h"
#include "core/api/EventsJsonApi.h"
#include "core/api/LogsJsonApi.h"
#include "core/api/MetricsApi.h"

namespace ef {
class Engine;
}

namespace ef::api {

class ApiService
{
public:
    explicit ApiService(Engine &engine);

    ApiResponse handle(const ApiRequest &request);

    quint64 requestsHandled() const { return m_requests; }

private:
    ApiResponse route(const ApiRequest &request, const QByteArray &requestId);
    ApiResponse producer(const ApiRequest &request);

    Engine &m_engine;
    EventsJsonApi m_events;
    LogsJsonApi m_logs;
    MetricsApi m_metrics;
    quint64 m_requests = 0;
};

} // namespace ef::api
