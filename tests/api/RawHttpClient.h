#pragma once

// A deliberately dumb HTTP client for endpoint tests: writes exactly the
// bytes it is given (half requests, oversized headers...) and reads one
// response back. Runs on the test's thread; waiting spins the event loop, so
// a server on the same thread keeps working.

#include <QTcpSocket>
#include <QTest>

struct RawResponse
{
    int status = 0;
    QByteArray head;
    QByteArray body;
    QByteArray header(const QByteArray &name) const
    {
        for (const QByteArray &line : head.split('\n')) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().compare(name, Qt::CaseInsensitive) == 0)
                return line.mid(colon + 1).trimmed();
        }
        return {};
    }
};

class RawHttpClient
{
public:
    bool connectTo(quint16 port, int timeoutMs = 3000)
    {
        m_socket.connectToHost(QHostAddress::LocalHost, port);
        return QTest::qWaitFor(
            [&] { return m_socket.state() == QAbstractSocket::ConnectedState; }, timeoutMs);
    }

    void send(const QByteArray &bytes)
    {
        m_socket.write(bytes);
        m_socket.flush();
    }

    // One complete response (by Content-Length), or status 0 on timeout.
    RawResponse readResponse(int timeoutMs = 5000)
    {
        RawResponse r;
        (void)QTest::qWaitFor(
            [&] {
                m_buffer += m_socket.readAll();
                return takeResponse(r);
            },
            timeoutMs);
        return r;
    }

    // True once the server closed the connection (reading whatever came first).
    bool waitClosed(int timeoutMs)
    {
        return QTest::qWaitFor(
            [&] {
                m_buffer += m_socket.readAll();
                return m_socket.state() == QAbstractSocket::UnconnectedState;
            },
            timeoutMs);
    }

    bool isOpen() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    QTcpSocket &socket() { return m_socket; }

private:
    bool takeResponse(RawResponse &r)
    {
        const qsizetype end = m_buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return false;
        const QByteArray head = m_buffer.left(end);
        RawResponse candidate;
        candidate.head = head;
        const QList<QByteArray> statusLine = head.left(head.indexOf("\r\n")).split(' ');
        candidate.status = statusLine.value(1).toInt();
        const qsizetype length = candidate.header("Content-Length").toLongLong();
        if (m_buffer.size() < end + 4 + length)
            return false;
        candidate.body = m_buffer.mid(end + 4, length);
        m_buffer.remove(0, end + 4 + length);
        r = candidate;
        return true;
    }

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

inline QByteArray awsRequest(const QByteArray &target, const QByteArray &body,
                             const QByteArray &extraHeaders = {})
{
    return "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-amz-json-1.1\r\n"
           "X-Amz-Target: " + target + "\r\nContent-Length: " + QByteArray::number(body.size())
           + "\r\n" + extraHeaders + "\r\n" + body;
}
