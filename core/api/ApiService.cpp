#include "core/api/ApiService.h"

#include "core/api/AwsJson.h"
#include "core/bus/Engine.h"

namespace ef::api {

namespace {

ApiResponse unknownOperation(int status, const QString &message, const QByteArray &contentType)
{
    ApiResponse r = jsonError({QStringLiteral("UnknownOperationException"), message}, contentType);
    r.status = status;
    return r;
}

// "/events" or "/<stage>/events" (API Gateway puts the stage first).
bool isProducerPath(const QByteArray &path)
{
    if (path == "/events")
        return true;
    const QList<QByteArray> parts = path.split('/');
    return parts.size() == 3 && parts[0].isEmpty() && !parts[1].isEmpty()
           && parts[2] == "events";
}

} // namespace

ApiService::ApiService(Engine &engine)
    : m_engine(engine), m_events(engine), m_logs(engine), m_metrics(engine)
{
}

ApiResponse ApiService::handle(const ApiRequest &request)
{
    ++m_requests;
    const QByteArray requestId = newRequestId();
    ApiResponse response = route(request, requestId);
    response.requestId = requestId;
    return response;
}

ApiResponse ApiService::route(const ApiRequest &request, const QByteArray &requestId)
{
    const bool post = request.method == "POST";
    if (isProducerPath(request.path)) {
        if (!post) {
            return ApiResponse::make(405, "application/json",
                                     R"({"message":"Use POST to publish an event"})");
        }
        return producer(request);
    }
    const QByteArray target = request.header("x-amz-target");
    if (!target.isEmpty()) {
        const qsizetype dot = target.indexOf('.');
        const QByteArray service = dot < 0 ? target : target.left(dot);
        const QByteArray operation = dot < 0 ? QByteArray() : target.mid(dot + 1);
        const QByteArray contentType = service == "GraniteServiceVersion20100801" ? kAmzJson10
                                                                                  : kAmzJson11;
        if (!post || request.path != "/") {
            return unknownOperation(
                404,
                QStringLiteral("AWS JSON requests are POST /, not %1 %2")
                    .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)),
                contentType);
        }
        if (service == "AWSEvents")
            return m_events.handle(operation, request.body);
        if (service == "Logs_20140328")
            return m_logs.handle(operation, request.body);
        if (service == "GraniteServiceVersion20100801")
            return m_metrics.handleJson(operation, request.body);
        return unknownOperation(400,
                                QStringLiteral("Unknown X-Amz-Target %1; EventFlow serves "
                                               "AWSEvents.*, Logs_20140328.* and "
                                               "GraniteServiceVersion20100801.*")
                                    .arg(QString::fromUtf8(target)),
                                contentType);
    }
    if (request.path == "/") {
        // The Query protocol: a form body on POST, the query string on GET.
        const QByteArray form = post ? request.body : request.query;
        if (form.startsWith("Action=") || form.contains("&Action="))
            return m_metrics.handleQuery(form, requestId);
    }
    return unknownOperation(
        404,
        QStringLiteral("No operation at %1 %2: send AWS requests (X-Amz-Target or Action=) to "
                       "POST /, or producer requests to POST /events or /<stage>/events")
            .arg(QString::fromLatin1(request.method), QString::fromUtf8(request.path)),
        "application/json");
}

ApiResponse ApiService::producer(const ApiRequest &request)
{
    if (m_engine.producers().empty()) {
        return ApiResponse::make(404, "application/json",
                                 R"({"message":"This scenario has no producer"})");
    }
    const ProducerResponse r = m_engine.invokeProducer(QString(), request.body);
    return ApiResponse::make(r.statusCode, "application/json", r.body);
}

} // namespace ef::api
