// RuleSet: many named patterns matched at once; adding, replacing and
// removing rules only touches those rules.

#include "core/pattern/EventPattern.h"

#include <QTest>

#include <algorithm>

using ef::pattern::RuleId;
using ef::pattern::RuleSet;

namespace {

std::vector<std::string> matchedNames(const RuleSet &set, const std::string &event)
{
    std::vector<RuleId> ids;
    std::string error;
    if (!set.match(event, ids, &error))
        return {"<error: " + error + ">"};
    std::vector<std::string> names;
    for (const RuleId id : ids)
        names.push_back(set.name(id));
    std::sort(names.begin(), names.end());
    return names;
}

using Names = std::vector<std::string>;

// Appends instead of operator+ (GCC 12 reports a false -Wrestrict on the latter at -O3).
template<typename... Parts>
std::string cat(const Parts &...parts)
{
    std::string out;
    (out.append(parts), ...);
    return out;
}

} // namespace

class TestRuleSet : public QObject
{
    Q_OBJECT

private slots:
    void addMatchRemove()
    {
        RuleSet set;
        QVERIFY(set.add("orders", R"({"source":["shop"],"detail-type":["OrderPlaced"]})").ok);
        QVERIFY(set.add("big", R"({"detail":{"amount":[{"numeric":[">",100]}]}})").ok);
        QVERIFY(set.add("any-shop", R"({"source":[{"prefix":"sh"}]})").ok);
        QCOMPARE(set.size(), std::size_t(3));
        QVERIFY(set.contains("big"));
        const std::string event =
            R"({"source":"shop","detail-type":"OrderPlaced","detail":{"amount":150}})";
        QCOMPARE(matchedNames(set, event), (Names{"any-shop", "big", "orders"}));
        QVERIFY(set.remove("big"));
        QVERIFY(!set.remove("big"));
        QVERIFY(!set.contains("big"));
        QCOMPARE(matchedNames(set, event), (Names{"any-shop", "orders"}));
        QCOMPARE(matchedNames(set, R"({"source":"other"})"), Names{});
    }

    void replaceKeepsOneRule()
    {
        RuleSet set;
        QVERIFY(set.add("r", R"({"a":["1"]})").ok);
        QVERIFY(set.add("r", R"({"a":["2"]})").ok);
        QCOMPARE(set.size(), std::size_t(1));
        QCOMPARE(matchedNames(set, R"({"a":"1"})"), Names{});
        QCOMPARE(matchedNames(set, R"({"a":"2"})"), Names{"r"});
    }

    void invalidReplacementKeepsOld()
    {
        RuleSet set;
        QVERIFY(set.add("r", R"({"a":["1"]})").ok);
        QVERIFY(!set.add("r", R"({"a":"1"})").ok);
        QCOMPARE(matchedNames(set, R"({"a":"1"})"), Names{"r"});
    }

    void orBranchesReportRuleOnce()
    {
        RuleSet set;
        QVERIFY(set.add("r", R"({"$or":[{"a":["1"]},{"b":["2"]}]})").ok);
        std::vector<RuleId> ids;
        QVERIFY(set.match(R"({"a":"1","b":"2"})", ids));
        QCOMPARE(ids.size(), std::size_t(1));
    }

    void sharedMatchersStayCorrectAfterRemoval()
    {
        RuleSet set;
        QVERIFY(set.add("a", R"({"x":[{"prefix":"ab"}]})").ok);
        QVERIFY(set.add("b", R"({"x":[{"prefix":"ab"}],"y":["1"]})").ok);
        QVERIFY(set.remove("a"));
        QCOMPARE(matchedNames(set, R"({"x":"abc"})"), Names{});
        QCOMPARE(matchedNames(set, R"({"x":"abc","y":"1"})"), Names{"b"});
        QVERIFY(set.add("a", R"({"x":[{"prefix":"ab"}]})").ok);
        QCOMPARE(matchedNames(set, R"({"x":"abc"})"), Names{"a"});
    }

    void manyRulesGrowAndShrink()
    {
        RuleSet set;
        for (int i = 0; i < 700; ++i) {
            const std::string p =
                cat("{\"n\":[", std::to_string(i), "],\"k\":[{\"exists\":true}]}");
            QVERIFY(set.add(cat("r", std::to_string(i)), p).ok);
        }
        QCOMPARE(matchedNames(set, R"({"n":345,"k":0})"), Names{"r345"});
        for (int i = 0; i < 700; i += 2)
            QVERIFY(set.remove(cat("r", std::to_string(i))));
        QCOMPARE(set.size(), std::size_t(350));
        QCOMPARE(matchedNames(set, R"({"n":344,"k":0})"), Names{});
        QCOMPARE(matchedNames(set, R"({"n":345.0,"k":0})"), Names{"r345"});
    }

    void absenceAcrossRules()
    {
        RuleSet set;
        QVERIFY(set.add("absent", R"({"a":[{"exists":false}]})").ok);
        QVERIFY(set.add("present", R"({"a":[{"exists":true}]})").ok);
        QVERIFY(set.add("either", R"({"a":[{"exists":false},"x"]})").ok);
        QCOMPARE(matchedNames(set, R"({})"), (Names{"absent", "either"}));
        QCOMPARE(matchedNames(set, R"({"a":"x"})"), (Names{"either", "present"}));
        QCOMPARE(matchedNames(set, R"({"a":"y"})"), (Names{"present"}));
    }

    void invalidEventIsAnError()
    {
        RuleSet set;
        QVERIFY(set.add("r", R"({"a":["1"]})").ok);
        std::vector<RuleId> ids;
        std::string error;
        QVERIFY(!set.match("[]", ids, &error));
        QCOMPARE(QString::fromStdString(error),
                 QStringLiteral("Event is not valid. Reason: Event must be a JSON object"));
        QVERIFY(!set.match(R"({"a":"1",)", ids, &error));
        QVERIFY(ids.empty());
    }

    void hugeArraysStayLinear()
    {
        // 50,000-element arrays of values and of objects: must still match
        // correctly (the speed belongs to the bench, not to an assert).
        RuleSet set;
        QVERIFY(set.add("vals", R"({"v":[49999]})").ok);
        QVERIFY(set.add("objs", R"({"o":{"id":["49999"],"ok":[true]}})").ok);
        QVERIFY(set.add("split", R"({"o":{"id":["0"],"ok":[true]}})").ok);
        QVERIFY(set.add("missing", R"({"o":{"id":["49999"],"gone":[{"exists":false}]}})").ok);
        std::string event = "{\"v\":[";
        for (int i = 0; i < 50000; ++i)
            event += cat(i ? "," : "", std::to_string(i));
        event += "],\"o\":[";
        for (int i = 0; i < 50000; ++i) {
            event += cat(i ? "," : "", "{\"id\":\"", std::to_string(i), "\",\"ok\":",
                         i == 49999 || i == 1 ? "true" : "false", ",\"gone\":",
                         i == 49999 ? "null" : "1", "}");
        }
        event += "]}";
        QCOMPARE(matchedNames(set, event), (Names{"objs", "vals"}));
    }
};

QTEST_GUILESS_MAIN(TestRuleSet)
#include "tst_ruleset.moc"
