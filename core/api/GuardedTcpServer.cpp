#include "core/api/GuardedTcpServer.h"

#include "core/api/AwsJson.h"
#include "core/api/ConnectionGuard.h"

#include <QTcpSocket>

namespace ef::api {

GuardedTcpServer::GuardedTcpServer(const HttpLimits &limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
}

void GuardedTcpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (m_open >= m_limits.maxConnections) {
        ++m_refused;
        auto *guard = new ConnectionGuard(socket, m_limits, nullptr);
        ApiResponse r = jsonError(
            {QStringLiteral("ServiceUnavailableException"),
             QStringLiteral("Too many connections: this endpoint serves at most %1 at once; "
                            "retry shortly").arg(m_limits.maxConnections)},
            "application/json");
        r.status = 503;
        guard->refuse(r);
        return;
    }
    ++m_open;
    connect(socket, &QObject::destroyed, this, [this] { --m_open; });
    new ConnectionGuard(socket, m_limits, m_httpServer);
    addPendingConnection(socket);
}

} // namespace ef::api
