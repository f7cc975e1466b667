// Delivery as the services split it, on the virtual clock: EventBridge's
// RetryPolicy and dead-letter queues, Lambda's own asynchronous retries and
// failure destination, throttling, bus-to-bus forwarding, queues, schedules,
// the clock, the trace and each event's history.

#include "EngineTestKit.h"

#include <QtTest>

using namespace kit;

namespace {

const QString kAnyEvent = QStringLiteral(R"({"source":["shop"]})");
const ef::SimTime kStart = ef::EngineOptions().virtualStart;
const ef::SimTime kSecond = ef::kMicrosPerSecond;

std::vector<ef::Happening> ofEvent(const TraceLog &trace, const ef::Engine &engine,
                                   const QString &id)
{
    std::vector<ef::Happening> out;
    for (const ef::Happening &h : trace.raw) {
        if (engine.eventId(h.event) == id)
            out.push_back(h);
    }
    return out;
}

QStringList kinds(const std::vector<ef::Happening> &hs)
{
    QStringList out;
    for (const auto &h : hs)
        out << ef::happeningKindName(h.kind);
    return out;
}

ef::Target withRetry(ef::Target t, int retries, int age, const QString &dlq = QString())
{
    t.retryPolicy = ef::RetryPolicy{retries, age};
    if (!dlq.isEmpty())
        t.deadLetterConfig = ef::DeadLetterConfig{dlq};
    return t;
}

QString attribute(const ef::QueueMessage &m, const char *name)
{
    for (const auto &[k, v] : m.attributes) {
        if (k == QLatin1String(name))
            return v;
    }
    return QString();
}

} // namespace

class TestEngineDelivery : public QObject
{
    Q_OBJECT

private slots:
    void deliveredOnTheClock();
    void throttlingRetriesWithBackoffThenDeadLetters();
    void retriesStopAtMaximumEventAge();
    void noRetriesMeansDroppedWithReason();
    void handOffErrorsGoStraightToTheDlq_data();
    void handOffErrorsGoStraightToTheDlq();
    void missingDlqCountsFailedToBeSent();
    void functionErrorsAreLambdasRetry();
    void functionErrorsWithoutDestinationAreDropped();
    void forwardingToAnotherBus();
    void forwardingLoopIsNotInvoked();
    void forwardingToMissingBus();
    void queueTargetKeepsMessages();
    void transformedInputReachesTheFunction();
    void rateSchedule();
    void cronSchedule();
    void stepRunsTheNextScheduledHappening();
    void realClockSpeedAndPause();
    void traceComesInBatches();
    void historyOfAnEvent();
};

void TestEngineDelivery::deliveredOnTheClock()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 250)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}"));
    // Asynchronous: nothing is delivered until the clock moves.
    QCOMPARE(engine.counters().pending, std::uint64_t(1));
    QCOMPARE(trace.count(QStringLiteral("TargetInvoked")), 0);
    engine.advanceBy(100 * ef::kMicrosPerMilli);
    QCOMPARE(trace.count(QStringLiteral("TargetInvoked")), 1);
    QCOMPARE(trace.count(QStringLiteral("Delivered")), 0);
    engine.advanceBy(150 * ef::kMicrosPerMilli);
    QCOMPARE(trace.count(QStringLiteral("Delivered")), 1);
    const auto hs = ofEvent(trace, engine, id);
    QCOMPARE(kinds(hs), QStringList({"EntryAccepted", "RuleMatched", "TargetInvoked", "Delivered"}));
    QCOMPARE(hs.back().time, kStart + 250 * ef::kMicrosPerMilli);
    QCOMPARE(hs.back().service, ef::Service::Lambda);
    QCOMPARE(hs.back().value, 250000);
    QCOMPARE(engine.counters().pending, std::uint64_t(0));
    QCOMPARE(functionMetric(engine, QStringLiteral("fn"), QStringLiteral("Duration")), 250.0);
}

