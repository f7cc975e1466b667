// The endpoint's connection limits over real loopback sockets: body and
// header sizes, malformed requests, slow and idle connections, the number of
// connections, keep-alive. Limits are set small so the waits stay short.

#include "RawHttpClient.h"

#include "core/api/ApiServer.h"
#include "core/bus/Engine.h"

#include <QTest>

#include <memory>

using ef::api::ApiServer;
using ef::api::HttpLimits;

class TestApiLimits : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void keepAliveServesManyRequests();
    void refusals_data();
    void refusals();
    void slowRequestTimesOut_data();
    void slowRequestTimesOut();
    void idleConnectionIsClosed();
    void connectionLimit();
    void manyConcurrentConnectionsAreServed();
    void connectionCloseIsHonoured();

private:
    void startServer(const HttpLimits &limits);

    std::unique_ptr<ef::Engine> m_engine;
    std::unique_ptr<ApiServer> m_server;
};

static HttpLimits testLimits()
{
    HttpLimits l;
    l.maxHeaderBytes = 2048;
    l.maxBodyBytes = 8192;
    l.requestTimeoutMs = 400;
    l.idleTimeoutMs = 600;
    l.maxConnections = 4;
    l.lingerMs = 500;
    return l;
}

void TestApiLimits::startServer(const HttpLimits &limits)
{
    m_server.reset();
    m_server = std::make_unique<ApiServer>(*m_engine);
    m_server->setLimits(limits);
    QString error;
    QVERIFY2(m_server->start(QHostAddress::LocalHost, 0, &error), qPrintable(error));
}

void TestApiLimits::init()
{
    m_engine = std::make_unique<ef::Engine>();
    startServer(testLimits());
}

void TestApiLimits::cleanup()
{
    m_server.reset();
    m_engine.reset();
}

void TestApiLimits::keepAliveServesManyRequests()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    for (int i = 0; i < 20; ++i) {
        client.send(awsRequest("AWSEvents.ListEventBuses", "{}"));
        const RawResponse r = client.readResponse();
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.contains("\"default\""), r.body.constData());
        QVERIFY(client.isOpen());
    }
    QCOMPARE(m_server->openConnections(), 1);
}

void TestApiLimits::refusals_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("code");

    QTest::addRow("header too large")
        << awsRequest("AWSEvents.ListEventBuses", "{}", "X-Big: " + QByteArray(3000, 'a') + "\r\n")
        << 431 << QByteArray("RequestHeaderFieldsTooLarge");
    QTest::addRow("body too large, announced")
        << awsRequest("AWSEvents.PutEvents", QByteArray(9000, ' ')) << 413
        << QByteArray("RequestEntityTooLarge");
    QTest::addRow("body too large, chunked")
        << QByteArray("POST / HTTP/1.1\r\nX-Amz-Target: AWSEvents.PutEvents\r\n"
                      "Transfer-Encoding: chunked\r\n\r\n2328\r\n") + QByteArray(9000, ' ')
        << 413 << QByteArray("RequestEntityTooLarge");
    QTest::addRow("pipelined requests")
        << awsRequest("AWSEvents.ListEventBuses", "{}") + awsRequest("AWSEvents.ListRules", "{}")
        << 400 << QByteArray("BadRequest");
    QTest::addRow("not HTTP") << QByteArray("HELLO THERE\r\n\r\n") << 400
                              << QByteArray("BadRequest");
}

void TestApiLimits::refusals()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(QByteArray, code);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send(bytes);
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, status);
    QVERIFY2(r.body.contains("\"__type\":\"" + code + "\""), r.body.constData());
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY2(client.waitClosed(3000), "the server closes a refused connection");
    QTRY_COMPARE(m_server->openConnections(), 0);
}

void TestApiLimits::slowRequestTimesOut_data()
{
    QTest::addColumn<int>("trickleMs");  // 0: send half a request and stop
    QTest::addRow("half a request") << 0;
    QTest::addRow("one byte every 50 ms") << 50;
}

