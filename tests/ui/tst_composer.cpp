// The event composer as a user drives it: typed source, detail-type and
// detail go to the chosen bus through PutEvents, once or N times (in batches
// of ten, the service's limit); a detail that is not a JSON object cannot be
// sent and keeps what was typed; the engine's per-entry refusals are shown in
// its words.

#include "EditorsTestSupport.h"

#include "ui/composer/EventComposer.h"
#include "ui/editors/JsonEdit.h"
#include "ui/undo/ScenarioDocument.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>

using namespace ef;
using namespace ef::ui;

namespace {
void typeInto(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClicks(edit, text);
}
} // namespace

class TestComposer : public QObject
{
    Q_OBJECT

private slots:
    void sendNTimes_data()
    {
        QTest::addColumn<int>("count");
        QTest::addRow("once") << 1;
        QTest::addRow("three times") << 3;
        QTest::addRow("25 times, three PutEvents calls") << 25;
    }

    void sendNTimes()
    {
        QFETCH(int, count);
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        EventComposer composer(doc);
        composer.show();
        typeInto(composer.sourceEdit(), QStringLiteral("ecommerce.application"));
        typeInto(composer.detailTypeEdit(), QStringLiteral("OrderPlaced"));
        composer.busCombo()->setCurrentText(QStringLiteral("user3-ecommerce-events"));
        composer.detailEdit()->selectAll();
        QTest::keyClicks(composer.detailEdit(), QStringLiteral("{\"orderId\": \"o-1\", \"amount\": 150}"));
        composer.countSpin()->setValue(count);
        QVERIFY(composer.sendButton()->isEnabled());
        QSignalSpy sent(&composer, &EventComposer::sent);
        const auto before = engine->counters().entriesAccepted;
        const auto deliveriesBefore = engine->counters().deliveriesCreated;
        QTest::mouseClick(composer.sendButton(), Qt::LeftButton);
        QCOMPARE(sent.count(), 1);
        QCOMPARE(sent.first().at(0).toInt(), count);
        QCOMPARE(engine->counters().entriesAccepted - before, std::uint64_t(count));
        QVERIFY(composer.resultLabel()->text().startsWith(QStringLiteral("Sent %1 event").arg(count)));
        // Routed like any event: order, inventory and high-value rules, one target each.
        QCOMPARE(engine->counters().deliveriesCreated - deliveriesBefore,
                 std::uint64_t(3 * count));
    }

    void invalidDetailCannotBeSent()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        EventComposer composer(doc);
        composer.show();
        composer.detailEdit()->selectAll();
        const QString typed = QStringLiteral("{\"amount\": 150");
        QTest::keyClicks(composer.detailEdit(), typed);
        QVERIFY(!composer.sendButton()->isEnabled());
        QVERIFY(composer.resultLabel()->text().startsWith(QStringLiteral("Detail is not valid JSON")));
        QVERIFY(composer.detailEdit()->errorPosition() >= 0);
        QCOMPARE(composer.detailEdit()->toPlainText(), typed);
        QTest::keyClicks(composer.detailEdit(), QStringLiteral("}"));
        QVERIFY(composer.sendButton()->isEnabled());
        composer.detailEdit()->selectAll();
        QTest::keyClicks(composer.detailEdit(), QStringLiteral("[1, 2]"));
        QVERIFY(!composer.sendButton()->isEnabled());
    }

    void refusedEntriesShowTheEnginesWords()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        EventComposer composer(doc);
        composer.show();
        typeInto(composer.sourceEdit(), QStringLiteral("aws.reserved"));
        typeInto(composer.detailTypeEdit(), QStringLiteral("Anything"));
        QTest::mouseClick(composer.sendButton(), Qt::LeftButton);
        PutEventsRequestEntry e;
        e.source = "aws.reserved";
        e.detailType = "Anything";
        e.detail = "{}";
        e.eventBusName = composer.busCombo()->currentText().toStdString();
        const auto direct = engine->putEvents(std::vector<PutEventsRequestEntry>{e});
        QVERIFY(direct.ok());
        QCOMPARE(direct->failedEntryCount, 1);
        const QString words = direct->entries.front().errorCode + QStringLiteral(": ")
                              + direct->entries.front().errorMessage;
        QVERIFY2(composer.resultLabel()->text().contains(words),
                 qPrintable(composer.resultLabel()->text() + " / " + words));
        QVERIFY(composer.resultLabel()->text().contains(QStringLiteral("1 refused")));
    }
};

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
