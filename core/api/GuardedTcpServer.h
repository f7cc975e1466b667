#pragma once

// The listening socket in front of Qt HttpServer (bound with
// QAbstractHttpServer::bind): gives every accepted connection a
// ConnectionGuard before Qt HttpServer sees it, and counts open connections;
// one over HttpLimits::maxConnections is answered 503 and closed.

#include "core/api/HttpLimits.h"

#include <QTcpServer>

namespace ef::api {

class GuardedTcpServer : public QTcpServer
{
    Q_OBJECT

public:
    explicit GuardedTcpServer(const HttpLimits &limits, QObject *parent = nullptr);

    void setHttpServer(QObject *httpServer) { m_httpServer = httpServer; }
    int openConnections() const { return m_open; }
    quint64 refusedConnections() const { return m_refused; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    QObject *m_httpServer = nullptr;
    int m_open = 0;
    quint64 m_refused = 0;
};

} // namespace ef::api
