// The live window, driven as a user would (offscreen): the lab's sample
// events reach the expected consumers, the clock controls drive the engine's
// clock, clicks select things in the inspector, and what the plot draws is
// what the engine's metrics say.

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/ClockControls.h"
#include "ui/EngineSession.h"
#include "ui/FlowCanvas.h"
#include "ui/FlowEdgeItem.h"
#include "ui/InspectorPanel.h"
#include "ui/LogsPanel.h"
#include "ui/MainWindow.h"
#include "ui/MetricsPanel.h"
#include "ui/ProducerPanel.h"
#include "ui/editors/EditorsController.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include <memory>

using namespace ef;
using namespace ef::ui;

namespace {

constexpr SimTime kFrame = 16 * kMicrosPerMilli;

QString labPath()
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/resources/scenarios/storefront-lab.json");
}

struct Lab
{
    std::unique_ptr<Engine> engine;
    std::unique_ptr<MainWindow> window;
    QString prefix;

    bool open(QString *why)
    {
        const ScenarioLoad load = ScenarioFile::load(labPath());
        if (!load.ok()) {
            *why = QStringLiteral("cannot load %1: %2")
                       .arg(labPath(), load.errors.join(QStringLiteral("; ")));
            return false;
        }
        engine = std::make_unique<Engine>();
        const Status applied = engine->applyScenario(*load.scenario);
        if (!applied) {
            *why = applied.error().message;
            return false;
        }
        prefix = engine->settings().usernamePrefix;
        window = std::make_unique<MainWindow>(engine.get());
        window->resize(1600, 1000);
        return true;
    }

    // Frames of 16 ms at the current speed, as the window runs them.
    void run(SimTime wall)
    {
        for (SimTime done = 0; done < wall; done += kFrame)
            window->session()->advanceFrame(kFrame);
    }
};

#define OPEN_LAB(lab)                                                                          \
    Lab lab;                                                                                   \
    {                                                                                          \
        QString why;                                                                           \
        if (!lab.open(&why))                                                                   \
            QFAIL(qPrintable(why));                                                            \
    }

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void samplesReachTheExpectedConsumers_data();
    void samplesReachTheExpectedConsumers();
    void lowValueOrderSkipsHighValueRule();
    void pauseStopsTheEngineClock();
    void speedScalesTheEngineClock_data();
    void speedScalesTheEngineClock();
    void stepMovesToTheNextHappening();
    void clickingANodeSelectsItInTheInspector_data();
    void clickingANodeSelectsItInTheInspector();
    void clickingATokenShowsItsEvent();
    void plotEqualsEngineMetric_data();
    void plotEqualsEngineMetric();
    void successfulInvocationsPointsToInvocations();
    void draggedNodePositionIsSavedWithTheScenario();
    void logsShowEachConsumersGroup();
};

void TestMainWindow::samplesReachTheExpectedConsumers_data()
{
    QTest::addColumn<QString>("consumer");
    QTest::addColumn<int>("invocations");
    // The lab's walk-through: 3 OrderPlaced (one under $100), 1 PaymentProcessed,
    // 1 InventoryUpdated.
    QTest::addRow("order-processor") << QStringLiteral("order-processor") << 3;
    QTest::addRow("inventory-updater") << QStringLiteral("inventory-updater") << 4;
    QTest::addRow("payment-processor") << QStringLiteral("payment-processor") << 1;
    QTest::addRow("high-value-processor") << QStringLiteral("high-value-processor") << 2;
}

void TestMainWindow::samplesReachTheExpectedConsumers()
{
    QFETCH(QString, consumer);
    QFETCH(int, invocations);
    OPEN_LAB(lab);
    lab.window->controls()->sendSamplesAction()->trigger();
    lab.run(15 * kMicrosPerSecond);
    const QString name = lab.prefix + QLatin1Char('-') + consumer;
    const NodeStats stats = lab.window->canvas()->statsOf(FlowGraph::functionKey(name));
    QVERIFY2(lab.window->canvas()->nodeItem(FlowGraph::functionKey(name)),
             qPrintable(QStringLiteral("no node for %1").arg(name)));
    QCOMPARE(stats.invocations, std::uint64_t(invocations));
    QCOMPARE(stats.succeeded, std::uint64_t(invocations));
    QCOMPARE(stats.busy, 0);
    // The node shows what the engine counted.
    QCOMPARE(lab.window->canvas()->nodeItem(FlowGraph::functionKey(name))->stats().invocations,
             std::uint64_t(invocations));
    QCOMPARE(lab.window->canvas()->pendingEffects(), 0);
    QCOMPARE(lab.window->canvas()->tokens().size(), 0);
}

