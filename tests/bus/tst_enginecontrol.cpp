// The control plane as the service answers it: event buses, rules, targets,
// their limits and every error path, in the service's words.

#include "EngineTestKit.h"

#include <QtTest>

using namespace kit;

class TestEngineControl : public QObject
{
    Q_OBJECT

private slots:
    void defaultBusAlwaysExists();
    void createEventBusErrors_data();
    void createEventBusErrors();
    void busByNameOrArn();
    void listEventBusesPrefixAndPages();
    void deleteEventBusWithRulesIsRefused();
    void putRuleErrors_data();
    void putRuleErrors();
    void putRuleUpdatesInPlace();
    void describeAndListRules();
    void disabledRulesMatchNothing();
    void deleteRuleWithTargetsIsRefused();
    void putTargetsErrors_data();
    void putTargetsErrors();
    void putTargetsFailedEntries_data();
    void putTargetsFailedEntries();
    void atMostFiveTargets();
    void putTargetsReplacesById();
    void lambdaTargetCreatesConsumer();
    void listRuleNamesByTarget();
    void cleanUpLeavesNoRoutingResources();
};

void TestEngineControl::defaultBusAlwaysExists()
{
    ef::Engine engine;
    const auto d = engine.describeEventBus(QString());
    QVERIFY(d);
    QCOMPARE(d->name, QStringLiteral("default"));
    QCOMPARE(d->arn, busArn(QStringLiteral("default")));
    const auto del = engine.deleteEventBus(QStringLiteral("default"));
    QVERIFY(!del);
    QCOMPARE(del.error().code, QStringLiteral("ValidationException"));
    QVERIFY(engine.describeEventBus(QStringLiteral("default")));
}

void TestEngineControl::createEventBusErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    QTest::addRow("empty") << QString() << "ValidationException"
                           << "Member must have length greater than or equal to 1";
    QTest::addRow("257 characters") << QString(257, QLatin1Char('a')) << "ValidationException"
                                    << "Member must have length less than or equal to 256";
    QTest::addRow("space") << "my bus" << "ValidationException"
                           << "Member must satisfy regular expression pattern";
    QTest::addRow("slash in a custom name") << "team/orders" << "ValidationException"
                                            << "must not contain '/'";
    QTest::addRow("default is reserved") << "default" << "ValidationException" << "reserved";
    QTest::addRow("duplicate") << "orders" << "ResourceAlreadyExistsException"
                               << "Event bus orders already exists.";
}

void TestEngineControl::createEventBusErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    ef::Engine engine;
    QVERIFY(engine.createEventBus({QStringLiteral("orders"), QString()}));
    const auto r = engine.createEventBus({name, QString()});
    QVERIFY(!r);
    QCOMPARE(r.error().code, code);
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    QCOMPARE(engine.listEventBuses({})->eventBuses.size(), std::size_t(2));
}

void TestEngineControl::busByNameOrArn()
{
    ef::Engine engine;
    const auto created = engine.createEventBus({QStringLiteral("a.b-c_9"), QStringLiteral("d")});
    QVERIFY(created);
    QCOMPARE(created->arn, busArn(QStringLiteral("a.b-c_9")));
    QVERIFY(engine.describeEventBus(busArn(QStringLiteral("a.b-c_9"))));
    const auto other = engine.describeEventBus(
        QStringLiteral("arn:aws:events:us-east-1:999999999999:event-bus/a.b-c_9"));
    QVERIFY(!other);
    QCOMPARE(other.error().code, QStringLiteral("ResourceNotFoundException"));
    const auto missing = engine.describeEventBus(QStringLiteral("nope"));
    QCOMPARE(missing.error().message, QStringLiteral("Event bus nope does not exist."));
}

