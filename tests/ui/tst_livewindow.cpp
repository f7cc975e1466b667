// What keeps the live window smooth under load, checked piece by piece:
// the canvas's fixed memory of recent events, the frame slots that keep the
// panels' periodic work in separate frames, and the logs panel showing lines
// without sending the inspector anywhere.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/EngineSession.h"
#include "ui/FrameSlots.h"
#include "ui/InspectorPanel.h"
#include "ui/LogsPanel.h"
#include "ui/MainWindow.h"
#include "ui/TokenMemory.h"
#include "ui/WindowEndpoint.h"
#include "ui/FlowCanvas.h"
#include "ui/FlowGraph.h"
#include "ui/FlowNodeItem.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

#include <map>
#include <memory>
#include <numeric>

using namespace ef;
using namespace ef::ui;

namespace {
constexpr SimTime kSecond = kMicrosPerSecond;

QString labPath()
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json");
}

// Posts to the endpoint and waits for the answer; the HTTP status, or -1.
int post(QNetworkAccessManager &net, const QUrl &url, const QByteArray &target,
         const QByteArray &body)
{
    QNetworkRequest request(url);
    if (!target.isEmpty()) {
        request.setRawHeader("X-Amz-Target", target);
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-amz-json-1.1");
    } else {
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
    }
    QNetworkReply *reply = net.post(request, body);
    if (!QTest::qWaitFor([reply]() { return reply->isFinished(); }, 10000))
        return -1;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    reply->deleteLater();
    return status;
}
} // namespace

class TestLiveWindow : public QObject
{
    Q_OBJECT

private slots:
    void memoryFindsWhatWasStored_data();
    void memoryFindsWhatWasStored();
    void memoryKeepsTheNewestWhenCrowded();
    void memoryUpdatesInPlace();
    void periodicJobsNeverShareAFrame();
    void logLinesNeverMoveTheInspector();
    void endpointEventsStartAtTheirSender_data();
    void endpointEventsStartAtTheirSender();
};

void TestLiveWindow::memoryFindsWhatWasStored_data()
{
    QTest::addColumn<SimTime>("storedAt");
    QTest::addColumn<SimTime>("askedAt");
    QTest::addColumn<qint64>("expected");
    QTest::addRow("same instant") << SimTime(100 * kSecond) << SimTime(100 * kSecond) << qint64(7);
    QTest::addRow("within the horizon") << SimTime(100 * kSecond) << SimTime(109 * kSecond)
                                        << qint64(7);
    QTest::addRow("at the horizon") << SimTime(100 * kSecond) << SimTime(110 * kSecond)
                                    << qint64(7);
    QTest::addRow("past the horizon") << SimTime(100 * kSecond) << SimTime(110 * kSecond + 1)
                                      << qint64(-1);
}

void TestLiveWindow::memoryFindsWhatWasStored()
{
    QFETCH(SimTime, storedAt);
    QFETCH(SimTime, askedAt);
    QFETCH(qint64, expected);
    TokenMemory memory(1024, 10 * kSecond);
    memory.store(42, 3, 7, storedAt);
    QCOMPARE(memory.find(42, 3, askedAt), expected);
    // Other keys of the same event, and the same key of other events, are apart.
    QCOMPARE(memory.find(42, 4, storedAt), qint64(-1));
    QCOMPARE(memory.find(43, 3, storedAt), qint64(-1));
    memory.clear();
    QCOMPARE(memory.find(42, 3, storedAt), qint64(-1));
}

