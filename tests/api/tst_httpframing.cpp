// HttpFraming: where requests begin and end in a byte stream, and the
// header/body limits checked as bytes arrive (before anything is buffered).

#include "core/api/HttpFraming.h"

#include <QTest>

using ef::api::HttpFraming;
using ef::api::HttpLimits;

Q_DECLARE_METATYPE(HttpFraming::Verdict)

class TestHttpFraming : public QObject
{
    Q_OBJECT

private slots:
    void verdicts_data();
    void verdicts();
    void byteByByte();
    void keepAliveAndClose();
    void oversizedBodyRefusedBeforeItArrives();
    void requestsKept();
    void pipeliningRefusedWhenAsked();
    void expectContinue();
};

static HttpLimits smallLimits()
{
    HttpLimits l;
    l.maxHeaderBytes = 512;
    l.maxBodyBytes = 1000;
    return l;
}

void TestHttpFraming::verdicts_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<HttpFraming::Verdict>("verdict");
    QTest::addColumn<int>("completed");
    QTest::addColumn<bool>("inRequest");

    const QByteArray post = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
    QTest::addRow("one complete POST") << post << HttpFraming::Verdict::Ok << 1 << false;
    QTest::addRow("two pipelined") << post + post << HttpFraming::Verdict::Ok << 2 << false;
    QTest::addRow("headers only so far")
        << QByteArray("POST / HTTP/1.1\r\nHost: x\r\n") << HttpFraming::Verdict::Ok << 0 << true;
    QTest::addRow("body half sent")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\n12345")
        << HttpFraming::Verdict::Ok << 0 << true;
    QTest::addRow("chunked within limit")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "5\r\nhello\r\n0\r\n\r\n")
        << HttpFraming::Verdict::Ok << 1 << false;
    QTest::addRow("chunked over limit")
        << QByteArray("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3e9\r\n") + QByteArray(1001, 'x')
        << HttpFraming::Verdict::BodyTooLarge << 0 << true;
    QTest::addRow("content-length over limit")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1001\r\n\r\n")
        << HttpFraming::Verdict::BodyTooLarge << 0 << true;
    QTest::addRow("content-length at limit")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1000\r\n\r\n") + QByteArray(1000, 'x')
        << HttpFraming::Verdict::Ok << 1 << false;
    QTest::addRow("long header value")
        << QByteArray("GET / HTTP/1.1\r\nX-Big: ") + QByteArray(600, 'a') + "\r\n\r\n"
        << HttpFraming::Verdict::HeaderTooLarge << 0 << true;
    QTest::addRow("long URL")
        << QByteArray("GET /") + QByteArray(600, 'a') + " HTTP/1.1\r\n\r\n"
        << HttpFraming::Verdict::HeaderTooLarge << 0 << true;
    QByteArray manyHeaders = "GET / HTTP/1.1\r\n";
    for (int i = 0; i < 200; ++i)
        manyHeaders += "A:\r\n";
    QTest::addRow("flood of empty headers")
        << manyHeaders << HttpFraming::Verdict::HeaderTooLarge << 0 << true;
    QTest::addRow("not HTTP") << QByteArray("\x16\x03\x01\x02\x00hello")
                              << HttpFraming::Verdict::Malformed << 0 << false;
    QTest::addRow("bad content-length")
        << QByteArray("POST / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n")
        << HttpFraming::Verdict::Malformed << 0 << true;
    QTest::addRow("websocket upgrade")
        << QByteArray("GET / HTTP/1.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
        << HttpFraming::Verdict::Malformed << 1 << false;
}

void TestHttpFraming::verdicts()
{
    QFETCH(QByteArray, bytes);
    QFETCH(HttpFraming::Verdict, verdict);
    QFETCH(int, completed);
    QFETCH(bool, inRequest);
    HttpFraming framing(smallLimits());
    QCOMPARE(framing.feed(bytes.constData(), bytes.size()), verdict);
    QCOMPARE(int(framing.requestsCompleted()), completed);
    if (verdict == HttpFraming::Verdict::Ok)
        QCOMPARE(framing.inRequest(), inRequest);
    else
        QVERIFY2(!framing.errorText().isEmpty(), "a refusal says why");
    // A dead stream stays dead.
    if (verdict != HttpFraming::Verdict::Ok)
        QCOMPARE(framing.feed("GET / HTTP/1.1\r\n\r\n", 18), verdict);
}

