#pragma once

#include <QtGlobal>

namespace ef::api {

// What one client may cost the endpoint. Qt HttpServer 6.4 has none of these
// limits itself (it buffers any body and waits forever for a request's end),
// so ConnectionGuard and GuardedTcpServer enforce them in front of it.
struct HttpLimits
{
    // Request line + header names and values. Beyond: 431, connection closed.
    qint64 maxHeaderBytes = 16 * 1024;
    // Body bytes (Content-Length or chunked). PutEvents entries may total
    // 256 KB of computed size; JSON quoting can double that. Beyond: 413.
    qint64 maxBodyBytes = 1024 * 1024;
    // From a request's first byte to its last. Beyond: 408, connection closed.
    int requestTimeoutMs = 10000;
    // A keep-alive connection with no request in progress is closed after this.
    int idleTimeoutMs = 60000;
    // Connections open at once; one more is answered 503 and closed.
    int maxConnections = 256;
    // How long a refused connection is drained before it is dropped, so the
    // client reads the error instead of a reset.
    int lingerMs = 2000;
};

} // namespace ef::api