void TestEngineDelivery::throttlingRetriesWithBackoffThenDeadLetters()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 10000, 0, 1)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {withRetry(target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn"))), 2, 3600,
                             sqsArn(QStringLiteral("dlq")))}),
             QString());
    const QString first = put(engine, entry("shop", "T", "{}"));
    const QString second = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, second);
    QCOMPARE(kinds(hs), QStringList({"EntryAccepted", "RuleMatched", "Throttled", "Retried",
                                     "Throttled", "Retried", "Throttled", "DeadLettered"}));
    // Exponential back-off with jitter: the n-th delay is within [2^(n-1)/2, 2^(n-1)] s.
    QCOMPARE(hs[3].service, ef::Service::EventBridge);
    QVERIFY(hs[3].value >= 500000 && hs[3].value <= 1000000);
    QVERIFY(hs[5].value >= 1000000 && hs[5].value <= 2000000);
    QCOMPARE(hs[4].time, hs[3].time + hs[3].value);
    QCOMPARE(hs[6].time, hs[5].time + hs[5].value);
    QCOMPARE(hs[6].attempt, std::uint8_t(3));
    QCOMPARE(engine.describe(hs[7]).consumer, QStringLiteral("dlq"));
    QCOMPARE(hs[7].service, ef::Service::EventBridge);
    // The first event was delivered all the same.
    QCOMPARE(kinds(ofEvent(trace, engine, first)).last(), QStringLiteral("Delivered"));

    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("ThrottledRules")), 3.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("InvocationAttempts")), 4.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("RetryInvocationAttempts")), 2.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("InvocationsSentToDlq")), 1.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("FailedInvocations")), 1.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("Invocations")), 2.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("DeadLetterInvocations")), 0.0);
    QCOMPARE(functionMetric(engine, QStringLiteral("fn"), QStringLiteral("Throttles")), 3.0);

    const auto messages = engine.queueMessages(QStringLiteral("dlq"));
    QCOMPARE(messages->size(), std::size_t(1));
    const ef::QueueMessage &m = messages->front();
    QCOMPARE(m.eventId, second);
    QCOMPARE(attribute(m, "ERROR_CODE"), QStringLiteral("THROTTLING"));
    QCOMPARE(attribute(m, "RULE_ARN"), QStringLiteral("arn:aws:events:us-east-1:123456789012:rule/r"));
    QCOMPARE(attribute(m, "TARGET_ARN"), lambdaArn(QStringLiteral("fn")));
    QCOMPARE(attribute(m, "RETRY_ATTEMPTS"), QStringLiteral("2"));
    QVERIFY(m.body.contains(second));

    const ef::EventHistory h = engine.eventHistory(second);
    QCOMPARE(h.deadLettered, 1);
    QCOMPARE(h.pending, 0);
}

void TestEngineDelivery::retriesStopAtMaximumEventAge()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 600000, 0, 1)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {withRetry(target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn"))), 185, 60)}),
             QString());
    put(engine, entry("shop", "T", "{}"));
    const QString second = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, second);
    const ef::Happening &last = hs.back();
    QCOMPARE(last.kind, ef::HappeningKind::Dropped);
    QCOMPARE(last.reason, ef::Reason::MaximumEventAgeExceeded);
    QVERIFY(last.time - kStart <= 60 * kSecond);
    QVERIFY(last.time - kStart > 15 * kSecond);  // it did retry for a while
    QVERIFY(trace.count(QStringLiteral("Retried")) >= 4);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("FailedInvocations")), 1.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("InvocationsSentToDlq")), 0.0);
}

void TestEngineDelivery::noRetriesMeansDroppedWithReason()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 1000, 0, 1)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {withRetry(target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn"))), 0, 60)}),
             QString());
    put(engine, entry("shop", "T", "{}"));
    const QString second = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, second);
    QCOMPARE(kinds(hs), QStringList({"EntryAccepted", "RuleMatched", "Throttled", "Dropped"}));
    QCOMPARE(hs.back().reason, ef::Reason::RetriesExhausted);
    QVERIFY(!engine.describe(hs.back()).reason.isEmpty());
    QCOMPARE(engine.eventHistory(second).dropped, 1);
}

void TestEngineDelivery::handOffErrorsGoStraightToTheDlq_data()
{
    QTest::addColumn<QString>("targetArn");
    QTest::addColumn<bool>("missingPermission");
    QTest::addColumn<QString>("refusal");
    QTest::addColumn<QString>("errorCode");
    QTest::addRow("permission denied") << lambdaArn(QStringLiteral("fn")) << true
                                       << "PermissionDenied" << "NO_PERMISSIONS";
    QTest::addRow("function in another account")
        << lambdaArn(QStringLiteral("fn"), QStringLiteral("999999999999")) << false
        << "TargetFailed" << "RESOURCE_NOT_FOUND";
}