void TestMainWindow::lowValueOrderSkipsHighValueRule()
{
    OPEN_LAB(lab);
    ProducerPanel *producers = lab.window->producers();
    QVERIFY(producers->field(QStringLiteral("OrderPlaced"), QStringLiteral("amount")));
    producers->field(QStringLiteral("OrderPlaced"), QStringLiteral("amount"))
        ->setText(QStringLiteral("29.99"));
    QVERIFY2(producers->send(QStringLiteral("OrderPlaced")), qPrintable(producers->lastResponse()));
    lab.run(5 * kMicrosPerSecond);
    FlowCanvas *canvas = lab.window->canvas();
    auto count = [&](const QString &fn) {
        return canvas->statsOf(FlowGraph::functionKey(lab.prefix + QLatin1Char('-') + fn))
            .invocations;
    };
    QCOMPARE(count(QStringLiteral("order-processor")), std::uint64_t(1));
    QCOMPARE(count(QStringLiteral("inventory-updater")), std::uint64_t(1));
    QCOMPARE(count(QStringLiteral("high-value-processor")), std::uint64_t(0));
    QCOMPARE(count(QStringLiteral("payment-processor")), std::uint64_t(0));
}

void TestMainWindow::pauseStopsTheEngineClock()
{
    OPEN_LAB(lab);
    Engine &engine = *lab.engine;
    QAction *playPause = lab.window->controls()->playPauseAction();
    const SimTime t0 = engine.now();
    lab.run(100 * kMicrosPerMilli);
    QVERIFY(engine.now() > t0);
    playPause->trigger();
    QVERIFY(engine.isPaused());
    QCOMPARE(playPause->text(), QStringLiteral("Play"));
    const SimTime paused = engine.now();
    // Events sent while paused wait: nothing is lost, nothing moves.
    lab.window->producers()->send(QStringLiteral("PaymentProcessed"));
    lab.run(2 * kMicrosPerSecond);
    QCOMPARE(engine.now(), paused);
    QVERIFY(engine.hasPendingDeliveries());
    playPause->trigger();
    QVERIFY(!engine.isPaused());
    lab.run(5 * kMicrosPerSecond);
    QVERIFY(engine.now() > paused);
    QVERIFY(!engine.hasPendingDeliveries());
    const QString fn = FlowGraph::functionKey(lab.prefix + QStringLiteral("-payment-processor"));
    QCOMPARE(lab.window->canvas()->statsOf(fn).invocations, std::uint64_t(1));
}

void TestMainWindow::speedScalesTheEngineClock_data()
{
    QTest::addColumn<double>("speed");
    for (double s : ClockControls::speeds())
        QTest::addRow("%gx", s) << s;
}

void TestMainWindow::speedScalesTheEngineClock()
{
    QFETCH(double, speed);
    OPEN_LAB(lab);
    QComboBox *box = lab.window->controls()->speedBox();
    const int index = box->findData(speed);
    QVERIFY(index >= 0);
    box->setCurrentIndex(index);
    QCOMPARE(lab.engine->speed(), speed);
    const SimTime t0 = lab.engine->now();
    lab.window->session()->advanceFrame(100 * kMicrosPerMilli);
    QCOMPARE(lab.engine->now() - t0, static_cast<SimTime>(100 * kMicrosPerMilli * speed));
}

void TestMainWindow::stepMovesToTheNextHappening()
{
    OPEN_LAB(lab);
    Engine &engine = *lab.engine;
    lab.window->session()->setPaused(true);
    lab.window->producers()->send(QStringLiteral("PaymentProcessed"));
    // Each step moves the clock exactly to the next scheduled happening.
    int steps = 0;
    while (engine.nextDue()) {
        const SimTime due = std::max(*engine.nextDue(), engine.now());
        lab.window->controls()->stepAction()->trigger();
        QVERIFY(engine.isPaused());
        QCOMPARE(engine.now(), due);
        QVERIFY(++steps < 100);
    }
    // Hand-off, then the function's completion: at least two steps.
    QVERIFY(steps >= 2);
    QVERIFY(!engine.hasPendingDeliveries());
    QVERIFY(!lab.window->session()->step());  // nothing left
    lab.window->session()->setPaused(false);
    lab.run(2 * kMicrosPerSecond);
    const QString fn = FlowGraph::functionKey(lab.prefix + QStringLiteral("-payment-processor"));
    QCOMPARE(lab.window->canvas()->statsOf(fn).succeeded, std::uint64_t(1));
}

