// Each operator of the pattern language, on its own and in combination, with
// the edge cases the service defines (SEMANTICS.md). Rows read: pattern,
// event, expected verdict.

#include "core/pattern/EventPattern.h"

#include <QTest>

class TestOperators : public QObject
{
    Q_OBJECT

private slots:
    void verdict_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("event");
        QTest::addColumn<bool>("match");
        auto row = [](const char *name, const char *p, const char *e, bool m) {
            QTest::newRow(name) << QString::fromUtf8(p) << QString::fromUtf8(e) << m;
        };
        // exact values
        row("string equal", R"({"a":["x"]})", R"({"a":"x"})", true);
        row("string differs", R"({"a":["x"]})", R"({"a":"X"})", false);
        row("string vs number", R"({"a":["5"]})", R"({"a":5})", false);
        row("number vs string", R"({"a":[5]})", R"({"a":"5"})", false);
        row("number 100 = 1e2", R"({"a":[100]})", R"({"a":1e2})", true);
        row("number 100 = 100.0", R"({"a":[100]})", R"({"a":100.0})", true);
        row("number 0 = -0", R"({"a":[0]})", R"({"a":-0})", true);
        row("big integer only by text", R"({"a":[12345678901234567890]})",
            R"({"a":12345678901234567890})", true);
        row("big integer other text", R"({"a":[12345678901234567890]})",
            R"({"a":1.2345678901234567890e19})", false);
        row("true", R"({"a":[true]})", R"({"a":true})", true);
        row("false is not 0", R"({"a":[false]})", R"({"a":0})", false);
        row("null", R"({"a":[null]})", R"({"a":null})", true);
        row("null is not missing", R"({"a":[null]})", R"({})", false);
        row("escaped unicode decoded", R"({"a":["é"]})", R"({"a":"\u00e9"})", true);
        row("exactly", R"({"a":[{"exactly":"x"}]})", R"({"a":"x"})", true);
        row("exactly ip is text", R"({"a":[{"exactly":"10.0.0.1"}]})", R"({"a":"10.0.0.01"})",
            false);
        row("array any element", R"({"a":["x"]})", R"({"a":["y","x"]})", true);
        row("nested arrays flatten", R"({"a":["x"]})", R"({"a":[["y"],["x"]]})", true);
        row("dotted pattern key", R"({"a.b":["x"]})", R"({"a":{"b":"x"}})", true);
        row("dotted event key", R"({"a":{"b":["x"]}})", R"({"a.b":"x"})", true);
        row("empty key", R"({"":{"":["x"]}})", R"({"":{"":"x"}})", true);
        row("dup pattern key last wins", R"({"a":["x"],"a":["y"]})", R"({"a":"y"})", true);
        row("dup pattern key first lost", R"({"a":["x"],"a":["y"]})", R"({"a":"x"})", false);
        row("dup event key all seen", R"({"a":["x"]})", R"({"a":"x","a":"y"})", true);
        row("dup nested objects merge", R"({"a":{"b":["1"]},"a":{"c":["2"]}})",
            R"({"a":{"b":"1","c":"3"}})", false);
        row("operator name as field", R"({"prefix":["x"]})", R"({"prefix":"x"})", true);
        row("trailing text ignored", R"({"a":["x"]} trailing)", R"({"a":"x"} more)", true);
        // prefix / suffix
        row("prefix", R"({"a":[{"prefix":"ab"}]})", R"({"a":"abc"})", true);
        row("prefix empty any string", R"({"a":[{"prefix":""}]})", R"({"a":""})", true);
        row("prefix not number", R"({"a":[{"prefix":"1"}]})", R"({"a":12})", false);
        row("suffix", R"({"a":[{"suffix":"bc"}]})", R"({"a":"abc"})", true);
        row("suffix case", R"({"a":[{"suffix":"BC"}]})", R"({"a":"abc"})", false);
        row("prefix ignore case", R"({"a":[{"prefix":{"equals-ignore-case":"AB"}}]})",
            R"({"a":"abc"})", true);
        row("suffix ignore case", R"({"a":[{"suffix":{"equals-ignore-case":"BC"}}]})",
            R"({"a":"aBc"})", true);
        row("suffix ignore case sharp s", R"({"a":[{"suffix":{"equals-ignore-case":"ß"}}]})",
            R"({"a":"STRASS"})", true);
        // equals-ignore-case
        row("eic ascii", R"({"a":[{"equals-ignore-case":"HeLLo"}]})", R"({"a":"hello"})", true);
        row("eic length", R"({"a":[{"equals-ignore-case":"hello"}]})", R"({"a":"hell"})", false);
        row("eic accented", R"({"a":[{"equals-ignore-case":"ÉTÉ"}]})", R"({"a":"été"})", true);
        row("eic sharp s upper", R"({"a":[{"equals-ignore-case":"straße"}]})",
            R"({"a":"STRASSE"})", true);
        row("eic sharp s lower ss", R"({"a":[{"equals-ignore-case":"straße"}]})",
            R"({"a":"strasse"})", false);
        row("eic final sigma", R"({"a":[{"equals-ignore-case":"Σ"}]})", R"({"a":"ς"})", false);
        row("eic emoji", R"({"a":[{"equals-ignore-case":"😀x"}]})", R"({"a":"😀X"})", true);
        row("eic emoji not ??", R"({"a":[{"equals-ignore-case":"😀"}]})", R"({"a":"??"})",
            false);
        row("eic not number", R"({"a":[{"equals-ignore-case":"5"}]})", R"({"a":5})", false);
        // wildcard
        row("wildcard middle", R"({"a":[{"wildcard":"a*c"}]})", R"({"a":"abbbc"})", true);
        row("wildcard crosses slash", R"({"a":[{"wildcard":"*/x"}]})", R"({"a":"a/b/x"})", true);
        row("wildcard escaped star", R"({"a":[{"wildcard":"a\\*"}]})", R"({"a":"a*"})", true);
        row("wildcard escaped star literal", R"({"a":[{"wildcard":"a\\*"}]})",
            R"({"a":"ab"})", false);
        row("wildcard backtrack", R"({"a":[{"wildcard":"*ab*ab"}]})", R"({"a":"xabyabab"})",
            true);
        row("wildcard no star exact", R"({"a":[{"wildcard":"ab"}]})", R"({"a":"abc"})", false);
        row("wildcard empty", R"({"a":[{"wildcard":""}]})", R"({"a":""})", true);
        // anything-but
        row("ab string", R"({"a":[{"anything-but":"x"}]})", R"({"a":"y"})", true);
        row("ab string excluded", R"({"a":[{"anything-but":"x"}]})", R"({"a":"x"})", false);
        row("ab string vs number", R"({"a":[{"anything-but":"5"}]})", R"({"a":5})", true);
        row("ab string vs true", R"({"a":[{"anything-but":"x"}]})", R"({"a":true})", true);
        row("ab missing", R"({"a":[{"anything-but":"x"}]})", R"({"b":"y"})", false);
        row("ab empty array", R"({"a":[{"anything-but":"x"}]})", R"({"a":[]})", false);
        row("ab object", R"({"a":[{"anything-but":"x"}]})", R"({"a":{"b":"y"}})", false);
        row("ab number numeric eq", R"({"a":[{"anything-but":[1,2]}]})", R"({"a":2.0})", false);
        row("ab number vs string", R"({"a":[{"anything-but":[1,2]}]})", R"({"a":"2"})", true);
        row("ab any element passes", R"({"a":[{"anything-but":["x"]}]})", R"({"a":["x","y"]})",
            true);
        row("ab prefix", R"({"a":[{"anything-but":{"prefix":"ab"}}]})", R"({"a":"abc"})", false);
        row("ab prefix number passes", R"({"a":[{"anything-but":{"prefix":"1"}}]})",
            R"({"a":12})", true);
        row("ab prefix list", R"({"a":[{"anything-but":{"prefix":["x","y"]}}]})",
            R"({"a":"yes"})", false);
        row("ab suffix", R"({"a":[{"anything-but":{"suffix":"bc"}}]})", R"({"a":"abd"})", true);
        row("ab ignore case", R"({"a":[{"anything-but":{"equals-ignore-case":"X"}}]})",
            R"({"a":"x"})", false);
        row("ab ignore case null passes", R"({"a":[{"anything-but":{"equals-ignore-case":"X"}}]})",
            R"({"a":null})", true);
        row("ab wildcard", R"({"a":[{"anything-but":{"wildcard":"a*"}}]})", R"({"a":"abc"})",
            false);
        row("ab wildcard other", R"({"a":[{"anything-but":{"wildcard":"a*"}}]})",
            R"({"a":"bbc"})", true);
        // numeric
        row("numeric gt", R"({"a":[{"numeric":[">",5]}]})", R"({"a":6})", true);
        row("numeric gt equal", R"({"a":[{"numeric":[">",5]}]})", R"({"a":5})", false);
        row("numeric ge", R"({"a":[{"numeric":[">=",5]}]})", R"({"a":5.0})", true);
        row("numeric lt", R"({"a":[{"numeric":["<",5]}]})", R"({"a":-1e3})", true);
        row("numeric le", R"({"a":[{"numeric":["<=",5]}]})", R"({"a":5})", true);
        row("numeric eq 1e2", R"({"a":[{"numeric":["=",100]}]})", R"({"a":1e2})", true);
        row("numeric range in", R"({"a":[{"numeric":[">",0,"<=",5]}]})", R"({"a":5})", true);
        row("numeric range out", R"({"a":[{"numeric":[">",0,"<",5]}]})", R"({"a":5})", false);
        row("numeric not string", R"({"a":[{"numeric":[">",0]}]})", R"({"a":"1"})", false);
        row("numeric huge", R"({"a":[{"numeric":[">",1e300]}]})", R"({"a":1.5e308})", true);
        row("numeric non comparable", R"({"a":[{"numeric":[">",0]}]})",
            R"({"a":9007199254740993})", false);
        row("numeric max double", R"({"a":[{"numeric":["<",1.7976931348623157e308]}]})",
            R"({"a":1})", true);
        // exists
        row("exists true", R"({"a":[{"exists":true}]})", R"({"a":null})", true);
        row("exists true empty string", R"({"a":[{"exists":true}]})", R"({"a":""})", true);
        row("exists true object", R"({"a":[{"exists":true}]})", R"({"a":{"b":1}})", false);
        row("exists true empty array", R"({"a":[{"exists":true}]})", R"({"a":[]})", false);
        row("exists false missing", R"({"a":[{"exists":false}]})", R"({"b":1})", true);
        row("exists false empty array", R"({"a":[{"exists":false}]})", R"({"a":[]})", true);
        row("exists false nested empty", R"({"a":[{"exists":false}]})", R"({"a":[[]]})", true);
        row("exists false object", R"({"a":[{"exists":false}]})", R"({"a":{"b":1}})", true);
        row("exists false present", R"({"a":[{"exists":false}]})", R"({"a":0})", false);
        row("exists false missing parent", R"({"a":{"b":[{"exists":false}]}})", R"({})", true);
        // cidr and IP literals
        row("cidr v4", R"({"ip":[{"cidr":"10.1.0.0/16"}]})", R"({"ip":"10.1.200.3"})", true);
        row("cidr v4 out", R"({"ip":[{"cidr":"10.1.0.0/16"}]})", R"({"ip":"10.2.0.3"})", false);
        row("cidr host bits ignored", R"({"ip":[{"cidr":"10.1.2.3/16"}]})",
            R"({"ip":"10.1.0.0"})", true);
        row("cidr v6", R"({"ip":[{"cidr":"2001:db8::/32"}]})", R"({"ip":"2001:DB8:0::5"})",
            true);
        row("cidr v4 never v6", R"({"ip":[{"cidr":"0.0.0.0/0"}]})", R"({"ip":"::1"})", false);
        row("cidr v6 never v4", R"({"ip":[{"cidr":"::/0"}]})", R"({"ip":"10.0.0.1"})", false);
        row("cidr not string", R"({"ip":[{"cidr":"10.0.0.0/8"}]})", R"({"ip":10})", false);
        row("ip literal leading zeros", R"({"ip":["10.0.0.1"]})", R"({"ip":"10.0.0.001"})", true);
        row("ip literal v6 forms", R"({"ip":["2001:db8::1"]})",
            R"({"ip":"2001:0DB8:0:0:0:0:0:0001"})", true);
        row("ip literal not prefix", R"({"ip":["10.0.0.1"]})", R"({"ip":"10.0.0.10"})", false);
        // $or
        row("or first", R"({"$or":[{"a":["1"]},{"b":["2"]}]})", R"({"a":"1"})", true);
        row("or neither", R"({"$or":[{"a":["1"]},{"b":["2"]}]})", R"({"a":"2"})", false);
        row("or with sibling", R"({"s":["x"],"$or":[{"a":["1"]},{"b":["2"]}]})",
            R"({"s":"y","a":"1"})", false);
        row("or nested", R"({"$or":[{"a":["1"]},{"$or":[{"b":["2"]},{"c":["3"]}]}]})",
            R"({"c":"3"})", true);
        row("or in nested object", R"({"d":{"$or":[{"a":[1]},{"b":[2]}]}})", R"({"d":{"b":2}})",
            true);
        // arrays of objects
        row("array same element", R"({"e":{"f":["A"],"l":["B"]}})",
            R"({"e":[{"f":"A","l":"C"},{"f":"A","l":"B"}]})", true);
        row("array split elements", R"({"e":{"f":["A"],"l":["B"]}})",
            R"({"e":[{"f":"A","l":"C"},{"f":"D","l":"B"}]})", false);
        row("array exists false same element", R"({"e":{"f":["A"],"z":[{"exists":false}]}})",
            R"({"e":[{"f":"A","z":1},{"f":"A"}]})", true);
        row("array exists false other element", R"({"e":{"f":["A"],"z":[{"exists":false}]}})",
            R"({"e":[{"f":"A","z":1},{"f":"B"}]})", false);
        row("two arrays independent", R"({"a":{"x":["1"]},"b":{"y":["2"]}})",
            R"({"a":[{"x":"0"},{"x":"1"}],"b":[{"y":"2"},{"y":"3"}]})", true);
        row("nested array element", R"({"a":{"b":{"c":["1"],"d":["2"]}}})",
            R"({"a":[{"b":[{"c":"1","d":"0"}]},{"b":[{"c":"1","d":"2"}]}]})", true);
    }

    void verdict()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, event);
        QFETCH(bool, match);
        std::string error;
        const int v = ef::pattern::testEventPattern(pattern.toStdString(), event.toStdString(),
                                                    &error);
        QVERIFY2(v >= 0, error.c_str());
        QCOMPARE(v == 1, match);
    }

    void badEvents_data()
    {
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("reason");
        QTest::newRow("array") << "[1]" << "Event must be a JSON object";
        QTest::newRow("string") << "\"x\"" << "Event must be a JSON object";
        QTest::newRow("empty") << "" << "Event must be a JSON object";
        QTest::newRow("truncated") << "{\"a\":\"x\"" << "unexpected end of input";
        QTest::newRow("bad escape") << "{\"a\":\"\\q\"}" << "invalid escape";
        QTest::newRow("leading zero") << "{\"a\":01}" << "leading zeroes";
        QTest::newRow("NaN") << "{\"a\":NaN}" << "expected a value";
        QTest::newRow("bad in skipped field") << "{\"zz\":[1,}" << "expected a value";
        QTest::newRow("deep") << QString(1200, '[').prepend("{\"a\":") << "nested deeper";
    }

    void badEvents()
    {
        QFETCH(QString, event);
        QFETCH(QString, reason);
        std::string error;
        QCOMPARE(ef::pattern::testEventPattern(R"({"a":["x"]})", event.toStdString(), &error),
                 -1);
        QVERIFY2(error.rfind("Event is not valid. Reason: ", 0) == 0, error.c_str());
        QVERIFY2(error.find(reason.toStdString()) != std::string::npos, error.c_str());
    }

    void depthLimit()
    {
        // 1,100 levels are fine, 1,101 are an error: never a crash either way.
        auto nested = [](int levels) {
            std::string e = "{\"a\":";
            for (int i = 1; i < levels; ++i)
                e += "[";
            e += "\"x\"";
            for (int i = 1; i < levels; ++i)
                e += "]";
            return e + "}";
        };
        std::string error;
        QCOMPARE(ef::pattern::testEventPattern(R"({"a":["x"]})", nested(1100), &error), 1);
        QCOMPARE(ef::pattern::testEventPattern(R"({"a":["x"]})", nested(1101), &error), -1);
        QCOMPARE(ef::pattern::testEventPattern(R"({"a":["x"]})", std::string(100000, '{'),
                                               &error),
                 -1);
        const std::string deepPattern = "{\"a\":" + std::string(100000, '[');
        QCOMPARE(ef::pattern::testEventPattern(deepPattern, R"({"a":"x"})", &error), -1);
        QVERIFY2(error.find("nested deeper than 1100") != std::string::npos, error.c_str());
    }
};

QTEST_GUILESS_MAIN(TestOperators)
#include "tst_operators.moc"
