#pragma once

// One HTTP exchange as the endpoint's service layer sees it: independent of
// the socket library, so the same handling runs under Qt HttpServer, in
// tests and in the fuzz target.

#include <QByteArray>
#include <QList>
#include <QPair>

namespace ef::api {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

struct ApiRequest
{
    QByteArray method;  // "POST", "GET"...
    QByteArray path;    // percent-decoded, without the query: "/", "/prod/events"
    QByteArray query;   // raw query string, without '?'
    HeaderList headers; // names as received
    QByteArray body;

    // The value of header `name` (case-insensitive); empty when absent.
    QByteArray header(const QByteArray &name) const;
};

struct ApiResponse
{
    int status = 200;
    QByteArray contentType;
    QByteArray body;
    HeaderList headers;  // extra headers, e.g. x-amzn-ErrorType
    QByteArray requestId;  // x-amzn-RequestId; the service layer sets it

    static ApiResponse make(int status, QByteArray contentType, QByteArray body)
    {
        ApiResponse r;
        r.status = status;
        r.contentType = std::move(contentType);
        r.body = std::move(body);
        return r;
    }
};

// The reason phrase of an HTTP status code ("OK", "Bad Request"...).
QByteArray reasonPhrase(int status);

// A fresh request id (a UUID, as AWS returns them).
QByteArray newRequestId();

// The complete HTTP/1.1 response bytes: status line, Content-Type,
// Content-Length, x-amzn-RequestId, extra headers, optional
// "Connection: close", blank line, body.
QByteArray serializeResponse(const ApiResponse &response, bool closeConnection);

} // namespace ef::api