void TestMainWindow::clickingANodeSelectsItInTheInspector_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("shows");
    QTest::addRow("rule") << QStringLiteral("rule:{p}-ecommerce-events/{p}-high-value-order-rule")
                          << QStringLiteral("\"numeric\"");
    QTest::addRow("bus") << QStringLiteral("bus:{p}-ecommerce-events")
                         << QStringLiteral("{p}-payment-processing-rule");
    QTest::addRow("function") << QStringLiteral("fn:{p}-inventory-updater")
                              << QStringLiteral("/aws/lambda/{p}-inventory-updater");
    QTest::addRow("producer") << QStringLiteral("producer:{p}-event-producer")
                              << QStringLiteral("ecommerce.application");
}

void TestMainWindow::clickingANodeSelectsItInTheInspector()
{
    QFETCH(QString, key);
    QFETCH(QString, shows);
    OPEN_LAB(lab);
    key.replace(QStringLiteral("{p}"), lab.prefix);
    shows.replace(QStringLiteral("{p}"), lab.prefix);
    lab.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(lab.window.get()));
    FlowCanvas *canvas = lab.window->canvas();
    FlowNodeItem *item = canvas->nodeItem(key);
    QVERIFY2(item, qPrintable(key));
    const QPointF centre = item->mapToScene(item->boundingRect().center());
    canvas->ensureVisible(item);
    const QPoint at = canvas->mapFromScene(centre);
    QVERIFY(canvas->viewport()->rect().contains(at));
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, at);
    QVERIFY(item->isSelected());
    QCOMPARE(lab.window->inspector()->currentNode(), key);
    QVERIFY2(lab.window->inspector()->text().contains(shows),
             qPrintable(lab.window->inspector()->text()));
}

void TestMainWindow::clickingATokenShowsItsEvent()
{
    OPEN_LAB(lab);
    lab.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(lab.window.get()));
    QVERIFY(lab.window->producers()->send(QStringLiteral("InventoryUpdated")));
    // Half-way along the producer -> bus edge.
    lab.run(FlowCanvas::kHop / 2);
    FlowCanvas *canvas = lab.window->canvas();
    QCOMPARE(canvas->tokens().visible(), 1);
    QPointF scenePos;
    const EventSeq seq = 1;
    QVERIFY(canvas->tokens().positionOf(seq, &scenePos));
    const QPoint at = canvas->mapFromScene(scenePos);
    QTest::mouseClick(canvas->viewport(), Qt::LeftButton, {}, at);
    const QString id = lab.engine->eventId(seq);
    QVERIFY(!id.isEmpty());
    QCOMPARE(lab.window->inspector()->currentEvent(), id);
    const QString text = lab.window->inspector()->text();
    QVERIFY2(text.contains(QStringLiteral("InventoryUpdated")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("not matched")), qPrintable(text));
}

void TestMainWindow::plotEqualsEngineMetric_data()
{
    QTest::addColumn<QString>("metric");
    QTest::addRow("Invocations") << QStringLiteral("Invocations");
    QTest::addRow("MatchedEvents") << QStringLiteral("MatchedEvents");
}

void TestMainWindow::plotEqualsEngineMetric()
{
    QFETCH(QString, metric);
    OPEN_LAB(lab);
    lab.window->controls()->sendSamplesAction()->trigger();
    lab.run(6 * kMicrosPerSecond);
    MetricsPanel *metrics = lab.window->metrics();
    metrics->setMetric(QStringLiteral("AWS/Events"), metric);
    metrics->replot();
    const QString rule = lab.prefix + QStringLiteral("-inventory-update-rule");
    QVERIFY2(metrics->seriesLabels().contains(rule),
             qPrintable(metrics->seriesLabels().join(QLatin1Char(','))));
    const std::vector<MetricPoint> plotted = metrics->plotted(rule);
    // The same query the panel answers from: the rule's series on its custom bus.
    MetricId id{QStringLiteral("AWS/Events"), metric,
                {{QStringLiteral("EventBusName"), lab.prefix + QStringLiteral("-ecommerce-events")},
                 {QStringLiteral("RuleName"), rule}}};
    const SimTime now = lab.engine->now();
    const auto engineSeries = lab.engine->metricSeries(id, Statistic::Sum, now - 60 * kMicrosPerSecond, now);
    QVERIFY(!engineSeries.empty());
    QCOMPARE(plotted.size(), engineSeries.size());
    double total = 0;
    for (std::size_t i = 0; i < plotted.size(); ++i) {
        QCOMPARE(plotted[i].second, engineSeries[i].second);
        QCOMPARE(plotted[i].value, engineSeries[i].value);
        total += plotted[i].value;
    }
    // Four events match the inventory rule (three orders, one inventory update).
    QCOMPARE(total, 4.0);
    // And the graph holds the same numbers, zero-filled between seconds.
    QCustomPlot *plot = metrics->plot();
    QCPGraph *graph = nullptr;
    for (int i = 0; i < plot->graphCount(); ++i) {
        if (plot->graph(i)->name() == rule)
            graph = plot->graph(i);
    }
    QVERIFY(graph);
    double drawn = 0;
    for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        drawn += it->value;
    QCOMPARE(drawn, total);
    QVERIFY(plot->legend->visible());
}

