// Cron schedules with the day wildcards of the EventBridge user guide (`L`,
// `W`, `#`), fired by the engine on the virtual clock: each row pins the
// firing times of a scheduled rule from 2026-01-01T00:00Z (a Thursday).

#include "EngineTestKit.h"

#include <QtTest>

using namespace kit;

namespace {

ef::SimTime at(const char *iso)
{
    return ef::parseTime(iso).value();
}

} // namespace

class TestSchedule : public QObject
{
    Q_OBJECT

private slots:
    void firesAt_data();
    void firesAt();
    void refused_data();
    void refused();
};

void TestSchedule::firesAt_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QStringList>("times");  // every firing until the last one, minutes
    QTest::addRow("15W: Sunday the 15th moves to Monday")
        << "cron(0 9 15W * ? *)"
        << QStringList{"2026-01-15T09:00", "2026-02-16T09:00", "2026-03-16T09:00",
                       "2026-04-15T09:00"};
    QTest::addRow("1W: a Saturday 1st moves to Monday the 3rd, not back a month")
        << "cron(0 9 1W * ? *)"
        << QStringList{"2026-01-01T09:00", "2026-02-02T09:00", "2026-03-02T09:00",
                       "2026-04-01T09:00", "2026-05-01T09:00", "2026-06-01T09:00",
                       "2026-07-01T09:00", "2026-08-03T09:00"};
    QTest::addRow("31W: Saturday/Sunday 31st move back; short months skipped")
        << "cron(0 9 31W * ? *)"
        << QStringList{"2026-01-30T09:00", "2026-03-31T09:00", "2026-05-29T09:00",
                       "2026-07-31T09:00"};
    QTest::addRow("LW: last weekday of the month")
        << "cron(0 18 LW * ? *)"
        << QStringList{"2026-01-30T18:00", "2026-02-27T18:00", "2026-03-31T18:00",
                       "2026-04-30T18:00"};
    QTest::addRow("L: last day of February, leap year included")
        << "cron(0 0 L 2 ? *)"
        << QStringList{"2026-02-28T00:00", "2027-02-28T00:00", "2028-02-29T00:00"};
    QTest::addRow("6L: last Friday of the month")
        << "cron(0 10 ? * 6L *)"
        << QStringList{"2026-01-30T10:00", "2026-02-27T10:00", "2026-03-27T10:00",
                       "2026-04-24T10:00"};
    QTest::addRow("FRIL: the same by name")
        << "cron(0 10 ? * FRIL *)"
        << QStringList{"2026-01-30T10:00", "2026-02-27T10:00"};
    QTest::addRow("3#2: second Tuesday")
        << "cron(0 10 ? * 3#2 *)"
        << QStringList{"2026-01-13T10:00", "2026-02-10T10:00", "2026-03-10T10:00",
                       "2026-04-14T10:00"};
    QTest::addRow("MON#1: first Monday")
        << "cron(0 10 ? * MON#1 *)"
        << QStringList{"2026-01-05T10:00", "2026-02-02T10:00", "2026-03-02T10:00",
                       "2026-04-06T10:00"};
    QTest::addRow("5#5: fifth Thursday, only in months that have one")
        << "cron(0 10 ? * 5#5 *)"
        << QStringList{"2026-01-29T10:00", "2026-04-30T10:00", "2026-07-30T10:00",
                       "2026-10-29T10:00"};
    QTest::addRow("L in day-of-week: the week's last day, Saturday")
        << "cron(0 10 ? * L *)"
        << QStringList{"2026-01-03T10:00", "2026-01-10T10:00", "2026-01-17T10:00"};
    QTest::addRow("year 2199, the last the service allows")
        << "cron(0 0 1 1 ? 2199)" << QStringList{"2199-01-01T00:00"};
}

void TestSchedule::firesAt()
{
    QFETCH(QString, expression);
    QFETCH(QStringList, times);
    ef::Engine engine;
    TraceLog trace(engine);
    ef::PutRuleRequest r;
    r.name = QStringLiteral("scheduled");
    r.scheduleExpression = expression;
    const auto put = engine.putRule(r);
    QVERIFY2(put, qPrintable(put ? QString() : put.error().message));
    QVERIFY(engine.putTargets({r.name, QString(), {target(QStringLiteral("1"),
                                                          sqsArn(QStringLiteral("q")))}}));
    // Up to a minute past the last expected firing: an extra or a missing
    // firing on the way changes the list.
    const QString last = times.last() + QStringLiteral(":00Z");
    engine.advanceTo(at(qPrintable(last)) + 60 * ef::kMicrosPerSecond);
    QStringList fired;
    for (const auto &v : trace.of(QStringLiteral("EntryAccepted")))
        fired << v.time.left(16);
    QCOMPARE(fired, times);
}

void TestSchedule::refused_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addRow("W without a day") << "cron(0 9 W * ? *)";
    QTest::addRow("W on day 32") << "cron(0 9 32W * ? *)";
    QTest::addRow("W on a range") << "cron(0 9 1-5W * ? *)";
    QTest::addRow("W in a list") << "cron(0 9 1W,15 * ? *)";
    QTest::addRow("L with an offset") << "cron(0 9 L-3 * ? *)";
    QTest::addRow("two # expressions") << "cron(0 9 ? * 3#1,6#3 *)";
    QTest::addRow("sixth weekday of a month") << "cron(0 9 ? * 3#6 *)";
    QTest::addRow("# without an instance") << "cron(0 9 ? * 3# *)";
    QTest::addRow("weekday 8 last") << "cron(0 9 ? * 8L *)";
    QTest::addRow("LW in day-of-week") << "cron(0 9 ? * LW *)";
    QTest::addRow("# in day-of-month") << "cron(0 9 3#2 * ? *)";
    QTest::addRow("year 2200") << "cron(0 0 1 1 ? 2200)";
}

void TestSchedule::refused()
{
    QFETCH(QString, expression);
    ef::Engine engine;
    ef::PutRuleRequest r;
    r.name = QStringLiteral("scheduled");
    r.scheduleExpression = expression;
    const auto put = engine.putRule(r);
    QVERIFY(!put);
    QCOMPARE(put.error().code, QStringLiteral("ValidationException"));
    QCOMPARE(put.error().message, QStringLiteral("Parameter ScheduleExpression is not valid."));
}

QTEST_GUILESS_MAIN(TestSchedule)
#include "tst_schedule.moc"