void TestEngineControl::listEventBusesPrefixAndPages()
{
    ef::Engine engine;
    for (const char *n : {"user3-a", "user3-b", "user4-a"})
        QVERIFY(engine.createEventBus({QLatin1String(n), QString()}));
    ef::ListEventBusesRequest r;
    r.namePrefix = QStringLiteral("user3");
    QCOMPARE(engine.listEventBuses(r)->eventBuses.size(), std::size_t(2));
    r.namePrefix.clear();
    r.limit = 2;
    const auto first = engine.listEventBuses(r);
    QCOMPARE(first->eventBuses.size(), std::size_t(2));
    QCOMPARE(first->eventBuses[0].name, QStringLiteral("default"));
    QVERIFY(!first->nextToken.isEmpty());
    r.nextToken = first->nextToken;
    const auto second = engine.listEventBuses(r);
    QCOMPARE(second->eventBuses.size(), std::size_t(2));
    QCOMPARE(second->eventBuses[1].name, QStringLiteral("user4-a"));
    QVERIFY(second->nextToken.isEmpty());
    r.nextToken = QStringLiteral("garbage");
    QVERIFY(!engine.listEventBuses(r));
    r.nextToken.clear();
    r.limit = 101;
    QCOMPARE(engine.listEventBuses(r).error().code, QStringLiteral("ValidationException"));
}

void TestEngineControl::deleteEventBusWithRulesIsRefused()
{
    ef::Engine engine;
    QVERIFY(engine.createEventBus({QStringLiteral("orders"), QString()}));
    QCOMPARE(rule(engine, QStringLiteral("r1"), QStringLiteral(R"({"source":["a"]})"), {},
                  QStringLiteral("orders")),
             QString());
    const auto refused = engine.deleteEventBus(QStringLiteral("orders"));
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("ValidationException"));
    QCOMPARE(refused.error().message,
             QStringLiteral("Event bus can't be deleted since it has rules."));
    QVERIFY(engine.deleteRule({QStringLiteral("r1"), QStringLiteral("orders")}));
    QVERIFY(engine.deleteEventBus(QStringLiteral("orders")));
    QVERIFY(!engine.describeEventBus(QStringLiteral("orders")));
}

void TestEngineControl::putRuleErrors_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("bus");
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QString>("state");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("messagePart");
    const QString ok = QStringLiteral(R"({"source":["a"]})");
    QTest::addRow("name with a space") << "my rule" << "" << ok << "" << "" << "ValidationException"
                                       << "regular expression pattern";
    QTest::addRow("name of 65") << QString(65, QLatin1Char('r')) << "" << ok << "" << ""
                                << "ValidationException" << "less than or equal to 64";
    QTest::addRow("unknown bus") << "r" << "nope" << ok << "" << "" << "ResourceNotFoundException"
                                 << "Event bus nope does not exist.";
    QTest::addRow("neither pattern nor schedule")
        << "r" << "" << "" << "" << "" << "ValidationException"
        << "Parameter(s) EventPattern or ScheduleExpression must be specified.";
    QTest::addRow("invalid pattern") << "r" << "" << R"({"source":"a"})" << "" << ""
                                     << "InvalidEventPatternException"
                                     << "Event pattern is not valid. Reason:";
    QTest::addRow("pattern not JSON") << "r" << "" << "{source" << "" << ""
                                      << "InvalidEventPatternException" << "Event pattern is not valid";
    QTest::addRow("schedule on a custom bus") << "r" << "orders" << "" << "rate(5 minutes)" << ""
                                              << "ValidationException"
                                              << "only on the default event bus";
    QTest::addRow("rate with plural 1") << "r" << "" << "" << "rate(1 minutes)" << ""
                                        << "ValidationException"
                                        << "Parameter ScheduleExpression is not valid.";
    QTest::addRow("rate of zero") << "r" << "" << "" << "rate(0 hours)" << ""
                                  << "ValidationException" << "ScheduleExpression is not valid";
    QTest::addRow("cron with five fields") << "r" << "" << "" << "cron(0 12 * * ?)" << ""
                                           << "ValidationException" << "ScheduleExpression";
    QTest::addRow("cron with both days") << "r" << "" << "" << "cron(0 12 1 * MON *)" << ""
                                         << "ValidationException" << "ScheduleExpression";
    QTest::addRow("unknown state") << "r" << "" << ok << "" << "PAUSED" << "ValidationException"
                                   << "[ENABLED, DISABLED]";
}

