// The sandbox gives the engine's verdict for every conformance case (typed
// into it as a student would paste them), explains every miss field by field,
// shows what each target of a matching rule would receive, and offers the
// lab's samples and the events seen so far.

#include "EditorsTestSupport.h"
#include "pattern/ConformanceCases.h"

#include "core/bus/InputTransformer.h"
#include "ui/editors/FieldCatalog.h"
#include "ui/editors/PatternEditor.h"
#include "ui/sandbox/RecentEvents.h"
#include "ui/sandbox/SandboxPanel.h"
#include "ui/undo/ScenarioDocument.h"
#include "ui/undo/TargetCommands.h"

#include <QComboBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTest>
#include <QTreeWidget>

using namespace ef;
using namespace ef::ui;

namespace {
const QString kBus = QStringLiteral("user3-ecommerce-events");
const QString kHighValue = QStringLiteral("user3-high-value-order-rule");
} // namespace

class TestSandbox : public QObject
{
    Q_OBJECT

    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<ScenarioDocument> m_document;
    std::unique_ptr<SandboxPanel> m_panel;
    int m_checkedAgainstFacade = 0;

private slots:
    void initTestCase()
    {
        m_engine = std::make_unique<Engine>();  // TestEventPattern needs no resources
        m_document = std::make_unique<ScenarioDocument>(*m_engine);
        m_panel = std::make_unique<SandboxPanel>(*m_document, nullptr, nullptr);
    }

    void cleanupTestCase()
    {
        qInfo("%d cases also checked against Engine::testEventPattern (full envelopes)",
              m_checkedAgainstFacade);
    }

