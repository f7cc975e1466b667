// Every conformance case (our copy of patterns.jsonl, and the official
// matcher's own cases read from ../shared) must get the reference verdict:
// the same match / no-match, and every `error` case rejected.

#include "ConformanceCases.h"

#include "core/pattern/EventPattern.h"

#include <QFile>
#include <QTest>

class TestConformance : public QObject
{
    Q_OBJECT

private:
    static void addRows(const QString &path)
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("expect");
        QTest::addColumn<QString>("problem");
        std::vector<ConformanceCase> cases;
        QString error;
        if (!loadConformanceCases(path, cases, error)) {
            QTest::newRow("missing") << QString() << QString() << QString() << error;
            return;
        }
        for (const ConformanceCase &c : cases) {
            QTest::addRow("%s %s", c.id.c_str(), c.note.c_str())
                << QString::fromStdString(c.pattern) << QString::fromStdString(c.event)
                << QString::fromStdString(c.expect) << QString();
        }
    }

    static void check()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, event);
        QFETCH(QString, expect);
        QFETCH(QString, problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        std::string error;
        const int verdict = ef::pattern::testEventPattern(pattern.toStdString(),
                                                          event.toStdString(), &error);
        if (expect == QLatin1String("error")) {
            QVERIFY2(verdict == -1, "expected the pattern or the event to be rejected");
            const bool serviceStyle =
                error.rfind("Event pattern is not valid. Reason: ", 0) == 0 ||
                error.rfind("Event is not valid. Reason: ", 0) == 0;
            QVERIFY2(serviceStyle, error.c_str());
            return;
        }
        QVERIFY2(verdict != -1, error.c_str());
        QCOMPARE(verdict == 1 ? QStringLiteral("match") : QStringLiteral("no-match"), expect);
    }

private slots:
    void patterns_data() { addRows(sourceDataPath("patterns.jsonl")); }
    void patterns() { check(); }

    // peer-cases.jsonl is another project's test data: read from ../shared only.
    void peerCases_data() { addRows(sharedConformancePath("peer-cases.jsonl")); }
    void peerCases() { check(); }

    void copyEqualsShared()
    {
        QFile ours(sourceDataPath("patterns.jsonl"));
        QFile shared(sharedConformancePath("patterns.jsonl"));
        QVERIFY2(ours.open(QIODevice::ReadOnly), qPrintable(ours.fileName()));
        if (!shared.open(QIODevice::ReadOnly)) {
            QFAIL(qPrintable(QStringLiteral("../shared is missing (%1): the conformance copy "
                                            "cannot be checked")
                                 .arg(shared.fileName())));
        }
        QVERIFY2(ours.readAll() == shared.readAll(),
                 "tests/data/patterns.jsonl differs from ../shared/conformance/patterns.jsonl");
    }
};

QTEST_GUILESS_MAIN(TestConformance)
#include "tst_conformance.moc"
