#include "core/api/ApiServer.h"

#include "core/api/ConnectionGuard.h"
#include "core/api/GuardedTcpServer.h"

#include <QHttpServerRequest>
#include <QTcpSocket>

namespace ef::api {

namespace {

constexpr qint64 kMaxUnreadResponseBytes = 16 * 1024 * 1024;

QByteArray methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get: return "GET";
    case QHttpServerRequest::Method::Put: return "PUT";
    case QHttpServerRequest::Method::Delete: return "DELETE";
    case QHttpServerRequest::Method::Post: return "POST";
    case QHttpServerRequest::Method::Head: return "HEAD";
    case QHttpServerRequest::Method::Options: return "OPTIONS";
    case QHttpServerRequest::Method::Patch: return "PATCH";
    case QHttpServerRequest::Method::Connect: return "CONNECT";
    case QHttpServerRequest::Method::Trace: return "TRACE";
    default: return "UNKNOWN";
    }
}

} // namespace

ApiServer::ApiServer(Engine &engine, QObject *parent)
    : QAbstractHttpServer(parent), m_service(engine)
{
}

ApiServer::~ApiServer() = default;

void ApiServer::setLimits(const HttpLimits &limits) { m_limits = limits; }

bool ApiServer::start(const QHostAddress &address, quint16 port, QString *error)
{
    stop();
    auto *tcp = new GuardedTcpServer(m_limits, this);
    tcp->setHttpServer(this);
    if (!tcp->listen(address, port)) {
        if (error) {
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(address.toString())
                         .arg(port)
                         .arg(tcp->errorString());
        }
        delete tcp;
        return false;
    }
    bind(tcp);
    m_tcp = tcp;
    return true;
}

void ApiServer::stop()
{
    if (m_tcp) {
        m_tcp->close();
        m_tcp->deleteLater();
        m_tcp = nullptr;
    }
}

bool ApiServer::isListening() const { return m_tcp && m_tcp->isListening(); }
QHostAddress ApiServer::address() const { return m_tcp ? m_tcp->serverAddress() : QHostAddress(); }
quint16 ApiServer::port() const { return m_tcp ? m_tcp->serverPort() : 0; }

QString ApiServer::url() const
{
    const QHostAddress a = address();
    const QString host = a.protocol() == QAbstractSocket::IPv6Protocol
                             ? QStringLiteral("[%1]").arg(a.toString())
                             : a.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(port());
}

int ApiServer::openConnections() const { return m_tcp ? m_tcp->openConnections() : 0; }
quint64 ApiServer::refusedConnections() const { return m_tcp ? m_tcp->refusedConnections() : 0; }

bool ApiServer::isLoopback(const QHostAddress &address)
{
    return address.isLoopback();
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    ApiRequest r;
    r.method = methodName(request.method());
    const QUrl url = request.url();
    r.path = url.path(QUrl::FullyDecoded).toUtf8();
    if (r.path.isEmpty())
        r.path = "/";
    r.query = url.query(QUrl::FullyEncoded).toUtf8();
    r.headers = request.headers();
    r.body = request.body();
    const ApiResponse response = m_service.handle(r);
    ConnectionGuard *guard = ConnectionGuard::of(socket);
    const bool close = guard ? !guard->keepAlive() : false;
    socket->write(serializeResponse(response, close));
    if (socket->bytesToWrite() > kMaxUnreadResponseBytes) {
        // A client that sends requests but never reads the answers would
        // otherwise grow this buffer without bound.
        socket->abort();
        return true;
    }
    if (guard)
        guard->responseWritten(close);
    return true;
}

void ApiServer::missingHandler(const QHttpServerRequest &, QTcpSocket *)
{
    // handleRequest answers every request.
}

} // namespace ef::api