void TestEngineControl::putRuleErrors()
{
    QFETCH(QString, name);
    QFETCH(QString, bus);
    QFETCH(QString, pattern);
    QFETCH(QString, schedule);
    QFETCH(QString, state);
    QFETCH(QString, code);
    QFETCH(QString, messagePart);
    ef::Engine engine;
    QVERIFY(engine.createEventBus({QStringLiteral("orders"), QString()}));
    ef::PutRuleRequest r;
    r.name = name;
    r.eventBusName = bus;
    if (!pattern.isEmpty())
        r.eventPattern = pattern;
    if (!schedule.isEmpty())
        r.scheduleExpression = schedule;
    if (!state.isEmpty())
        r.state = state;
    const auto result = engine.putRule(r);
    QVERIFY(!result);
    QCOMPARE(result.error().code, code);
    QVERIFY2(result.error().message.contains(messagePart), qPrintable(result.error().message));
    QVERIFY(engine.listRules({})->rules.empty());
}

void TestEngineControl::putRuleUpdatesInPlace()
{
    ef::Engine engine;
    ef::PutRuleRequest r;
    r.name = QStringLiteral("r");
    r.eventPattern = QStringLiteral(R"({"source":["a"]})");
    const auto arn = engine.putRule(r);
    QCOMPARE(arn.value(), QStringLiteral("arn:aws:events:us-east-1:123456789012:rule/r"));
    r.eventPattern = QStringLiteral(R"({"source":["b"]})");
    r.description = QStringLiteral("second");
    QVERIFY(engine.putRule(r));
    const auto d = engine.describeRule({QStringLiteral("r"), QString()});
    QCOMPARE(d->eventPattern, QStringLiteral(R"({"source":["b"]})"));
    QCOMPARE(d->description, QStringLiteral("second"));
    QCOMPARE(engine.listRules({})->rules.size(), std::size_t(1));
    QVERIFY(engine.createEventBus({QStringLiteral("orders"), QString()}));
    r.eventBusName = QStringLiteral("orders");
    QCOMPARE(engine.putRule(r).value(),
             QStringLiteral("arn:aws:events:us-east-1:123456789012:rule/orders/r"));
}

void TestEngineControl::describeAndListRules()
{
    ef::Engine engine;
    for (const char *n : {"user3-a", "user3-b", "other"}) {
        ef::PutRuleRequest r;
        r.name = QLatin1String(n);
        r.eventPattern = QStringLiteral(R"({"source":["x"]})");
        r.state = QStringLiteral("DISABLED");
        QVERIFY(engine.putRule(r));
    }
    ef::ListRulesRequest list;
    list.namePrefix = QStringLiteral("user3-");
    const auto rules = engine.listRules(list);
    QCOMPARE(rules->rules.size(), std::size_t(2));
    QCOMPARE(rules->rules[0].name, QStringLiteral("user3-a"));
    QCOMPARE(rules->rules[0].state, ef::RuleState::Disabled);
    const auto missing = engine.describeRule({QStringLiteral("zzz"), QString()});
    QCOMPARE(missing.error().code, QStringLiteral("ResourceNotFoundException"));
    QCOMPARE(missing.error().message, QStringLiteral("Rule zzz does not exist on EventBus default."));
    QVERIFY(engine.enableRule({QStringLiteral("other"), QString()}));
    QCOMPARE(engine.describeRule({QStringLiteral("other"), QString()})->state,
             ef::RuleState::Enabled);
    QCOMPARE(engine.disableRule({QStringLiteral("zzz"), QString()}).error().code,
             QStringLiteral("ResourceNotFoundException"));
}