void TestEngineDelivery::handOffErrorsGoStraightToTheDlq()
{
    QFETCH(QString, targetArn);
    QFETCH(bool, missingPermission);
    QFETCH(QString, refusal);
    QFETCH(QString, errorCode);
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0, 0, 10, missingPermission)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {withRetry(target(QStringLiteral("1"), targetArn), 185, 86400,
                             sqsArn(QStringLiteral("dlq")))}),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, id);
    QCOMPARE(kinds(hs), QStringList({"EntryAccepted", "RuleMatched", refusal, "DeadLettered"}));
    QCOMPARE(hs[2].service, ef::Service::Lambda);  // who refused
    QCOMPARE(hs[3].service, ef::Service::EventBridge);  // who moved it to the DLQ
    QCOMPARE(hs[3].time, kStart);  // no retry, no waiting
    QCOMPARE(attribute(engine.queueMessages(QStringLiteral("dlq"))->front(), "ERROR_CODE"), errorCode);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("InvocationAttempts")), 1.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("InvocationsSentToDlq")), 1.0);
    QCOMPARE(functionMetric(engine, QStringLiteral("fn"), QStringLiteral("Invocations")), 0.0);
}

void TestEngineDelivery::missingDlqCountsFailedToBeSent()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0, 0, 10, true)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {withRetry(target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn"))), 185, 86400,
                             sqsArn(QStringLiteral("dlq"), QStringLiteral("999999999999")))}),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, id);
    QCOMPARE(hs.back().kind, ef::HappeningKind::Dropped);
    QCOMPARE(hs.back().reason, ef::Reason::DeadLetterQueueFailed);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("InvocationsFailedToBeSentToDlq")), 1.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("InvocationsSentToDlq")), 0.0);
}

void TestEngineDelivery::functionErrorsAreLambdasRetry()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 100, 1.0, 10, false,
                                        sqsArn(QStringLiteral("failures")))));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, id);
    QCOMPARE(kinds(hs), QStringList({"EntryAccepted", "RuleMatched", "TargetInvoked",
                                     "FunctionFailed", "Retried", "FunctionStarted",
                                     "FunctionFailed", "Retried", "FunctionStarted",
                                     "FunctionFailed", "DeadLettered"}));
    const ef::SimTime ms = ef::kMicrosPerMilli;
    QCOMPARE(hs[3].time, kStart + 100 * ms);
    QCOMPARE(hs[4].service, ef::Service::Lambda);
    QCOMPARE(hs[4].value, 60000000);  // one minute
    QCOMPARE(hs[5].time, kStart + 60100 * ms);
    QCOMPARE(hs[7].value, 120000000);  // then two minutes
    QCOMPARE(hs[8].time, kStart + 180200 * ms);
    QCOMPARE(hs[10].service, ef::Service::Lambda);
    QCOMPARE(engine.describe(hs[10]).consumer, QStringLiteral("failures"));
    // EventBridge's part went fine: one invocation, no failure.
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("Invocations")), 1.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("FailedInvocations")), 0.0);
    QCOMPARE(functionMetric(engine, QStringLiteral("fn"), QStringLiteral("Invocations")), 3.0);
    QCOMPARE(functionMetric(engine, QStringLiteral("fn"), QStringLiteral("Errors")), 3.0);
    QCOMPARE(engine.queueMessages(QStringLiteral("failures"))->size(), std::size_t(1));
    const QStringList lines = logLines(engine, QStringLiteral("fn"));
    QCOMPARE(lines.filter(QStringLiteral("\tERROR\t")).size(), 3);
    QCOMPARE(engine.eventHistory(id).deadLettered, 1);
}

void TestEngineDelivery::functionErrorsWithoutDestinationAreDropped()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0, 1.0)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, id);
    QCOMPARE(hs.back().kind, ef::HappeningKind::Dropped);
    QCOMPARE(hs.back().service, ef::Service::Lambda);
    QCOMPARE(hs.back().reason, ef::Reason::FunctionError);
    QCOMPARE(hs.back().time, kStart + 180 * kSecond);
}