void TestLiveWindow::memoryKeepsTheNewestWhenCrowded()
{
    // Four times more entries than slots, stored in time order: what is
    // found must be exactly what was stored, and the newest must all be kept.
    TokenMemory memory(256, 1000 * kSecond);
    const int total = 4 * static_cast<int>(memory.capacity());
    for (int i = 1; i <= total; ++i)
        memory.store(EventSeq(i), 1, i * 10, SimTime(i));
    int found = 0;
    for (int i = 1; i <= total; ++i) {
        const qint64 v = memory.find(EventSeq(i), 1, SimTime(total));
        if (v >= 0) {
            QCOMPARE(v, qint64(i * 10));
            ++found;
        }
    }
    QVERIFY2(found <= static_cast<int>(memory.capacity()), qPrintable(QString::number(found)));
    QVERIFY2(found >= static_cast<int>(memory.capacity()) / 2,
             qPrintable(QStringLiteral("only %1 of %2 slots in use").arg(found)
                            .arg(memory.capacity())));
    for (int i = total - 8; i <= total; ++i)
        QVERIFY2(memory.find(EventSeq(i), 1, SimTime(total)) >= 0, qPrintable(QString::number(i)));
}

void TestLiveWindow::memoryUpdatesInPlace()
{
    // Storing a key again replaces its value: never two entries for one key,
    // even after others took the slots around it.
    TokenMemory memory(8, 1000 * kSecond);
    for (int round = 0; round < 50; ++round) {
        memory.store(1, 1, round, SimTime(round * 3));
        memory.store(EventSeq(100 + round), 1, -5, SimTime(round * 3 + 1));
        QCOMPARE(memory.find(1, 1, SimTime(round * 3 + 2)), qint64(round));
    }
}

void TestLiveWindow::periodicJobsNeverShareAFrame()
{
    const std::map<const char *, FrameSlot> jobs{
        {"plot", frameslots::kPlot},           {"log lines", frameslots::kLogLines},
        {"clock", frameslots::kClock},         {"status", frameslots::kStatus},
        {"inspector", frameslots::kInspector}, {"log groups", frameslots::kLogGroups},
        {"plot series", frameslots::kPlotSeries},
    };
    std::uint64_t lcm = 1;
    for (const auto &[name, slot] : jobs)
        lcm = std::lcm(lcm, static_cast<std::uint64_t>(slot.period));
    std::map<const char *, int> runs;
    for (std::uint64_t frame = 0; frame < 2 * lcm; ++frame) {
        QStringList due;
        for (const auto &[name, slot] : jobs) {
            if (slot.due(frame)) {
                due << QString::fromLatin1(name);
                ++runs[name];
            }
        }
        QVERIFY2(due.size() <= 1, qPrintable(QStringLiteral("frame %1: %2")
                                                  .arg(frame)
                                                  .arg(due.join(QStringLiteral(", ")))));
    }
    for (const auto &[name, slot] : jobs)
        QCOMPARE(runs[name], static_cast<int>(2 * lcm / slot.period));
}

void TestLiveWindow::logLinesNeverMoveTheInspector()
{
    // Under load the view fills to its bound and then drops lines at the top
    // with every append; that moves the text cursor, and once it made the
    // inspector render some event on every append.
    const ScenarioLoad load = ScenarioFile::load(labPath());
    if (!load.ok())
        QFAIL(qPrintable(load.errors.join(QStringLiteral("; "))));
    Engine engine;
    QVERIFY(engine.applyScenario(*load.scenario));
    MainWindow window(&engine);
    window.resize(1600, 1000);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *rate = window.findChild<QSpinBox *>(QStringLiteral("loadRate"));
    auto *running = window.findChild<QCheckBox *>(QStringLiteral("loadRunning"));
    if (!rate || !running)
        QFAIL("the load generator's controls are missing");
    rate->setValue(2000);
    running->setChecked(true);
    QSignalSpy requested(window.logs(), &LogsPanel::eventRequested);
    const QString before = window.inspector()->text();
    int frames = 0;
    while (window.logs()->visibleLines().size() < static_cast<int>(LogsPanel::kMaxLines)
           && frames < 4000) {
        window.session()->advanceFrame(16 * kMicrosPerMilli);
        window.logs()->poll();
        ++frames;
    }
    QCOMPARE(window.logs()->visibleLines().size(), static_cast<int>(LogsPanel::kMaxLines));
    for (int i = 0; i < 20; ++i) {
        window.session()->advanceFrame(16 * kMicrosPerMilli);
        window.logs()->poll();
    }
    QCOMPARE(requested.count(), 0);
    QCOMPARE(window.inspector()->text(), before);
}