void TestEngineControl::disabledRulesMatchNothing()
{
    ef::Engine engine;
    QVERIFY(engine.putConsumer(consumer(QStringLiteral("fn"), 0)));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["shop"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    QVERIFY(engine.disableRule({QStringLiteral("r"), QString()}));
    QVERIFY(!put(engine, entry("shop", "T", "{}")).isEmpty());
    engine.runUntilIdle();
    QCOMPARE(engine.counters().eventsWithoutMatch, std::uint64_t(1));
    QCOMPARE(engine.counters().deliveriesCreated, std::uint64_t(0));
    QVERIFY(engine.enableRule({QStringLiteral("r"), QString()}));
    QVERIFY(!put(engine, entry("shop", "T", "{}")).isEmpty());
    engine.runUntilIdle();
    QCOMPARE(engine.counters().delivered, std::uint64_t(1));
}

void TestEngineControl::deleteRuleWithTargetsIsRefused()
{
    ef::Engine engine;
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["a"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))}),
             QString());
    const auto refused = engine.deleteRule({QStringLiteral("r"), QString()});
    QVERIFY(!refused);
    QCOMPARE(refused.error().code, QStringLiteral("ValidationException"));
    QCOMPARE(refused.error().message, QStringLiteral("Rule can't be deleted since it has targets."));
    QVERIFY(removeTarget(engine, QStringLiteral("r"), QString()));
    QVERIFY(engine.deleteRule({QStringLiteral("r"), QString()}));
    QVERIFY(!engine.describeRule({QStringLiteral("r"), QString()}));
}

void TestEngineControl::putTargetsErrors_data()
{
    QTest::addColumn<QString>("id");
    QTest::addColumn<QString>("arn");
    QTest::addColumn<int>("retries");
    QTest::addColumn<int>("age");
    QTest::addColumn<QString>("messagePart");
    const QString fn = lambdaArn(QStringLiteral("fn"));
    QTest::addRow("empty id") << "" << fn << 1 << 60 << "at 'targets.1.member.id'";
    QTest::addRow("id with a space") << "a b" << fn << 1 << 60 << "regular expression pattern";
    QTest::addRow("empty arn") << "1" << "" << 1 << 60 << "at 'targets.1.member.arn'";
    QTest::addRow("186 retries") << "1" << fn << 186 << 60
                                 << "retryPolicy.maximumRetryAttempts' failed to satisfy "
                                    "constraint: Member must have value less than or equal to 185";
    QTest::addRow("negative retries") << "1" << fn << -1 << 60 << "greater than or equal to 0";
    QTest::addRow("age 59") << "1" << fn << 1 << 59
                            << "maximumEventAgeInSeconds' failed to satisfy constraint: Member "
                               "must have value greater than or equal to 60";
    QTest::addRow("age 86401") << "1" << fn << 1 << 86401 << "less than or equal to 86400";
}

void TestEngineControl::putTargetsErrors()
{
    QFETCH(QString, id);
    QFETCH(QString, arn);
    QFETCH(int, retries);
    QFETCH(int, age);
    QFETCH(QString, messagePart);
    ef::Engine engine;
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["a"]})"), {}), QString());
    ef::Target t = target(id, arn);
    t.retryPolicy = ef::RetryPolicy{retries, age};
    const auto r = engine.putTargets({QStringLiteral("r"), QString(), {t}});
    QVERIFY(!r);
    QCOMPARE(r.error().code, QStringLiteral("ValidationException"));
    QVERIFY2(r.error().message.contains(messagePart), qPrintable(r.error().message));
    QVERIFY(listTargets(engine, QStringLiteral("r")).empty());
}