void TestEngineDelivery::forwardingToAnotherBus()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.createEventBus({QStringLiteral("a"), QString()}));
    QVERIFY(engine.createEventBus({QStringLiteral("b"), QString()}));
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0)));
    QCOMPARE(rule(engine, QStringLiteral("to-b"), kAnyEvent,
                  {target(QStringLiteral("1"), busArn(QStringLiteral("b")))}, QStringLiteral("a")),
             QString());
    QCOMPARE(rule(engine, QStringLiteral("on-b"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}, QStringLiteral("b")),
             QString());
    const QString id = put(engine, entry("shop", "T", R"({"n":1})", "a"));
    engine.runUntilIdle();
    // The same event (same id) runs on bus b.
    const auto hs = ofEvent(trace, engine, id);
    QCOMPARE(kinds(hs), QStringList({"EntryAccepted", "RuleMatched", "TargetInvoked",
                                     "EntryAccepted", "Delivered", "RuleMatched", "TargetInvoked",
                                     "Delivered"}));
    QCOMPARE(engine.describe(hs[3]).bus, QStringLiteral("b"));
    QCOMPARE(engine.describe(hs[2]).consumer, QStringLiteral("b"));
    QCOMPARE(functionMetric(engine, QStringLiteral("fn"), QStringLiteral("Invocations")), 1.0);
    const ef::EventHistory h = engine.eventHistory(id);
    QCOMPARE(h.deliveries, 2);
    QCOMPARE(h.delivered, 2);
    QCOMPARE(h.happenings.size(), hs.size());
    QCOMPARE(ruleMetric(engine, QStringLiteral("on-b"), QStringLiteral("MatchedEvents"),
                        QStringLiteral("b")),
             1.0);
}

void TestEngineDelivery::forwardingLoopIsNotInvoked()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.createEventBus({QStringLiteral("a"), QString()}));
    QVERIFY(engine.createEventBus({QStringLiteral("b"), QString()}));
    QCOMPARE(rule(engine, QStringLiteral("to-b"), kAnyEvent,
                  {target(QStringLiteral("1"), busArn(QStringLiteral("b")))}, QStringLiteral("a")),
             QString());
    QCOMPARE(rule(engine, QStringLiteral("to-a"), kAnyEvent,
                  {target(QStringLiteral("1"), busArn(QStringLiteral("a")))}, QStringLiteral("b")),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}", "a"));
    engine.runUntilIdle();
    const auto hs = ofEvent(trace, engine, id);
    QCOMPARE(hs.back().kind, ef::HappeningKind::Dropped);
    QCOMPARE(hs.back().reason, ef::Reason::LoopDetected);
    QCOMPARE(ruleMetric(engine, QStringLiteral("to-a"), QStringLiteral("DeadLetterInvocations"),
                        QStringLiteral("b")),
             1.0);
    QCOMPARE(ruleMetric(engine, QStringLiteral("to-a"), QStringLiteral("FailedInvocations"),
                        QStringLiteral("b")),
             0.0);
    QCOMPARE(engine.counters().pending, std::uint64_t(0));
    QCOMPARE(engine.eventHistory(id).dropped, 1);
}

void TestEngineDelivery::forwardingToMissingBus()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), busArn(QStringLiteral("gone")))}),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    QCOMPARE(kinds(ofEvent(trace, engine, id)),
             QStringList({"EntryAccepted", "RuleMatched", "TargetFailed", "Dropped"}));
    QCOMPARE(ofEvent(trace, engine, id)[2].reason, ef::Reason::EventBusNotFound);
}

void TestEngineDelivery::queueTargetKeepsMessages()
{
    ef::Engine engine;
    ef::Target t = target(QStringLiteral("q"), sqsArn(QStringLiteral("orders-queue")));
    t.inputPath = QStringLiteral("$.detail");
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent, {t}), QString());
    const QString id = put(engine, entry("shop", "T", R"({"orderId":"o-1","amount":9.5})"));
    engine.runUntilIdle();
    const auto messages = engine.queueMessages(QStringLiteral("orders-queue"));
    QCOMPARE(messages->size(), std::size_t(1));
    QCOMPARE(messages->front().body, QStringLiteral(R"({"orderId":"o-1","amount":9.5})"));
    QCOMPARE(messages->front().eventId, id);
    QCOMPARE(engine.queues().front().messagesReceived, std::uint64_t(1));
    QVERIFY(engine.queues().front().referenced);
    QVERIFY(engine.purgeQueue(QStringLiteral("orders-queue")));
    QVERIFY(engine.queueMessages(QStringLiteral("orders-queue"))->empty());
    QCOMPARE(engine.queueMessages(QStringLiteral("nope")).error().code,
             QStringLiteral("AWS.SimpleQueueService.NonExistentQueue"));
}

