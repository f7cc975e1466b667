// Every explanation is checked against the engine: for a miss, each field
// named as failing fails on its own (the pattern reduced to that field does
// not match the event); for a hit, each named value satisfies its field.

#include "ConformanceCases.h"

#include "core/pattern/EventPattern.h"
#include "core/pattern/JsonReader.h"

#include <QTest>

namespace {

// {"a":{"b": <json>}} for path "a.b" (dotted paths equal nesting).
std::string nest(const std::string &path, const std::string &json)
{
    std::string out, close;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = path.find('.', start);
        out += "{";
        ef::pattern::appendJsonString(out, path.substr(start, dot - start));
        out += ":";
        close += "}";
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return out + json + close;
}

} // namespace

class TestExplain : public QObject
{
    Q_OBJECT

private:
    static void addCases()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("event");
        std::vector<ConformanceCase> cases;
        QString error;
        if (!loadConformanceCases(sourceDataPath("patterns.jsonl"), cases, error) ||
            !loadConformanceCases(sharedConformancePath("peer-cases.jsonl"), cases, error)) {
            QTest::newRow("missing") << QString() << error;
            return;
        }
        for (const ConformanceCase &c : cases) {
            if (c.expect != "error") {
                QTest::addRow("%s %s", c.id.c_str(), c.note.c_str())
                    << QString::fromStdString(c.pattern) << QString::fromStdString(c.event);
            }
        }
        // A few more shapes: $or misses, arrays, absence.
        QTest::newRow("or miss") << R"({"$or":[{"a":["1"]},{"b":[{"prefix":"x"}]}]})"
                                 << R"({"a":"2","b":"y"})";
        QTest::newRow("or hit second") << R"({"s":["k"],"$or":[{"a":["1"]},{"b":["2"]}]})"
                                       << R"({"s":"k","b":"2"})";
        QTest::newRow("array split") << R"({"e":{"f":["A"],"l":["B"]}})"
                                     << R"({"e":[{"f":"A","l":"C"},{"f":"D","l":"B"}]})";
        QTest::newRow("array hit") << R"({"e":{"f":["A"],"z":[{"exists":false}]}})"
                                   << R"({"e":[{"f":"A","z":1},{"f":"A"}]})";
        QTest::newRow("missing field") << R"({"detail":{"n":[{"numeric":[">",1]}]}})"
                                       << R"({"detail":{}})";
        QTest::newRow("absent present") << R"({"a":[{"exists":false}]})" << R"({"a":[1,2]})";
    }

private slots:
    void consistentWithEngine_data() { addCases(); }

    void consistentWithEngine()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, event);
        if (pattern.isEmpty())
            QFAIL(qPrintable(event));
        const std::string p = pattern.toStdString(), e = event.toStdString();
        std::string error;
        const int verdict = ef::pattern::testEventPattern(p, e, &error);
        QVERIFY2(verdict >= 0, error.c_str());
        const ef::pattern::Explanation ex = ef::pattern::explain(p, e, &error);
        QCOMPARE(ex.match, verdict == 1);
        QVERIFY(!ex.text().empty());
        if (!ex.match) {
            QVERIFY2(!ex.fields.empty() || !ex.note.empty(), "a miss must say why");
            for (const ef::pattern::FieldExplanation &f : ex.fields) {
                QVERIFY(!f.satisfied);
                QCOMPARE(f.missing, f.had.empty());
                const std::string alone = nest(f.path, f.wanted);
                QVERIFY2(ef::pattern::testEventPattern(alone, e, &error) == 0,
                         qPrintable(QString::fromStdString("field " + f.path + " (" + alone +
                                                           ") does not fail on its own")));
            }
            return;
        }
        QVERIFY(!ex.fields.empty());
        for (const ef::pattern::FieldExplanation &f : ex.fields) {
            QVERIFY(f.satisfied);
            const std::string alone = nest(f.path, f.wanted);
            const std::string witness = f.missing ? std::string("{}") : nest(f.path, f.had);
            QVERIFY2(ef::pattern::testEventPattern(alone, witness, &error) == 1,
                     qPrintable(QString::fromStdString("value " + witness + " does not satisfy " +
                                                       alone)));
        }
    }

    void arrayConsistencyIsNamed()
    {
        std::string error;
        const auto ex = ef::pattern::explain(R"({"e":{"f":["A"],"l":["B"]}})",
                                             R"({"e":[{"f":"A"},{"l":"B"}]})", &error);
        QVERIFY(!ex.match);
        QVERIFY(ex.fields.empty());
        QVERIFY(ex.note.find("same element") != std::string::npos);
    }

    void missText()
    {
        std::string error;
        const auto ex = ef::pattern::explain(R"({"source":["a"],"detail":{"x":[1]}})",
                                             R"({"source":"b"})", &error);
        QCOMPARE(QString::fromStdString(ex.text()),
                 QStringLiteral("no match source: wanted [\"a\"], but the event has \"b\"\n"
                                "no match detail.x: wanted [1], but the event has no value "
                                "there\n"));
    }

    void invalidInputs()
    {
        std::string error;
        auto ex = ef::pattern::explain(R"({"a":"x"})", "{}", &error);
        QVERIFY(ex.fields.empty());
        QCOMPARE(QString::fromStdString(error),
                 QStringLiteral("Event pattern is not valid. Reason: Field \"a\" must be an "
                                "object or an array"));
        ex = ef::pattern::explain(R"({"a":["x"]})", "[]", &error);
        QVERIFY(ex.fields.empty());
        QCOMPARE(QString::fromStdString(error),
                 QStringLiteral("Event is not valid. Reason: Event must be a JSON object"));
    }
};

QTEST_GUILESS_MAIN(TestExplain)
#include "tst_explain.moc"
