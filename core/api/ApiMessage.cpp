#include "core/api/ApiMessage.h"

#include <QUuid>

namespace ef::api {

QByteArray ApiRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 413: return "Payload Too Large";
    case 415: return "Unsupported Media Type";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

QByteArray newRequestId()
{
    return QUuid::createUuid().toByteArray(QUuid::WithoutBraces);
}

QByteArray serializeResponse(const ApiResponse &response, bool closeConnection)
{
    QByteArray out;
    out.reserve(response.body.size() + 256);
    out += "HTTP/1.1 ";
    out += QByteArray::number(response.status);
    out += ' ';
    out += reasonPhrase(response.status);
    out += "\r\nContent-Type: ";
    out += response.contentType.isEmpty() ? QByteArray("application/json") : response.contentType;
    out += "\r\nContent-Length: ";
    out += QByteArray::number(response.body.size());
    out += "\r\nx-amzn-RequestId: ";
    out += response.requestId.isEmpty() ? newRequestId() : response.requestId;
    for (const auto &[key, value] : response.headers) {
        out += "\r\n";
        out += key;
        out += ": ";
        out += value;
    }
    if (closeConnection)
        out += "\r\nConnection: close";
    out += "\r\n\r\n";
    out += response.body;
    return out;
}

} // namespace ef::api