void TestApiLimits::slowRequestTimesOut()
{
    QFETCH(int, trickleMs);
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    const QByteArray request = awsRequest("AWSEvents.ListEventBuses", "{}");
    QElapsedTimer clock;
    clock.start();
    if (trickleMs == 0) {
        client.send(request.left(30));
    } else {
        for (int i = 0; i < request.size() - 1 && client.isOpen() && clock.elapsed() < 3000; ++i) {
            client.send(request.mid(i, 1));
            QTest::qWait(trickleMs);
            if (client.socket().bytesAvailable())
                break;
        }
    }
    const RawResponse r = client.readResponse(3000);
    QCOMPARE(r.status, 408);
    QVERIFY2(r.body.contains("RequestTimeout"), r.body.constData());
    QVERIFY2(clock.elapsed() >= testLimits().requestTimeoutMs - 50,
             "the deadline runs from the request's first byte");
    QVERIFY(client.waitClosed(3000));
}

void TestApiLimits::idleConnectionIsClosed()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send(awsRequest("AWSEvents.ListEventBuses", "{}"));
    QCOMPARE(client.readResponse().status, 200);
    QVERIFY2(client.waitClosed(testLimits().idleTimeoutMs + 2000),
             "an idle keep-alive connection is closed");
    QTRY_COMPARE(m_server->openConnections(), 0);
}

void TestApiLimits::connectionLimit()
{
    HttpLimits limits = testLimits();
    limits.idleTimeoutMs = 30000;
    startServer(limits);
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < limits.maxConnections; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(clients.back()->connectTo(m_server->port()));
    }
    QTRY_COMPARE(m_server->openConnections(), limits.maxConnections);

    RawHttpClient extra;
    QVERIFY(extra.connectTo(m_server->port()));
    extra.send(awsRequest("AWSEvents.ListEventBuses", "{}"));
    const RawResponse refused = extra.readResponse();
    QCOMPARE(refused.status, 503);
    QVERIFY2(refused.body.contains("ServiceUnavailableException"), refused.body.constData());
    QVERIFY(extra.waitClosed(3000));
    QCOMPARE(m_server->refusedConnections(), quint64(1));

    // Those inside are still served; once one leaves, a newcomer is too.
    clients[0]->send(awsRequest("AWSEvents.ListEventBuses", "{}"));
    QCOMPARE(clients[0]->readResponse().status, 200);
    clients.pop_back();
    QTRY_COMPARE(m_server->openConnections(), limits.maxConnections - 1);
    RawHttpClient next;
    QVERIFY(next.connectTo(m_server->port()));
    next.send(awsRequest("AWSEvents.ListEventBuses", "{}"));
    QCOMPARE(next.readResponse().status, 200);
}

void TestApiLimits::manyConcurrentConnectionsAreServed()
{
    HttpLimits limits = testLimits();
    limits.maxConnections = 256;
    limits.idleTimeoutMs = 30000;
    startServer(limits);
    constexpr int kClients = 200;
    std::vector<std::unique_ptr<RawHttpClient>> clients;
    for (int i = 0; i < kClients; ++i) {
        clients.push_back(std::make_unique<RawHttpClient>());
        QVERIFY(clients.back()->connectTo(m_server->port()));
    }
    for (auto &c : clients)
        c->send(awsRequest("AWSEvents.ListEventBuses", "{}"));
    int ok = 0;
    for (auto &c : clients)
        ok += c->readResponse().status == 200;
    QCOMPARE(ok, kClients);
    QCOMPARE(m_server->openConnections(), kClients);
    QCOMPARE(m_server->refusedConnections(), quint64(0));
}

void TestApiLimits::connectionCloseIsHonoured()
{
    RawHttpClient client;
    QVERIFY(client.connectTo(m_server->port()));
    client.send(awsRequest("AWSEvents.ListEventBuses", "{}", "Connection: close\r\n"));
    const RawResponse r = client.readResponse();
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Connection"), QByteArray("close"));
    QVERIFY(client.waitClosed(2000));
}

QTEST_GUILESS_MAIN(TestApiLimits)
#include "tst_apilimits.moc"
