// The canvas under failures (tests/data/ui-failures.json): Lambda's own
// retries of a function that always raises, EventBridge's retries of a
// throttled hand-off ending in a dead-letter queue, a target EventBridge may
// not invoke, and an event no rule matches. Node counts must equal what the
// engine itself counted.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/EngineSession.h"
#include "ui/FlowCanvas.h"
#include "ui/FlowEdgeItem.h"
#include "ui/MainWindow.h"
#include "ui/ProducerPanel.h"

#include <QtTest>

#include <memory>

using namespace ef;
using namespace ef::ui;

class TestCanvasFailures : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void countsEqualTheEngine_data();
    void countsEqualTheEngine();
    void missingPermissionBlocksItsEdge();
    void noRuleMatchedStopsAtTheBus();

private:
    double metricSum(const QString &ns, const QString &name, std::vector<Dimension> dims);

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<MainWindow> m_window;
};

void TestCanvasFailures::init()
{
    const QString path = QStringLiteral(EVENTFLOW_SOURCE_DIR "/tests/data/ui-failures.json");
    const ScenarioLoad load = ScenarioFile::load(path);
    if (!load.ok())
        QFAIL(qPrintable(path + QStringLiteral(": ") + load.errors.join(QStringLiteral("; "))));
    m_engine = std::make_unique<Engine>();
    const Status applied = m_engine->applyScenario(*load.scenario);
    if (!applied)
        QFAIL(qPrintable(applied.error().message));
    m_window = std::make_unique<MainWindow>(m_engine.get());
    m_window->producers()->sendSamples();
    // Lambda retries wait one and two minutes: run five minutes of
    // simulation in 250 ms frames.
    for (int i = 0; i < 5 * 60 * 4; ++i)
        m_window->session()->advanceFrame(250 * kMicrosPerMilli);
}

void TestCanvasFailures::cleanup()
{
    m_window.reset();
    m_engine.reset();
}

double TestCanvasFailures::metricSum(const QString &ns, const QString &name,
                                     std::vector<Dimension> dims)
{
    const SimTime now = m_engine->now();
    double sum = 0;
    for (const MetricPoint &p :
         m_engine->metricSeries({ns, name, std::move(dims)}, Statistic::Sum, now - 3600 * kMicrosPerSecond, now))
        sum += p.value;
    return sum;
}

void TestCanvasFailures::countsEqualTheEngine_data()
{
    QTest::addColumn<QString>("function");
    QTest::addRow("flaky") << QStringLiteral("flaky");
    QTest::addRow("busy") << QStringLiteral("busy");
}

void TestCanvasFailures::countsEqualTheEngine()
{
    QFETCH(QString, function);
    QVERIFY(!m_engine->hasPendingDeliveries());
    const NodeStats s = m_window->canvas()->statsOf(FlowGraph::functionKey(function));
    const std::vector<Dimension> fn{{QStringLiteral("FunctionName"), function}};
    QCOMPARE(double(s.invocations), metricSum(QStringLiteral("AWS/Lambda"),
                                              QStringLiteral("Invocations"), fn));
    QCOMPARE(double(s.failed), metricSum(QStringLiteral("AWS/Lambda"), QStringLiteral("Errors"), fn));
    QCOMPARE(double(s.throttled),
             metricSum(QStringLiteral("AWS/Lambda"), QStringLiteral("Throttles"), fn));
    QCOMPARE(s.busy, 0);
    if (function == QLatin1String("flaky")) {
        // Three events, each run three times by Lambda (two retries), then
        // sent to the function's on-failure queue.
        QCOMPARE(s.invocations, std::uint64_t(9));
        QCOMPARE(s.failed, std::uint64_t(9));
        QCOMPARE(m_window->canvas()->statsOf(FlowGraph::queueKey(QStringLiteral("flaky-failures")))
                     .received,
                 std::uint64_t(3));
    } else {
        // One runs at a time for two seconds: the others are throttled.
        QVERIFY(s.throttled >= 1);
    }
    // The dead-letter queue shows what the engine holds.
    for (const QueueInfo &q : m_engine->queues()) {
        QCOMPARE(m_window->canvas()->statsOf(FlowGraph::queueKey(q.name)).received,
                 q.messagesReceived);
    }
}

void TestCanvasFailures::missingPermissionBlocksItsEdge()
{
    FlowCanvas *canvas = m_window->canvas();
    const int rule = canvas->graph().indexOf(FlowGraph::ruleKey(QStringLiteral("orders"),
                                                                 QStringLiteral("to-locked")));
    const int fn = canvas->graph().indexOf(FlowGraph::functionKey(QStringLiteral("locked")));
    QVERIFY(rule >= 0 && fn >= 0);
    const int edge = canvas->graph().edgeBetween(rule, fn);
    QVERIFY(edge >= 0);
    QVERIFY(canvas->edgeItem(edge)->isBlocked());
    QCOMPARE(canvas->statsOf(FlowGraph::functionKey(QStringLiteral("locked"))).denied,
             std::uint64_t(3));
    QCOMPARE(canvas->statsOf(FlowGraph::functionKey(QStringLiteral("locked"))).invocations,
             std::uint64_t(0));
    // Unblocked edges stay unblocked.
    const int flaky = canvas->graph().indexOf(FlowGraph::functionKey(QStringLiteral("flaky")));
    const int toFlaky = canvas->graph().indexOf(FlowGraph::ruleKey(QStringLiteral("orders"),
                                                                    QStringLiteral("to-flaky")));
    QVERIFY(!canvas->edgeItem(canvas->graph().edgeBetween(toFlaky, flaky))->isBlocked());
}

void TestCanvasFailures::noRuleMatchedStopsAtTheBus()
{
    const NodeStats bus = m_window->canvas()->statsOf(FlowGraph::busKey(QStringLiteral("orders")));
    QCOMPARE(bus.events, std::uint64_t(4));
    QCOMPARE(bus.noMatch, std::uint64_t(1));
    QCOMPARE(bus.noMatch, m_engine->counters().eventsWithoutMatch);
}

QTEST_MAIN(TestCanvasFailures)
#include "tst_canvasfailures.moc"