    void verdictEqualsEngine_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("event");
        QTest::addColumn<QString>("expect");
        QTest::addColumn<QString>("problem");
        std::vector<ConformanceCase> cases;
        QString error;
        if (!loadConformanceCases(sourceDataPath("patterns.jsonl"), cases, error)) {
            QTest::newRow("missing") << QString() << QString() << QString() << error;
            return;
        }
        for (const ConformanceCase &c : cases) {
            QTest::addRow("%s %s", c.id.c_str(), c.note.c_str())
                << QString::fromStdString(c.pattern) << QString::fromStdString(c.event)
                << QString::fromStdString(c.expect) << QString();
        }
    }

    void verdictEqualsEngine()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, event);
        QFETCH(QString, expect);
        QFETCH(QString, problem);
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem));
        m_panel->setEventText(event);
        m_panel->setPatternText(pattern);
        const SandboxVerdict &v = m_panel->verdict();
        const QString shown = m_panel->verdictLabel()->text();

        // The engine's one-shot check (the same compiler the rule set uses).
        std::string engineError;
        const int engine = pattern::testEventPattern(pattern.toStdString(), event.toStdString(),
                                                     &engineError);
        if (engine < 0) {
            QCOMPARE(v.result, SandboxVerdict::Result::Error);
            QCOMPARE(v.error, QString::fromStdString(engineError));
            QVERIFY(shown.contains(QStringLiteral("Cannot test")));
        } else {
            QCOMPARE(v.matched(), engine == 1);
            QCOMPARE(shown, engine == 1 ? QStringLiteral("✔ MATCH") : QStringLiteral("✘ NO MATCH"));
            QCOMPARE(v.explanation.match, engine == 1);
        }
        // And the facade's TestEventPattern wherever the event is a full envelope.
        const auto facade = m_engine->testEventPattern({pattern, event});
        if (facade.ok()) {
            ++m_checkedAgainstFacade;
            QCOMPARE(v.matched(), facade.value());
        }
        // The reference verdict.
        if (expect == QLatin1String("error")) {
            QCOMPARE(v.result, SandboxVerdict::Result::Error);
            return;
        }
        QCOMPARE(v.matched() ? QStringLiteral("match") : QStringLiteral("no-match"), expect);
        // Every miss says why.
        if (!v.matched()) {
            QVERIFY2(!v.explanation.fields.empty() || !v.explanation.note.empty(),
                     "a miss without an explanation");
            QVERIFY(m_panel->explanationTree()->topLevelItemCount()
                    == int(v.explanation.fields.size()));
        }
    }

    void labNearMissExplainsTheAmount()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        SandboxPanel panel(doc, nullptr, nullptr);
        QVERIFY(panel.showNearMiss());
        QVERIFY2(panel.eventCombo()->currentText().contains(QStringLiteral("29.99")),
                 qPrintable(panel.eventCombo()->currentText()));
        QVERIFY(panel.ruleCombo()->currentText().startsWith(kHighValue));
        QCOMPARE(panel.verdict().result, SandboxVerdict::Result::NoMatch);
        QCOMPARE(panel.verdictLabel()->text(), QStringLiteral("✘ NO MATCH"));
        QTreeWidget *why = panel.explanationTree();
        QCOMPARE(why->topLevelItemCount(), 1);
        QCOMPARE(why->topLevelItem(0)->text(1), QStringLiteral("detail.amount"));
        QCOMPARE(why->topLevelItem(0)->text(3), QStringLiteral("29.99"));
        QVERIFY(why->topLevelItem(0)->text(2).contains(QStringLiteral("100")));
        QCOMPARE(panel.targetsTree()->topLevelItemCount(), 0);
    }

    void matchShowsWhatEachTargetReceives()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        // A second target with an InputTransformer on the high-value rule.
        Target t;
        t.id = QStringLiteral("summary");
        t.arn = QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:summary-fn");
        decltype(Target::inputTransformer)::value_type it;
        it.inputPathsMap = {{QStringLiteral("amount"), QStringLiteral("$.detail.amount")},
                            {QStringLiteral("customer"), QStringLiteral("$.detail.customerId")}};
        it.inputTemplate = QStringLiteral("{\"who\": <customer>, \"total\": <amount>}");
        t.inputTransformer = it;
        QVERIFY(doc.execute(new PutTargetCommand(doc, {kHighValue, kBus}, t, std::nullopt)).ok());

        SandboxPanel panel(doc, nullptr, nullptr);
        QVERIFY(panel.selectEvent(QStringLiteral("149.99")));
        QVERIFY(panel.selectRule(kHighValue));
        QCOMPARE(panel.verdict().result, SandboxVerdict::Result::Match);
        QTreeWidget *targets = panel.targetsTree();
        QCOMPARE(targets->topLevelItemCount(), 2);
        // The lab's target gets the whole event; ours gets the template filled.
        QCOMPARE(targets->topLevelItem(0)->text(1), panel.eventText());
        QCOMPARE(targets->topLevelItem(1)->text(0), QStringLiteral("summary"));
        QCOMPARE(targets->topLevelItem(1)->text(1),
                 QStringLiteral("{\"who\": \"customer-12345\", \"total\": 149.99}"));
        // Same text as the shared transformation code gives for this rule.
        const RuleInfo rule = engine->describeRule({kHighValue, kBus}).value();
        const QByteArray ev = panel.eventText().toUtf8();
        RuleContext context{rule.name, rule.arn, QString()};
        const TransformOutcome direct = transformTargetInput(targetInputOf(t), ev.toStdString(),
                                                             context, t.id);
        QVERIFY(direct.ok);
        QCOMPARE(targets->topLevelItem(1)->text(1), direct.text);
    }

    void samplesAndEventsSeen()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        FieldCatalog catalog;
        RecentEvents recent(*engine, &catalog, 5);
        SandboxPanel panel(doc, &catalog, &recent);
        // The lab's five samples are offered as full envelopes.
        int samples = 0;
        for (int i = 0; i < panel.eventCombo()->count(); ++i)
            samples += panel.eventCombo()->itemText(i).startsWith(QStringLiteral("sample: "));
        QCOMPARE(samples, 5);
        QVERIFY(panel.selectEvent(QStringLiteral("InventoryUpdated")));
        const QJsonObject envelope = QJsonDocument::fromJson(panel.eventText().toUtf8()).object();
        for (const char *member : {"version", "id", "detail-type", "source", "account", "time",
                                   "region", "resources", "detail"})
            QVERIFY2(envelope.contains(QLatin1String(member)), member);
        QCOMPARE(envelope.value(QStringLiteral("source")).toString(),
                 QStringLiteral("ecommerce.application"));

        // Events put on the bus show up as "seen", and their fields feed completion.
        PutEventsRequestEntry e;
        e.source = "teaching.demo";
        e.detailType = "CouponRedeemed";
        e.detail = R"({"couponCode":"SPRING","discount":15})";
        e.eventBusName = kBus.toStdString();
        const auto put = engine->putEvents(std::vector<PutEventsRequestEntry>{e});
        QVERIFY(put.ok() && put->failedEntryCount == 0);
        QCOMPARE(recent.count(), 1);
        panel.refreshSources();
        QVERIFY(panel.selectEvent(QStringLiteral("seen: CouponRedeemed")));
        QVERIFY(panel.eventText().contains(QStringLiteral("SPRING")));
        QVERIFY(catalog.paths().contains(QStringLiteral("detail.couponCode")));
        QVERIFY(panel.patternEditor()->edit() != nullptr);

        // Typing into the event makes it a typed event; the verdict follows at once.
        panel.selectRule(QStringLiteral("user3-order-processing-rule"));
        panel.setEventText(QStringLiteral(
            "{\"source\": \"ecommerce.application\", \"detail-type\": \"OrderPlaced\"}"));
        QCOMPARE(panel.eventCombo()->currentIndex(), 0);
        QCOMPARE(panel.verdict().result, SandboxVerdict::Result::Match);
    }
};

QTEST_MAIN(TestSandbox)
#include "tst_sandbox.moc"
