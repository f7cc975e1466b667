// Every way a pattern is rejected, with the exact reason: the service's style
// ("Event pattern is not valid. Reason: ..."), naming the field path.

#include "core/pattern/EventPattern.h"

#include <QTest>

class TestPatternErrors : public QObject
{
    Q_OBJECT

private slots:
    void rejected_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("reason");
        auto row = [](const char *name, const char *p, const char *reason) {
            QTest::newRow(name) << QString::fromUtf8(p) << QString::fromUtf8(reason);
        };
        row("not an object", R"(["a"])", "Filter is not an object");
        row("empty object", R"({})", "Empty objects are not allowed");
        row("empty nested object", R"({"detail":{}})",
            "Field \"detail\": Empty objects are not allowed");
        row("leaf not array", R"({"detail":{"state":"x"}})",
            "Field \"detail.state\" must be an object or an array");
        row("empty array", R"({"a":[]})", "Field \"a\": Empty arrays are not allowed");
        row("nested array", R"({"a":[["x"]]})",
            "Field \"a\": Match value must be String, number, true, false, or null");
        row("empty matcher", R"({"a":[{}]})", "Field \"a\": Match expression name not found");
        row("unknown operator", R"({"detail":{"x":[{"contains":"y"}]}})",
            "Field \"detail.x\": Unrecognized match type contains");
        row("regex unknown", R"({"a":[{"regex":"y"}]})",
            "Field \"a\": Unrecognized match type regex");
        row("two keys", R"({"a":[{"prefix":"x","suffix":"y"}]})",
            "Field \"a\": Only one key allowed in match expression");
        row("prefix number", R"({"a":[{"prefix":1}]})",
            "Field \"a\": prefix match pattern must be a string");
        row("suffix null", R"({"a":[{"suffix":null}]})",
            "Field \"a\": suffix match pattern must be a string");
        row("prefix unknown nested", R"({"a":[{"prefix":{"x":"y"}}]})",
            "Field \"a\": Unsupported prefix pattern: x");
        row("eic array", R"({"a":[{"equals-ignore-case":["x"]}]})",
            "Field \"a\": equals-ignore-case match pattern must be a string");
        row("wildcard double star", R"({"a":[{"wildcard":"ab**c"}]})",
            "Field \"a\": Consecutive wildcard characters at pos 3");
        row("wildcard double star utf8 pos", R"({"a":[{"wildcard":"é**"}]})",
            "Field \"a\": Consecutive wildcard characters at pos 3");
        row("wildcard bad escape", R"({"a":[{"wildcard":"a\\b"}]})",
            "Field \"a\": Invalid escape character at pos 2");
        row("wildcard trailing backslash", R"({"a":[{"wildcard":"ab\\"}]})",
            "Field \"a\": Invalid escape character at pos 3");
        row("numeric not array", R"({"a":[{"numeric":5}]})",
            "Field \"a\": Value of numeric must be an array.");
        row("numeric empty", R"({"a":[{"numeric":[]}]})",
            "Field \"a\": Invalid member in numeric match: ]");
        row("numeric first not op", R"({"a":[{"numeric":[5]}]})",
            "Field \"a\": Invalid member in numeric match: 5");
        row("numeric bad op", R"({"a":[{"numeric":["!=",5]}]})",
            "Field \"a\": Unrecognized numeric range operator: !=");
        row("numeric string operand", R"({"a":[{"numeric":[">","5"]}]})",
            "Field \"a\": Value of > must be numeric");
        row("numeric equals string", R"({"a":[{"numeric":["=","5"]}]})",
            "Field \"a\": Value of equals must be numeric");
        row("numeric bad second op", R"({"a":[{"numeric":[">",1,">",5]}]})",
            "Field \"a\": Bad numeric range operator: >");
        row("numeric bottom not below top", R"({"a":[{"numeric":[">=",5,"<=",5]}]})",
            "Field \"a\": Bottom must be less than top");
        row("numeric too many", R"({"a":[{"numeric":[">",1,"<",5,"<",6]}]})",
            "Field \"a\": Too many terms in numeric range expression");
        row("numeric equals too many", R"({"a":[{"numeric":["=",1,"<",5]}]})",
            "Field \"a\": Too many elements in numeric expression");
        row("numeric not comparable", R"({"a":[{"numeric":[">",9007199254740993]}]})",
            "Field \"a\": Cannot compare number : 9007199254740993");
        row("numeric infinite", R"({"a":[{"numeric":["<",1e400]}]})",
            "Field \"a\": Cannot compare number : 1e400");
        row("numeric extra key", R"({"a":[{"numeric":[">",1],"x":1}]})",
            "Field \"a\": Too many elements in numeric expression");
        row("anything-but null", R"({"a":[{"anything-but":null}]})",
            "Field \"a\": Value of anything-but must be an array or single string/number value.");
        row("anything-but empty list", R"({"a":[{"anything-but":[]}]})",
            "Field \"a\": Inside anything but list, either all values are number or string, "
            "mixed type is not supported");
        row("anything-but mixed", R"({"a":[{"anything-but":["x",1]}]})",
            "Field \"a\": Inside anything but list, either all values are number or string, "
            "mixed type is not supported");
        row("anything-but bool in list", R"({"a":[{"anything-but":[true]}]})",
            "Field \"a\": Inside anything but list, start|null|boolean is not supported.");
        row("anything-but exists", R"({"a":[{"anything-but":{"exists":true}}]})",
            "Field \"a\": Unsupported anything-but pattern: exists");
        row("anything-but empty prefix", R"({"a":[{"anything-but":{"prefix":""}}]})",
            "Field \"a\": Null prefix/suffix not allowed");
        row("anything-but empty prefix list", R"({"a":[{"anything-but":{"prefix":[]}}]})",
            "Field \"a\": anything-but prefix list must not be empty");
        row("anything-but bad wildcard", R"({"a":[{"anything-but":{"wildcard":"**"}}]})",
            "Field \"a\": Consecutive wildcard characters at pos 1");
        row("anything-but number not comparable", R"({"a":[{"anything-but":[1e999]}]})",
            "Field \"a\": Cannot compare number : 1e999");
        row("exists string", R"({"a":[{"exists":"true"}]})",
            "Field \"a\": exists match pattern must be either true or false.");
        row("cidr number", R"({"a":[{"cidr":5}]})",
            "Field \"a\": cidr match pattern must be a string");
        row("cidr no slash", R"({"a":[{"cidr":"10.0.0.0"}]})",
            "Field \"a\": Malformed CIDR, one '/' required");
        row("cidr /32", R"({"a":[{"cidr":"10.0.0.0/32"}]})",
            "Field \"a\": IPv4 mask bits must be < 32");
        row("cidr /128", R"({"a":[{"cidr":"::/128"}]})",
            "Field \"a\": IPv6 mask bits must be < 128");
        row("cidr bad mask", R"({"a":[{"cidr":"10.0.0.0/x"}]})",
            "Field \"a\": Malformed CIDR, mask bits must be an integer");
        row("cidr negative", R"({"a":[{"cidr":"10.0.0.0/-1"}]})",
            "Field \"a\": Malformed CIDR, mask bits must not be negative");
        row("cidr hostname", R"({"a":[{"cidr":"host/8"}]})",
            "Field \"a\": Nonstandard IP address: host");
        row("cidr octet too big", R"({"a":[{"cidr":"300.0.0.0/8"}]})",
            "Field \"a\": Invalid IP address: 300.0.0.0");
        row("or not array", R"({"$or":{"a":["x"]}})",
            "Field \"$or\": $or must be an array of at least 2 objects");
        row("or one branch", R"({"$or":[{"a":["x"]}]})",
            "Field \"$or\": $or needs at least 2 objects");
        row("or scalar branch", R"({"$or":["x","y"]})",
            "Field \"$or\": only JSON objects are allowed in the array of $or");
        row("or empty branch", R"({"$or":[{},{"a":["x"]}]})",
            "Field \"$or\": Empty objects are not allowed");
        row("or reserved field", R"({"$or":[{"a":["x"]},{"prefix":["y"]}]})",
            "Field \"prefix\": \"prefix\""
            " is a reserved word and cannot be a field name inside $or");
        row("malformed json", R"({"a":["x",]})",
            "Malformed JSON at line 1, column 11: expected a value");
        row("single quotes", R"({'a':['x']})",
            "Malformed JSON at line 1, column 2: expected a string as object key");
        row("too deep", QByteArray("{\"a\":").append(QByteArray(2000, '[')).constData(),
            "Malformed JSON at line 1, column 1105: JSON nested deeper than 1100 levels");
    }

    void rejected()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, reason);
        const ef::pattern::CompileResult r = ef::pattern::validatePattern(pattern.toStdString());
        QVERIFY(!r.ok);
        QCOMPARE(QString::fromStdString(r.error.reason), reason);
        QCOMPARE(QString::fromStdString(r.error.message()),
                 QStringLiteral("Event pattern is not valid. Reason: ") + reason);
        // The rule set and the one-shot check give the same words.
        ef::pattern::RuleSet set;
        QCOMPARE(QString::fromStdString(set.add("r", pattern.toStdString()).error.reason), reason);
        QCOMPARE(set.size(), std::size_t(0));
        std::string error;
        QCOMPARE(ef::pattern::testEventPattern(pattern.toStdString(), "{}", &error), -1);
        QCOMPARE(QString::fromStdString(error), QString::fromStdString(r.error.message()));
    }

    void orBlowUpIsRejected()
    {
        // 2^20 combinations from 20 sibling $or: rejected, not expanded.
        std::string p = "{";
        for (int i = 0; i < 20; ++i) {
            p += "\"k" + std::to_string(i) + "\":{\"$or\":[{\"a\":[1]},{\"b\":[2]}]}";
            p += i + 1 < 20 ? "," : "}";
        }
        const ef::pattern::CompileResult r = ef::pattern::validatePattern(p);
        QVERIFY(!r.ok);
        QVERIFY2(r.error.reason.find("more than 10000 alternatives") != std::string::npos,
                 r.error.reason.c_str());
    }

    void errorNamesPath()
    {
        const auto r = ef::pattern::validatePattern(R"({"detail":{"amount":[{"numeric":5}]}})");
        QCOMPARE(QString::fromStdString(r.error.path), QStringLiteral("detail.amount"));
    }
};

QTEST_GUILESS_MAIN(TestPatternErrors)
#include "tst_patternerrors.moc"