void TestEngineDelivery::transformedInputReachesTheFunction()
{
    ef::Engine engine;
    QJsonObject fn = consumer(QStringLiteral("fn"), 0);
    fn.insert(QStringLiteral("logLines"), QJsonArray{QStringLiteral("order ${$.order}")});
    QVERIFY(engine.putConsumer(fn));
    ef::Target t = target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")));
    t.inputTransformer = ef::InputTransformerSpec{{{QStringLiteral("id"), QStringLiteral("$.detail.orderId")}},
                                                  QStringLiteral(R"({"order": <id>})")};
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent, {t}), QString());
    put(engine, entry("shop", "T", R"({"orderId":"o-7"})"));
    engine.runUntilIdle();
    QVERIFY(logLines(engine, QStringLiteral("fn")).contains(QStringLiteral("order o-7")));
}

void TestEngineDelivery::rateSchedule()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("tick"), 0)));
    ef::PutRuleRequest r;
    r.name = QStringLiteral("every-5");
    r.scheduleExpression = QStringLiteral("rate(5 minutes)");
    QVERIFY(engine.putRule(r));
    QVERIFY(engine.putTargets(
        {r.name, QString(), {target(QStringLiteral("1"), lambdaArn(QStringLiteral("tick")))}}));
    QCOMPARE(engine.runUntilIdle(), std::size_t(0));  // nothing pending: returns at once
    engine.advanceBy(16 * 60 * kSecond);
    const auto accepted = trace.of(QStringLiteral("EntryAccepted"));
    QCOMPARE(accepted.size(), std::size_t(3));
    QCOMPARE(accepted[0].time, QStringLiteral("2026-01-01T00:05:00.000Z"));
    QCOMPARE(accepted[2].time, QStringLiteral("2026-01-01T00:15:00.000Z"));
    const ef::EventHistory h = engine.eventHistory(accepted[0].eventId);
    QVERIFY(h.envelope.contains(QLatin1String("\"source\":\"aws.events\"")));
    QVERIFY(h.envelope.contains(QLatin1String("\"detail-type\":\"Scheduled Event\"")));
    QVERIFY(h.envelope.contains(QLatin1String("rule/every-5")));
    QCOMPARE(functionMetric(engine, QStringLiteral("tick"), QStringLiteral("Invocations")), 3.0);
    QVERIFY(engine.disableRule({r.name, QString()}));
    engine.advanceBy(30 * 60 * kSecond);
    QCOMPARE(trace.count(QStringLiteral("EntryAccepted")), 3);
}

void TestEngineDelivery::cronSchedule()
{
    ef::Engine engine;
    TraceLog trace(engine);
    ef::PutRuleRequest r;
    r.name = QStringLiteral("noon");
    r.scheduleExpression = QStringLiteral("cron(0 12 * * ? *)");
    QVERIFY(engine.putRule(r));
    QVERIFY(engine.putTargets({r.name, QString(), {target(QStringLiteral("1"), sqsArn(QStringLiteral("q")))}}));
    r.name = QStringLiteral("weekdays");
    r.scheduleExpression = QStringLiteral("cron(30 8 ? * MON-FRI *)");
    QVERIFY(engine.putRule(r));
    QVERIFY(engine.putTargets({r.name, QString(), {target(QStringLiteral("1"), sqsArn(QStringLiteral("q")))}}));
    engine.advanceBy(5 * 24 * 3600 * kSecond);  // Thu 1 Jan .. Tue 6 Jan 2026
    QStringList times;
    for (const auto &v : trace.of(QStringLiteral("EntryAccepted")))
        times << v.time.left(16) + QLatin1Char(' ') + v.rule;
    QCOMPARE(times, QStringList({"2026-01-01T08:30 weekdays", "2026-01-01T12:00 noon",
                                 "2026-01-02T08:30 weekdays", "2026-01-02T12:00 noon",
                                 "2026-01-03T12:00 noon", "2026-01-04T12:00 noon",
                                 "2026-01-05T08:30 weekdays", "2026-01-05T12:00 noon"}));
}