void TestEngineControl::putTargetsFailedEntries_data()
{
    QTest::addColumn<QString>("arn");
    QTest::addColumn<QString>("dlq");
    QTest::addColumn<QString>("inputPath");
    QTest::addColumn<QString>("messagePart");
    const QString fn = lambdaArn(QStringLiteral("fn"));
    QTest::addRow("not an ARN") << "lambda:fn" << "" << "" << "is not valid";
    QTest::addRow("SNS topic") << "arn:aws:sns:us-east-1:123456789012:topic" << "" << ""
                               << "not supported here";
    QTest::addRow("dead-letter queue not SQS") << fn << busArn(QStringLiteral("x")) << ""
                                               << "DeadLetterConfig.Arn";
    QTest::addRow("InputPath not JSONPath") << fn << "" << "detail" << "InputPath";
}

void TestEngineControl::putTargetsFailedEntries()
{
    QFETCH(QString, arn);
    QFETCH(QString, dlq);
    QFETCH(QString, inputPath);
    QFETCH(QString, messagePart);
    ef::Engine engine;
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["a"]})"), {}), QString());
    ef::Target bad = target(QStringLiteral("bad"), arn);
    if (!dlq.isEmpty())
        bad.deadLetterConfig = ef::DeadLetterConfig{dlq};
    if (!inputPath.isEmpty())
        bad.inputPath = inputPath;
    const ef::Target good = target(QStringLiteral("good"), lambdaArn(QStringLiteral("fn")));
    const auto r = engine.putTargets({QStringLiteral("r"), QString(), {bad, good}});
    QVERIFY(r);
    QCOMPARE(r->failedEntryCount, 1);
    QCOMPARE(r->failedEntries[0].targetId, QStringLiteral("bad"));
    QCOMPARE(r->failedEntries[0].errorCode, QStringLiteral("ValidationException"));
    QVERIFY2(r->failedEntries[0].errorMessage.contains(messagePart),
             qPrintable(r->failedEntries[0].errorMessage));
    const auto listed = listTargets(engine, QStringLiteral("r"));
    QCOMPARE(listed.size(), std::size_t(1));
    QCOMPARE(listed[0].id, QStringLiteral("good"));
}

void TestEngineControl::atMostFiveTargets()
{
    ef::Engine engine;
    std::vector<ef::Target> five;
    for (int i = 1; i <= 5; ++i)
        five.push_back(target(QString::number(i), lambdaArn(QStringLiteral("fn%1").arg(i))));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["a"]})"), five), QString());
    const auto sixth = engine.putTargets(
        {QStringLiteral("r"), QString(), {target(QStringLiteral("6"), lambdaArn(QStringLiteral("x")))}});
    QVERIFY(!sixth);
    QCOMPARE(sixth.error().code, QStringLiteral("LimitExceededException"));
    QVERIFY(sixth.error().message.contains(QLatin1String("at most 5 targets")));
    // Replacing one of the five is not a sixth.
    QVERIFY(engine.putTargets(
        {QStringLiteral("r"), QString(), {target(QStringLiteral("5"), sqsArn(QStringLiteral("q")))}}));
    QCOMPARE(listTargets(engine, QStringLiteral("r")).size(), std::size_t(5));
    const auto dup = engine.putTargets({QStringLiteral("r"), QString(),
                                        {target(QStringLiteral("1"), lambdaArn(QStringLiteral("a"))),
                                         target(QStringLiteral("1"), lambdaArn(QStringLiteral("b")))}});
    QVERIFY(!dup);
    QVERIFY(dup.error().message.contains(QLatin1String("duplicate")));
}

void TestEngineControl::putTargetsReplacesById()
{
    ef::Engine engine;
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["a"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("one")))}),
             QString());
    QVERIFY(engine.putTargets(
        {QStringLiteral("r"), QString(), {target(QStringLiteral("1"), lambdaArn(QStringLiteral("two")))}}));
    const auto listed = listTargets(engine, QStringLiteral("r"));
    QCOMPARE(listed.size(), std::size_t(1));
    QCOMPARE(listed[0].arn, lambdaArn(QStringLiteral("two")));
}