void TestHttpFraming::byteByByte()
{
    const QByteArray post = "POST /prod/events HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello";
    HttpFraming framing(smallLimits(), true);
    for (qsizetype i = 0; i < post.size(); ++i) {
        QCOMPARE(framing.feed(post.constData() + i, 1), HttpFraming::Verdict::Ok);
        QCOMPARE(framing.inRequest(), i + 1 < post.size());
    }
    const auto requests = framing.takeRequests();
    QCOMPARE(requests.size(), std::size_t(1));
    QCOMPARE(requests[0].path, QByteArray("/prod/events"));
    QCOMPARE(requests[0].body, QByteArray("hello"));
}

void TestHttpFraming::keepAliveAndClose()
{
    HttpFraming a(smallLimits());
    a.feed("GET / HTTP/1.1\r\n\r\n", 18);
    QVERIFY(a.lastKeepAlive());
    HttpFraming b(smallLimits());
    const QByteArray close = "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
    b.feed(close.constData(), close.size());
    QVERIFY(!b.lastKeepAlive());
    HttpFraming c(smallLimits());
    c.feed("GET / HTTP/1.0\r\n\r\n", 18);
    QVERIFY(!c.lastKeepAlive());
}

void TestHttpFraming::oversizedBodyRefusedBeforeItArrives()
{
    // The verdict comes with the headers: a 1 GB upload costs nothing.
    HttpFraming framing(smallLimits());
    const QByteArray head = "POST / HTTP/1.1\r\nContent-Length: 1000000000\r\n\r\n";
    QCOMPARE(framing.feed(head.constData(), head.size()), HttpFraming::Verdict::BodyTooLarge);
    QVERIFY(framing.errorText().contains("1000"));
}

void TestHttpFraming::requestsKept()
{
    HttpFraming framing(HttpLimits(), true);
    const QByteArray bytes =
        "POST /?Action=ListMetrics HTTP/1.1\r\nX-Amz-Target: AWSEvents.PutEvents\r\n"
        "Content-Length: 2\r\n\r\n{}"
        "GET /a%20b?x=1 HTTP/1.1\r\nHost: h\r\n\r\n";
    QCOMPARE(framing.feed(bytes.constData(), bytes.size()), HttpFraming::Verdict::Ok);
    const auto requests = framing.takeRequests();
    QCOMPARE(requests.size(), std::size_t(2));
    QCOMPARE(requests[0].method, QByteArray("POST"));
    QCOMPARE(requests[0].path, QByteArray("/"));
    QCOMPARE(requests[0].query, QByteArray("Action=ListMetrics"));
    QCOMPARE(requests[0].header("x-amz-target"), QByteArray("AWSEvents.PutEvents"));
    QCOMPARE(requests[0].body, QByteArray("{}"));
    QCOMPARE(requests[1].method, QByteArray("GET"));
    QCOMPARE(requests[1].path, QByteArray("/a b"));
    QCOMPARE(requests[1].header("HOST"), QByteArray("h"));
}

void TestHttpFraming::pipeliningRefusedWhenAsked()
{
    const QByteArray one = "GET / HTTP/1.1\r\n\r\n";
    HttpFraming lenient(smallLimits());
    QCOMPARE(lenient.feed((one + one).constData(), one.size() * 2), HttpFraming::Verdict::Ok);
    QCOMPARE(lenient.requestsCompleted(), quint64(2));
    HttpFraming strict(smallLimits());
    QCOMPARE(strict.feed((one + "G").constData(), one.size() + 1, true),
             HttpFraming::Verdict::Pipelined);
    QVERIFY(strict.errorText().contains("pipelining"));
    // One after the other, in separate reads, is ordinary keep-alive.
    HttpFraming sequential(smallLimits());
    QCOMPARE(sequential.feed(one.constData(), one.size(), true), HttpFraming::Verdict::Ok);
    QCOMPARE(sequential.feed(one.constData(), one.size(), true), HttpFraming::Verdict::Ok);
    QCOMPARE(sequential.requestsCompleted(), quint64(2));
}

void TestHttpFraming::expectContinue()
{
    HttpFraming framing(smallLimits());
    const QByteArray head = "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n";
    QCOMPARE(framing.feed(head.constData(), head.size()), HttpFraming::Verdict::Ok);
    QVERIFY(framing.takeExpectContinue());
    QVERIFY(!framing.takeExpectContinue());
    QCOMPARE(framing.feed("body", 4), HttpFraming::Verdict::Ok);
    QCOMPARE(framing.requestsCompleted(), quint64(1));
    // Too large: refused instead of invited.
    HttpFraming big(smallLimits());
    const QByteArray bigHead =
        "POST / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 5000\r\n\r\n";
    QCOMPARE(big.feed(bigHead.constData(), bigHead.size()), HttpFraming::Verdict::BodyTooLarge);
    QVERIFY(!big.takeExpectContinue());
}

QTEST_GUILESS_MAIN(TestHttpFraming)
#include "tst_httpframing.moc"