void TestEngineDelivery::stepRunsTheNextScheduledHappening()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 10000)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    put(engine, entry("shop", "T", "{}"));
    QCOMPARE(engine.nextDue().value(), kStart);
    QVERIFY(engine.step());
    QCOMPARE(trace.count(QStringLiteral("TargetInvoked")), 1);
    QCOMPARE(engine.now(), kStart);
    QCOMPARE(engine.nextDue().value(), kStart + 10 * kSecond);
    QVERIFY(engine.step());
    QCOMPARE(engine.now(), kStart + 10 * kSecond);
    QCOMPARE(trace.count(QStringLiteral("Delivered")), 1);
    QVERIFY(!engine.step());
}

void TestEngineDelivery::realClockSpeedAndPause()
{
    ef::Engine engine;
    QCOMPARE(engine.setSpeed(0.05).error().code, QStringLiteral("ValidationException"));
    QVERIFY(!engine.setSpeed(11));
    QVERIFY(engine.setSpeed(10));
    QCOMPARE(engine.speed(), 10.0);
    engine.setClockMode(ef::ClockMode::Real);
    // Anchored to wall-clock UTC.
    const qint64 wall = QDateTime::currentMSecsSinceEpoch() * ef::kMicrosPerMilli;
    QVERIFY(std::abs(engine.now() - wall) < 60 * kSecond);
    engine.setPaused(true);
    QVERIFY(engine.isPaused());
    const ef::SimTime frozen = engine.now();
    QCOMPARE(engine.now(), frozen);
    // Single-step while paused jumps to the next scheduled happening.
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 5000)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    put(engine, entry("shop", "T", "{}"));
    QVERIFY(engine.step());  // the hand-off, due now
    QVERIFY(engine.step());  // the function's completion, 5 s later
    QCOMPARE(engine.now(), frozen + 5 * kSecond);
    QCOMPARE(engine.counters().delivered, std::uint64_t(1));
    engine.setClockMode(ef::ClockMode::Virtual);
    QCOMPARE(engine.clockMode(), ef::ClockMode::Virtual);
}

void TestEngineDelivery::traceComesInBatches()
{
    ef::Engine engine;
    TraceLog trace(engine);
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    std::vector<ef::PutEventsRequestEntry> ten(10, entry("shop", "T", "{}"));
    QVERIFY(engine.putEvents(ten));
    QCOMPARE(trace.batches, 1);  // one call, one batch
    QCOMPARE(trace.views.size(), std::size_t(20));
    // Big runs are cut into batches of at most 4,096.
    for (int i = 0; i < 300; ++i)
        QVERIFY(engine.putEvents(ten));
    const int before = trace.batches;
    engine.runUntilIdle();
    QVERIFY(trace.batches - before >= 3);
    QCOMPARE(engine.counters().delivered, std::uint64_t(3010));
}

void TestEngineDelivery::historyOfAnEvent()
{
    ef::Engine engine;
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("ok"), 0)));
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("denied"), 0, 0, 10, true)));
    QCOMPARE(rule(engine, QStringLiteral("r"), kAnyEvent,
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("ok"))),
                   target(QStringLiteral("2"), lambdaArn(QStringLiteral("denied")))}),
             QString());
    const QString id = put(engine, entry("shop", "T", "{}"));
    engine.runUntilIdle();
    const ef::EventHistory h = engine.eventHistory(id);
    QVERIFY(h.found);
    QCOMPARE(h.eventBus, QStringLiteral("default"));
    QCOMPARE(h.deliveries, 2);
    QCOMPARE(h.delivered, 1);
    QCOMPARE(h.dropped, 1);
    QCOMPARE(h.pending, 0);
    QVERIFY(h.historyComplete);
    QStringList who;
    for (const auto &v : h.happenings)
        who << v.kind + QLatin1Char('/') + v.service;
    QVERIFY(who.contains(QStringLiteral("PermissionDenied/Lambda")));
    QVERIFY(who.contains(QStringLiteral("Dropped/EventBridge")));
    QVERIFY(who.contains(QStringLiteral("Delivered/Lambda")));
    QVERIFY(!engine.eventHistory(QStringLiteral("00000000-0000-4000-8000-000000000000")).found);
    QVERIFY(!engine.eventHistory(QStringLiteral("nonsense")).found);
}

QTEST_GUILESS_MAIN(TestEngineDelivery)
#include "tst_enginedelivery.moc"
