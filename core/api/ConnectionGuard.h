#pragma once

// Watches one client connection in front of Qt HttpServer: it sees every
// byte before Qt HttpServer does (its readyRead slot is connected first),
// frames requests with HttpFraming, and answers what Qt HttpServer 6.4
// would buffer without bound or wait on forever: oversized headers (431) or
// bodies (413), malformed requests (400), requests not completed in time
// (408), idle keep-alive connections (closed). Such a connection is taken
// away from Qt HttpServer, answered, half-closed and drained briefly so the
// client reads the answer rather than a reset.

#include "core/api/ApiMessage.h"
#include "core/api/HttpFraming.h"
#include "core/api/HttpLimits.h"

#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace ef::api {

class ConnectionGuard : public QObject
{
    Q_OBJECT

public:
    // Becomes a child of `socket`. `httpServer` is the receiver of Qt
    // HttpServer's connections to the socket (detached on refusal); may be null.
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits, QObject *httpServer);

    // The guard of `socket`, if it has one.
    static ConnectionGuard *of(QTcpSocket *socket);

    // After a response was written: keep the connection for the next
    // request, or close it once the response is out.
    void responseWritten(bool close);
    bool keepAlive() const;

    // Answers `response` at once and closes (e.g. 503 over the connection limit).
    void refuse(const ApiResponse &response);

private:
    void onReadyRead();
    void onTimeout();
    void armRequestTimer();
    void armIdleTimer();
    void fail(int status, const QString &code, const QString &message);
    void lingeringClose();
    void finish();

    QTcpSocket *m_socket;
    HttpLimits m_limits;
    QObject *m_httpServer;
    HttpFraming m_framing;
    QTimer m_timer;
    bool m_requestTimerArmed = false;
    bool m_closing = false;
    bool m_finished = false;
    quint64 m_answered = 0;
};

} // namespace ef::api
