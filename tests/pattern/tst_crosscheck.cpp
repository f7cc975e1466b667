// ctest-label: heavy
// Combining rules must never change a verdict: the compiled 1,000-rule set of
// the generated workload against the same compiler run on one-rule sets,
// every event x every rule. The one-rule sets reuse the big set's parse of
// each event (matchPreflattened: the same evaluation code, no second parse),
// which is checked against their own RuleSet::match on a sample.

#include "ConformanceCases.h"

#include "core/pattern/EventPattern.h"
#include "core/pattern/RuleSetImpl.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <unordered_map>

namespace {

struct NamedPattern
{
    std::string name, pattern;
};

bool loadRules(const QString &path, std::vector<NamedPattern> &out, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = "cannot read " + path;
        return false;
    }
    while (!file.atEnd()) {
        const std::string line = file.readLine().trimmed().toStdString();
        if (line.empty())
            continue;
        ef::pattern::JsonNode node;
        std::string parseError;
        if (!ef::pattern::parseJson(line, node, parseError, true) || !node.member("name") ||
            !node.member("pattern")) {
            error = "bad rule line: " + QString::fromStdString(line);
            return false;
        }
        const ef::pattern::JsonNode *p = node.member("pattern");
        out.push_back({node.member("name")->text, line.substr(p->begin, p->end - p->begin)});
    }
    return true;
}

bool loadLines(const QString &path, std::vector<std::string> &out)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (!line.isEmpty())
            out.push_back(line.toStdString());
    }
    return true;
}

// Runs every event through the big set and every one-rule set; returns the
// number of disagreements (and describes the first few in `report`).
int crossCheck(const std::vector<NamedPattern> &rules, const std::vector<std::string> &events,
               std::size_t realMatchSample, QString &report)
{
    using namespace ef::pattern;
    RuleSet all;
    std::unordered_map<std::string, std::size_t> index;
    std::vector<RuleSet> singles(rules.size());
    std::vector<std::vector<std::uint32_t>> maps;
    for (std::size_t i = 0; i < rules.size(); ++i) {
        index[rules[i].name] = i;
        if (!all.add(rules[i].name, rules[i].pattern).ok ||
            !singles[i].add(rules[i].name, rules[i].pattern).ok) {
            report = QString::fromStdString("rule rejected: " + rules[i].name);
            return 1;
        }
    }
    for (const RuleSet &one : singles)
        maps.push_back(mapPaths(one.data(), all.data()));

    MatchScratch flat, scratch;
    std::vector<RuleId> ids, one;
    std::vector<char> expected(rules.size());
    int mismatches = 0;
    auto note = [&](std::size_t e, std::size_t r, bool big, bool single, const char *how) {
        if (++mismatches <= 5) {
            report += QStringLiteral("event %1, rule %2: 1,000-rule set says %3, one-rule set "
                                     "(%4) says %5\n")
                          .arg(e)
                          .arg(QString::fromStdString(rules[r].name))
                          .arg(big)
                          .arg(how)
                          .arg(single);
        }
    };
    for (std::size_t e = 0; e < events.size(); ++e) {
        ids.clear();
        std::string error;
        const bool ok = all.match(events[e], ids, &error);
        std::fill(expected.begin(), expected.end(), 0);
        for (const RuleId id : ids)
            expected[index.at(all.name(id))] = 1;
        if (!all.data().flatten(events[e], flat, &error)) {
            if (ok)
                note(e, 0, true, false, "parse");
            continue;
        }
        for (std::size_t r = 0; r < rules.size(); ++r) {
            one.clear();
            matchPreflattened(singles[r].data(), flat, maps[r], scratch, one);
            if (bool(expected[r]) != !one.empty())
                note(e, r, expected[r], !one.empty(), "shared parse");
            if (e < realMatchSample) {
                one.clear();
                singles[r].match(events[e], one);
                if (bool(expected[r]) != !one.empty())
                    note(e, r, expected[r], !one.empty(), "own parse");
            }
        }
    }
    return mismatches;
}

} // namespace

class TestCrossCheck : public QObject
{
    Q_OBJECT

private slots:
    void workload()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString generator = QStringLiteral(EVENTFLOW_SHARED_DIR "/bench/gen_workload.py");
        QVERIFY2(QFile::exists(generator),
                 qPrintable("the workload generator is missing: " + generator));
        QProcess python;
        python.start(QStringLiteral("/usr/bin/python3"), {generator, dir.path()});
        QVERIFY2(python.waitForFinished(300000) && python.exitCode() == 0,
                 qPrintable("gen_workload.py failed: " + python.readAllStandardError()));
        std::vector<NamedPattern> rules;
        std::vector<std::string> events;
        QString error;
        QVERIFY2(loadRules(dir.filePath("rules.jsonl"), rules, error), qPrintable(error));
        QVERIFY(loadLines(dir.filePath("events.jsonl"), events));
        QCOMPARE(rules.size(), std::size_t(1000));
        QCOMPARE(events.size(), std::size_t(100000));
        QString report;
        QCOMPARE(crossCheck(rules, events, 500, report), 0);
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }

    // The conformance cases mix every operator: all their patterns in one set,
    // every case's event against all of them.
    void conformancePatterns()
    {
        std::vector<ConformanceCase> cases;
        QString error;
        QVERIFY2(loadConformanceCases(sourceDataPath("patterns.jsonl"), cases, error),
                 qPrintable(error));
        QVERIFY2(loadConformanceCases(sharedConformancePath("peer-cases.jsonl"), cases, error),
                 qPrintable(error));
        std::vector<NamedPattern> rules;
        std::vector<std::string> events;
        for (const ConformanceCase &c : cases) {
            if (c.expect == "error")
                continue;
            rules.push_back({c.id, c.pattern});
            events.push_back(c.event);
        }
        QString report;
        QCOMPARE(crossCheck(rules, events, events.size(), report), 0);
        QVERIFY2(report.isEmpty(), qPrintable(report));
    }
};

QTEST_GUILESS_MAIN(TestCrossCheck)
#include "tst_crosscheck.moc"