void TestEngineControl::lambdaTargetCreatesConsumer()
{
    ef::Engine engine;
    QVERIFY(engine.consumers().empty());
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["a"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("brand-new"))),
                   target(QStringLiteral("2"), lambdaArn(QStringLiteral("elsewhere"),
                                                         QStringLiteral("999999999999")))}),
             QString());
    const auto consumers = engine.consumers();
    QCOMPARE(consumers.size(), std::size_t(1));  // the other account's function is not ours
    QCOMPARE(consumers[0].name, QStringLiteral("brand-new"));
    QVERIFY(consumers[0].autoCreated);
    QVERIFY(consumers[0].referenced);
    QCOMPARE(consumers[0].logGroupName, QStringLiteral("/aws/lambda/brand-new"));
    // Auto-created: no failures, one line per event.
    QVERIFY(!put(engine, entry("a", "T", R"({"k":1})")).isEmpty());
    engine.runUntilIdle();
    QCOMPARE(functionMetric(engine, QStringLiteral("brand-new"), QStringLiteral("Errors")), 0.0);
    const QStringList lines = logLines(engine, QStringLiteral("brand-new"));
    QCOMPARE(lines.size(), 4);  // START, the function's line, END, REPORT
    QVERIFY(lines[0].startsWith(QLatin1String("START RequestId: ")));
    QVERIFY(lines[2].startsWith(QLatin1String("END RequestId: ")));
    QVERIFY(lines[3].startsWith(QLatin1String("REPORT RequestId: ")));
}

void TestEngineControl::listRuleNamesByTarget()
{
    ef::Engine engine;
    const QString fn = lambdaArn(QStringLiteral("fn"));
    QCOMPARE(rule(engine, QStringLiteral("b"), QStringLiteral(R"({"source":["a"]})"),
                  {target(QStringLiteral("1"), fn)}),
             QString());
    QCOMPARE(rule(engine, QStringLiteral("a"), QStringLiteral(R"({"source":["a"]})"),
                  {target(QStringLiteral("x"), fn)}),
             QString());
    QCOMPARE(rule(engine, QStringLiteral("c"), QStringLiteral(R"({"source":["a"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("other")))}),
             QString());
    const auto names = engine.listRuleNamesByTarget({fn, QString(), QString(), 0});
    QCOMPARE(names->ruleNames, QStringList({QStringLiteral("a"), QStringLiteral("b")}));
}

void TestEngineControl::cleanUpLeavesNoRoutingResources()
{
    ef::Engine engine;
    QVERIFY(engine.createEventBus({QStringLiteral("shop"), QString()}));
    QCOMPARE(rule(engine, QStringLiteral("r"), QStringLiteral(R"({"source":["a"]})"),
                  {target(QStringLiteral("1"), lambdaArn(QStringLiteral("fn")))},
                  QStringLiteral("shop")),
             QString());
    QVERIFY(!put(engine, entry("a", "T", "{}", "shop")).isEmpty());
    engine.runUntilIdle();
    QVERIFY(removeTarget(engine, QStringLiteral("r"), QStringLiteral("shop")));
    QVERIFY(engine.deleteRule({QStringLiteral("r"), QStringLiteral("shop")}));
    QVERIFY(engine.deleteEventBus(QStringLiteral("shop")));
    QCOMPARE(engine.listEventBuses({})->eventBuses.size(), std::size_t(1));
    // The consumer leaves the canvas (nothing references it); its logs and
    // metrics stay, as on AWS.
    QCOMPARE(engine.consumers().size(), std::size_t(1));
    QVERIFY(!engine.consumers()[0].referenced);
    QCOMPARE(logLines(engine, QStringLiteral("fn")).size(), 4);
    QCOMPARE(ruleMetric(engine, QStringLiteral("r"), QStringLiteral("Invocations"),
                        QStringLiteral("shop")),
             1.0);
    engine.clearTelemetry();
    QCOMPARE(logLines(engine, QStringLiteral("fn")).size(), 0);
}

QTEST_GUILESS_MAIN(TestEngineControl)
#include "tst_enginecontrol.moc"
