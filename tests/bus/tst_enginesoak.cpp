// Nothing unaccounted: 100,000 random events through random rules and
// functions that fail, throttle, lack permission or do not exist, with and
// without dead-letter queues and retry policies, on the virtual clock. Every
// accepted entry's deliveries end delivered, dead-lettered or dropped with a
// reason, and the engine can say which for each event id.

#include "EngineTestKit.h"

#include <QtTest>

#include <random>

using namespace kit;

class TestEngineSoak : public QObject
{
    Q_OBJECT

private slots:
    void nothingUnaccounted();
};

void TestEngineSoak::nothingUnaccounted()
{
    ef::EngineOptions options;
    options.seed = 20261204;
    options.eventCapacity = 1 << 19;  // keep every envelope (and forwarded copy) for the per-id check
    options.traceCapacity = 1 << 21;
    ef::Engine engine(options);
    std::mt19937 random(42);
    auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };

    QVERIFY(engine.createEventBus({QStringLiteral("orders"), QString()}));
    const QStringList types{"A", "B", "C", "D"};
    // Functions: some fail, some throttle, one lacks permission, one has a failure destination.
    for (int f = 0; f < 8; ++f) {
        QJsonObject fn = consumer(QStringLiteral("fn%1").arg(f), 50 + 100 * (f % 4),
                                  f % 3 == 0 ? 0.3 : 0.0, f == 5 ? 2 : 50, f == 7);
        if (f == 3)
            fn.insert(QStringLiteral("onFailure"), sqsArn(QStringLiteral("lambda-failures")));
        QVERIFY(engine.putConsumer(fn));
    }
    for (int r = 0; r < 12; ++r) {
        std::vector<ef::Target> targets;
        const int n = 1 + pick(3);
        for (int t = 0; t < n; ++t) {
            const int kind = pick(10);
            ef::Target target;
            target.id = QString::number(t);
            if (kind < 7)
                target.arn = lambdaArn(QStringLiteral("fn%1").arg(pick(8)));
            else if (kind < 8)
                target.arn = lambdaArn(QStringLiteral("ghost"), QStringLiteral("999999999999"));
            else if (kind < 9)
                target.arn = sqsArn(QStringLiteral("q%1").arg(r));
            else
                target.arn = busArn(r % 2 ? QStringLiteral("orders") : QStringLiteral("default"));
            if (pick(2))
                target.retryPolicy = ef::RetryPolicy{pick(4), 60 + pick(600)};
            if (pick(3) == 0)
                target.deadLetterConfig = ef::DeadLetterConfig{sqsArn(QStringLiteral("dlq"))};
            targets.push_back(target);
        }
        const QString pattern = QStringLiteral(R"({"detail-type":["%1"]})").arg(types[r % 4]);
        QCOMPARE(rule(engine, QStringLiteral("rule%1").arg(r), pattern, targets,
                      r % 2 ? QStringLiteral("default") : QStringLiteral("orders")),
                 QString());
    }

    QStringList ids;
    ids.reserve(100000);
    int rejected = 0;
    std::vector<ef::PutEventsRequestEntry> batch;
    for (int i = 0; i < 100000; ++i) {
        const bool bad = pick(100) == 0;
        batch.push_back(entry(bad ? "aws.nope" : "shop", types[pick(4)].toStdString(),
                              "{\"n\":" + std::to_string(i) + "}",
                              pick(2) ? "orders" : ""));
        if (batch.size() == 10 || i == 99999) {
            const auto r = engine.putEvents(batch);
            QVERIFY(r);
            for (const auto &e : r->entries) {
                if (e.ok())
                    ids << e.eventId;
                else
                    ++rejected;
            }
            batch.clear();
            engine.advanceBy(20 * ef::kMicrosPerMilli);  // 500 events a second
        }
    }
    engine.runUntilIdle();

    const ef::EngineCounters c = engine.counters();
    QCOMPARE(c.pending, std::uint64_t(0));
    QCOMPARE(c.entriesRejected, std::uint64_t(rejected));
    QVERIFY(c.deliveriesCreated > 100000);
    QCOMPARE(c.delivered + c.deadLettered + c.dropped, c.deliveriesCreated);
    QVERIFY(c.deadLettered > 0);
    QVERIFY(c.dropped > 0);
    // Per event id: every delivery has an outcome.
    std::uint64_t delivered = 0, deadLettered = 0, dropped = 0;
    for (const QString &id : std::as_const(ids)) {
        const ef::EventHistory h = engine.eventHistory(id);
        QVERIFY2(h.found, qPrintable(id));
        QCOMPARE(h.pending, 0);
        QCOMPARE(h.delivered + h.deadLettered + h.dropped, h.deliveries);
        // Forwarded copies are counted with their original, so sum originals only.
        delivered += static_cast<std::uint64_t>(h.delivered);
        deadLettered += static_cast<std::uint64_t>(h.deadLettered);
        dropped += static_cast<std::uint64_t>(h.dropped);
    }
    QCOMPARE(delivered + deadLettered + dropped, c.deliveriesCreated);
    qInfo("%d events, %llu deliveries: %llu delivered, %llu dead-lettered, %llu dropped",
          static_cast<int>(ids.size()), static_cast<unsigned long long>(c.deliveriesCreated),
          static_cast<unsigned long long>(c.delivered),
          static_cast<unsigned long long>(c.deadLettered),
          static_cast<unsigned long long>(c.dropped));
}

QTEST_GUILESS_MAIN(TestEngineSoak)
#include "tst_enginesoak.moc"
