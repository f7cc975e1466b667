#pragma once

// The local AWS-compatible endpoint: Qt HttpServer parses HTTP, a
// GuardedTcpServer + ConnectionGuard enforce the limits Qt HttpServer 6.4
// lacks, ApiService maps requests onto the engine. Lives on the engine's
// thread and calls the engine directly (no hop per request).

#include "core/api/ApiService.h"
#include "core/api/HttpLimits.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QString>

namespace ef {
class Engine;
}

namespace ef::api {

class GuardedTcpServer;

class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT

public:
    static constexpr quint16 kDefaultPort = 4010;

    explicit ApiServer(Engine &engine, QObject *parent = nullptr);
    ~ApiServer() override;

    // Limits apply to connections accepted after the call.
    void setLimits(const HttpLimits &limits);
    const HttpLimits &limits() const { return m_limits; }

    // Starts listening (port 0: any free port). On failure returns false and
    // says why in `error` ("127.0.0.1:4010 is in use ...").
    bool start(const QHostAddress &address, quint16 port, QString *error = nullptr);
    void stop();
    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;
    QString url() const;  // "http://127.0.0.1:4010"

    int openConnections() const;
    quint64 refusedConnections() const;
    quint64 requestsHandled() const { return m_service.requestsHandled(); }

    // Loopback addresses (127.0.0.0/8, ::1) need no warning; anything else
    // exposes the engine to the network.
    static bool isLoopback(const QHostAddress &address);

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    ApiService m_service;
    HttpLimits m_limits;
    GuardedTcpServer *m_tcp = nullptr;
};

} // namespace ef::api
