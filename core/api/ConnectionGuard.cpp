#include "core/api/ConnectionGuard.h"

#include "core/api/AwsJson.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace ef::api {

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits,
                                 QObject *httpServer)
    : QObject(socket), m_socket(socket), m_limits(limits), m_httpServer(httpServer),
      m_framing(limits)
{
    setObjectName(QStringLiteral("ef-connection-guard"));
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ConnectionGuard::onTimeout);
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::onReadyRead);
    armIdleTimer();
}

ConnectionGuard *ConnectionGuard::of(QTcpSocket *socket)
{
    return socket->findChild<ConnectionGuard *>(QStringLiteral("ef-connection-guard"),
                                                Qt::FindDirectChildrenOnly);
}

bool ConnectionGuard::keepAlive() const { return m_framing.lastKeepAlive(); }

void ConnectionGuard::armRequestTimer()
{
    m_requestTimerArmed = true;
    m_timer.start(m_limits.requestTimeoutMs);
}

void ConnectionGuard::armIdleTimer()
{
    m_requestTimerArmed = false;
    m_timer.start(m_limits.idleTimeoutMs);
}

void ConnectionGuard::onReadyRead()
{
    if (m_closing) {
        m_socket->readAll();  // draining before the close
        return;
    }
    const QByteArray bytes = m_socket->peek(m_socket->bytesAvailable());
    const quint64 before = m_framing.requestsCompleted();
    switch (m_framing.feed(bytes.constData(), bytes.size(), true)) {
    case HttpFraming::Verdict::Ok:
        break;
    case HttpFraming::Verdict::Malformed:
    case HttpFraming::Verdict::Pipelined:
        fail(400, QStringLiteral("BadRequest"), QString::fromUtf8(m_framing.errorText()));
        return;
    case HttpFraming::Verdict::HeaderTooLarge:
        fail(431, QStringLiteral("RequestHeaderFieldsTooLarge"),
             QString::fromUtf8(m_framing.errorText()));
        return;
    case HttpFraming::Verdict::BodyTooLarge:
        fail(413, QStringLiteral("RequestEntityTooLarge"),
             QString::fromUtf8(m_framing.errorText()));
        return;
    }
    if (m_framing.takeExpectContinue())
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");  // Qt HttpServer 6.4 never says it
    const bool newRequest = m_framing.requestsCompleted() != before;
    if (m_framing.inRequest()) {
        // The deadline runs from a request's first byte: a client trickling
        // bytes does not push it back.
        if (!m_requestTimerArmed || newRequest)
            armRequestTimer();
    } else if (m_framing.requestsCompleted() > m_answered) {
        m_timer.stop();  // Qt HttpServer answers it next, in this same signal
        m_requestTimerArmed = false;
    }
}

void ConnectionGuard::responseWritten(bool close)
{
    ++m_answered;
    if (close) {
        m_closing = true;
        m_timer.stop();
        m_socket->disconnectFromHost();
        return;
    }
    if (!m_framing.inRequest())
        armIdleTimer();
}

void ConnectionGuard::onTimeout()
{
    if (m_closing) {
        finish();
        return;
    }
    if (m_framing.inRequest()) {
        fail(408, QStringLiteral("RequestTimeout"),
             QStringLiteral("The request was not completed within %1 ms")
                 .arg(m_limits.requestTimeoutMs));
        return;
    }
    if (m_framing.requestsCompleted() > m_answered)
        return;  // still being answered
    m_closing = true;
    m_socket->disconnectFromHost();
    m_timer.start(m_limits.lingerMs);  // in case the peer never acknowledges
}

void ConnectionGuard::fail(int status, const QString &code, const QString &message)
{
    ApiResponse r = jsonError({code, message}, "application/json");
    r.status = status;
    refuse(r);
}

void ConnectionGuard::refuse(const ApiResponse &response)
{
    if (m_closing)
        return;
    m_closing = true;
    // Qt HttpServer must not parse what follows, nor answer it.
    if (m_httpServer)
        QObject::disconnect(m_socket, &QTcpSocket::readyRead, m_httpServer, nullptr);
    m_socket->readAll();
    m_socket->write(serializeResponse(response, true));
    lingeringClose();
}

void ConnectionGuard::lingeringClose()
{
    connect(m_socket, &QTcpSocket::disconnected, this, &ConnectionGuard::finish);
    auto shutdownWhenSent = [this] {
        if (m_socket->bytesToWrite() == 0 && m_socket->state() == QAbstractSocket::ConnectedState)
            ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    };
    connect(m_socket, &QTcpSocket::bytesWritten, this, shutdownWhenSent);
    m_socket->flush();
    shutdownWhenSent();
    m_timer.start(m_limits.lingerMs);
}

void ConnectionGuard::finish()
{
    if (m_finished)
        return;
    m_finished = true;
    m_timer.stop();
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    m_socket->deleteLater();
}

} // namespace ef::api