void TestLiveWindow::endpointEventsStartAtTheirSender_data()
{
    QTest::addColumn<bool>("producerRoute");
    QTest::addRow("PutEvents from an AWS client") << false;
    QTest::addRow("POST /events to the lab's producer") << true;
}

void TestLiveWindow::endpointEventsStartAtTheirSender()
{
    QFETCH(bool, producerRoute);
    const ScenarioLoad load = ScenarioFile::load(labPath());
    if (!load.ok())
        QFAIL(qPrintable(load.errors.join(QStringLiteral("; "))));
    Engine engine;
    QVERIFY(engine.applyScenario(*load.scenario));
    MainWindow window(&engine);
    WindowEndpoint endpoint(window.session());
    QString error;
    if (!endpoint.start(QHostAddress::LocalHost, 0, &error))
        QFAIL(qPrintable(QStringLiteral("the endpoint did not start: ") + error));
    endpoint.showClientsNode();
    const QString clients = FlowGraph::producerKey(WindowEndpoint::clientsNodeName());
    QVERIFY2(window.canvas()->nodeItem(clients), "no node for the endpoint's clients");

    const ProducerInfo producer = engine.producers().front();
    QNetworkAccessManager net;
    int status = 0;
    if (producerRoute) {
        status = post(net, QUrl(endpoint.url() + QStringLiteral("/events")), QByteArray(),
                      R"({"eventType":"OrderPlaced","customerId":"c-1","amount":149.99,)"
                      R"("items":[{"productId":"laptop-001","quantity":1,"price":149.99}]})");
    } else {
        QJsonObject entry{{QStringLiteral("Source"), producer.source},
                          {QStringLiteral("DetailType"), producer.eventTypes.value(0)},
                          {QStringLiteral("Detail"), QStringLiteral(R"({"amount":149.99})")},
                          {QStringLiteral("EventBusName"), producer.eventBusName}};
        const QJsonObject body{{QStringLiteral("Entries"), QJsonArray{entry}}};
        status = post(net, QUrl(endpoint.url()), "AWSEvents.PutEvents",
                      QJsonDocument(body).toJson(QJsonDocument::Compact));
    }
    QCOMPARE(status, 200);
    for (int i = 0; i < 10; ++i)
        window.session()->advanceFrame(16 * kMicrosPerMilli);

    const QString sender = producerRoute ? FlowGraph::producerKey(producer.name) : clients;
    const QString other = producerRoute ? clients : FlowGraph::producerKey(producer.name);
    QCOMPARE(window.canvas()->statsOf(sender).sent, std::uint64_t(1));
    QCOMPARE(window.canvas()->statsOf(other).sent, std::uint64_t(0));
    // Its token (the engine's first event) travels from the sender to the
    // bus, not born at the bus: 160 ms into a 260 ms hop it is between them.
    const FlowNodeItem *from = window.canvas()->nodeItem(sender);
    const FlowNodeItem *bus =
        window.canvas()->nodeItem(FlowGraph::busKey(producer.eventBusName));
    QVERIFY(from && bus);
    QPointF at;
    QVERIFY2(window.canvas()->tokens().positionOf(1, &at), "no token of the event is shown");
    QVERIFY2(at.x() > from->pos().x() + from->node().size.width() / 2
                 && at.x() < bus->pos().x(),
             qPrintable(QStringLiteral("token at x=%1; sender ends at %2, bus starts at %3")
                            .arg(at.x())
                            .arg(from->pos().x() + from->node().size.width())
                            .arg(bus->pos().x())));
}

QTEST_MAIN(TestLiveWindow)
#include "tst_livewindow.moc"