void TestMainWindow::successfulInvocationsPointsToInvocations()
{
    OPEN_LAB(lab);
    lab.window->controls()->sendSamplesAction()->trigger();
    lab.run(6 * kMicrosPerSecond);
    MetricsPanel *metrics = lab.window->metrics();
    metrics->setMetric(QStringLiteral("AWS/Events"), QStringLiteral("SuccessfulInvocations"));
    metrics->replot();
    QVERIFY(metrics->seriesLabels().isEmpty());
    QVERIFY2(metrics->notice().contains(QStringLiteral("Use Invocations")),
             qPrintable(metrics->notice()));
}

void TestMainWindow::draggedNodePositionIsSavedWithTheScenario()
{
    OPEN_LAB(lab);
    FlowCanvas *canvas = lab.window->canvas();
    const QString key = FlowGraph::functionKey(lab.prefix + QStringLiteral("-payment-processor"));
    FlowNodeItem *item = canvas->nodeItem(key);
    QVERIFY(item);
    lab.window->show();
    QVERIFY(QTest::qWaitForWindowExposed(lab.window.get()));
    canvas->ensureVisible(item);
    const QPointF before = item->pos();
    const QPoint from = canvas->mapFromScene(item->mapToScene(QPointF(60, 20)));
    const QPoint to = from + QPoint(0, 80);
    QTest::mousePress(canvas->viewport(), Qt::LeftButton, {}, from);
    QMouseEvent move(QEvent::MouseMove, QPointF(to), canvas->viewport()->mapToGlobal(QPointF(to)),
                     Qt::NoButton, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(canvas->viewport(), &move);
    QTest::mouseRelease(canvas->viewport(), Qt::LeftButton, {}, to);
    const QPointF moved = item->pos();
    QVERIFY(moved != before);
    QCOMPARE(lab.engine->nodePositions().value(key), moved);
    // The drag is one undoable step: undo puts the node back, redo moves it again.
    lab.window->editors()->undoAction()->trigger();
    QCOMPARE(canvas->nodeItem(key)->pos(), before);
    lab.window->editors()->redoAction()->trigger();
    QCOMPARE(canvas->nodeItem(key)->pos(), moved);

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("lab.json"));
    QString error;
    QVERIFY2(lab.window->saveScenario(path, &error), qPrintable(error));
    const ScenarioLoad reloaded = ScenarioFile::load(path);
    QVERIFY2(reloaded.ok(), qPrintable(reloaded.errors.join(QLatin1Char('\n'))));
    QCOMPARE(reloaded.scenario->nodePositions.value(key), moved);
    // A window opened on the saved file puts the node there.
    Engine other;
    QVERIFY(other.applyScenario(*reloaded.scenario));
    MainWindow second(&other);
    QCOMPARE(second.canvas()->nodeItem(key)->pos(), moved);
}

void TestMainWindow::logsShowEachConsumersGroup()
{
    OPEN_LAB(lab);
    lab.window->controls()->sendSamplesAction()->trigger();
    lab.run(6 * kMicrosPerSecond);
    LogsPanel *logs = lab.window->logs();
    logs->poll();
    const QString inventory = QStringLiteral("/aws/lambda/") + lab.prefix
                              + QStringLiteral("-inventory-updater");
    QVERIFY2(logs->groups().contains(inventory), qPrintable(logs->groups().join(QLatin1Char(','))));
    logs->setGroupFilter(inventory);
    logs->setTextFilter(QStringLiteral("LOW STOCK"));
    const QStringList lines = logs->visibleLines();
    QCOMPARE(lines.size(), 1);
    QVERIFY(lines.front().contains(QStringLiteral("laptop-001")));
    logs->setTextFilter(QString());
    int starts = 0;
    for (const QString &line : logs->visibleLines())
        starts += line.contains(QStringLiteral(" START RequestId:"));
    QCOMPARE(starts, 4);
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
