// The editor forms driven as a user would (typing into fields, clicking
// Save) against an engine with the storefront lab: the engine changes as the
// form said, the username prefix is visibly added to new names, an invalid
// pattern keeps Save disabled, and the engine's refusals appear in the form in
// the engine's own words with everything typed still there.

#include "EditorsTestSupport.h"

#include "ui/editors/ConsumerForm.h"
#include "ui/editors/EventBusForm.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/NameField.h"
#include "ui/editors/PatternEditor.h"
#include "ui/editors/QueueForm.h"
#include "ui/editors/RuleForm.h"
#include "ui/editors/TargetForm.h"
#include "ui/settings/ScenarioSettingsForm.h"
#include "ui/undo/ScenarioDocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTest>

using namespace ef;
using namespace ef::ui;

namespace {
const QString kBus = QStringLiteral("user3-ecommerce-events");

void replaceText(QLineEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

void replaceText(QPlainTextEdit *edit, const QString &text)
{
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        if (i)
            QTest::keyClick(edit, Qt::Key_Return);
        QTest::keyClicks(edit, lines[i]);
    }
}

void setSpin(QAbstractSpinBox *spin, const QString &text)
{
    spin->selectAll();
    QTest::keyClicks(spin, text);
}
} // namespace

class TestEditorsForms : public QObject
{
    Q_OBJECT

private slots:
    void createRuleAsAUser()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        RuleForm form(doc, std::nullopt, kBus);
        form.show();
        QCOMPARE(form.nameField()->prefixLabel()->text(), QStringLiteral("user3-"));
        QVERIFY(form.nameField()->prefixLabel()->isVisible());
        QTest::keyClicks(form.nameField()->lineEdit(), QStringLiteral("refund-rule"));
        QCOMPARE(form.nameField()->name(), QStringLiteral("user3-refund-rule"));
        QTest::keyClicks(form.descriptionEdit(), QStringLiteral("Refunds over 50"));
        QVERIFY(!form.saveButton()->isEnabled());  // no pattern yet
        const QString pattern = QStringLiteral(
            "{\"source\": [\"ecommerce.application\"], \"detail-type\": [\"RefundIssued\"],"
            " \"detail\": {\"amount\": [{\"numeric\": [\">\", 50]}]}}");
        QTest::keyClicks(form.patternEditor()->edit(), pattern);
        QVERIFY(form.saveButton()->isEnabled());
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QCOMPARE(form.result(), int(QDialog::Accepted));

        const auto rule = engine->describeRule({QStringLiteral("user3-refund-rule"), kBus});
        QVERIFY2(rule.ok(), rule.ok() ? "" : qPrintable(rule.error().message));
        QCOMPARE(rule->description, QStringLiteral("Refunds over 50"));
        QCOMPARE(rule->state, RuleState::Enabled);
        QCOMPARE(QJsonDocument::fromJson(rule->eventPattern.toUtf8()),
                 QJsonDocument::fromJson(pattern.toUtf8()));
        QVERIFY(doc.isModified());
    }

    void invalidPatternKeepsSaveDisabled()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        RuleForm form(doc, std::nullopt, kBus);
        form.show();
        QTest::keyClicks(form.nameField()->lineEdit(), QStringLiteral("broken-rule"));
        const QString typed = QStringLiteral(
            "{\"detail\": {\"amount\": [{\"numeric\": [\">=\", \"lots\"]}]}}");
        QTest::keyClicks(form.patternEditor()->edit(), typed);
        QVERIFY(!form.saveButton()->isEnabled());
        const QString shown = form.patternEditor()->statusLabel()->text();
        QVERIFY2(shown.startsWith(QStringLiteral("Event pattern is not valid. Reason: ")),
                 qPrintable(shown));
        // The engine would say the same.
        PutRuleRequest direct;
        direct.name = QStringLiteral("user3-broken-rule");
        direct.eventBusName = kBus;
        direct.eventPattern = typed;
        const auto refused = engine->putRule(direct);
        QVERIFY(!refused.ok());
        QCOMPARE(shown, refused.error().message);
        // Clicking Save does nothing; nothing typed is lost.
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY(!engine->describeRule({QStringLiteral("user3-broken-rule"), kBus}).ok());
        QCOMPARE(form.patternEditor()->text(), typed);
        QCOMPARE(form.result(), int(QDialog::Rejected));
        QVERIFY(!doc.isModified());
        // Fixing it enables Save.
        replaceText(form.patternEditor()->edit(),
                    QStringLiteral("{\"detail\": {\"amount\": [{\"numeric\": [\">=\", 5]}]}}"));
        QVERIFY(form.saveButton()->isEnabled());
    }

    void engineErrorsShownInTheEnginesWords()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        RuleForm form(doc, std::nullopt, kBus);
        form.show();
        // A name PutRule refuses: the pattern is fine, the engine says no.
        QTest::keyClicks(form.nameField()->lineEdit(), QStringLiteral("bad name!"));
        const QString pattern = QStringLiteral("{\"source\": [\"x\"]}");
        QTest::keyClicks(form.patternEditor()->edit(), pattern);
        QVERIFY(form.saveButton()->isEnabled());
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY(form.result() != int(QDialog::Accepted));

        PutRuleRequest direct = form.request();
        const auto refused = engine->putRule(direct);
        QVERIFY(!refused.ok());
        QCOMPARE(form.errorLabel()->text(), refused.error().message);
        QVERIFY(!form.errorLabel()->isHidden());
        QCOMPARE(form.nameField()->lineEdit()->text(), QStringLiteral("bad name!"));
        QCOMPARE(form.patternEditor()->text(), pattern);
        QVERIFY(!doc.isModified());
    }

    void editRule()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const auto before = engine->describeRule({QStringLiteral("user3-high-value-order-rule"), kBus});
        QVERIFY(before.ok());
        RuleForm form(doc, before.value(), kBus);
        form.show();
        QVERIFY(form.nameField()->lineEdit()->isReadOnly());
        QCOMPARE(form.nameField()->name(), QStringLiteral("user3-high-value-order-rule"));
        QVERIFY(form.patternEditor()->isValid());
        const QString raised = form.patternEditor()->text().replace(QStringLiteral("100"),
                                                                    QStringLiteral("250"));
        replaceText(form.patternEditor()->edit(), raised);
        form.stateCombo()->setCurrentIndex(1);  // Disabled
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QCOMPARE(form.result(), int(QDialog::Accepted));
        const auto after = engine->describeRule({QStringLiteral("user3-high-value-order-rule"), kBus});
        QVERIFY(after.ok());
        QVERIFY(after->eventPattern.contains(QStringLiteral("250")));
        QCOMPARE(after->state, RuleState::Disabled);
    }

    void createEventBus()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        EventBusForm form(doc);
        form.show();
        QTest::keyClicks(form.nameField()->lineEdit(), QStringLiteral("audit-events"));
        QTest::keyClicks(form.descriptionEdit(), QStringLiteral("for auditors"));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QCOMPARE(form.result(), int(QDialog::Accepted));
        const auto bus = engine->describeEventBus(QStringLiteral("user3-audit-events"));
        QVERIFY(bus.ok());
        QCOMPARE(bus->description, QStringLiteral("for auditors"));

        // The same name again: the engine's ResourceAlreadyExistsException words.
        EventBusForm again(doc);
        again.show();
        QTest::keyClicks(again.nameField()->lineEdit(), QStringLiteral("audit-events"));
        QTest::mouseClick(again.saveButton(), Qt::LeftButton);
        const auto direct = engine->createEventBus({QStringLiteral("user3-audit-events"), {}});
        QVERIFY(!direct.ok());
        QCOMPARE(again.errorLabel()->text(), direct.error().message);
    }

    void targetForNewFunctionCreatesItsConsumer()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const RuleRef rule{QStringLiteral("user3-order-processing-rule"), kBus};
        TargetForm form(doc, rule, std::nullopt);
        form.show();
        form.kindCombo()->setCurrentIndex(TargetForm::Function);
        QTest::keyClicks(form.resourceCombo()->lineEdit(), QStringLiteral("audit-logger"));
        QCOMPARE(form.idEdit()->text(), QStringLiteral("audit-logger"));
        QCOMPARE(form.arn(),
                 QStringLiteral("arn:aws:lambda:us-east-1:123456789012:function:audit-logger"));
        form.inputModeCombo()->setCurrentIndex(TargetForm::TransformerMode);
        replaceText(form.pathsMapEdit(), QStringLiteral("{\"amount\": \"$.detail.amount\"}"));
        QTest::keyClicks(form.templateEdit(), QStringLiteral("{\"total\": <amount>}"));
        form.retryGroup()->setChecked(true);
        setSpin(form.retryAttemptsSpin(), QStringLiteral("3"));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY2(form.result() == int(QDialog::Accepted), qPrintable(form.errorText()));

        const auto targets = engine->listTargetsByRule({rule.name, rule.eventBusName, {}, 0});
        QVERIFY(targets.ok());
        const Target *added = nullptr;
        for (const Target &t : targets->targets) {
            if (t.id == u"audit-logger")
                added = &t;
        }
        QVERIFY(added);
        QCOMPARE(added->arn, form.arn());
        QVERIFY(added->inputTransformer.has_value());
        QCOMPARE(added->inputTransformer->inputTemplate, QStringLiteral("{\"total\": <amount>}"));
        QVERIFY(added->retryPolicy.has_value());
        QCOMPARE(added->retryPolicy->maximumRetryAttempts, 3);
        bool consumerExists = false;
        for (const ConsumerInfo &c : engine->consumers())
            consumerExists |= c.name == u"audit-logger";
        QVERIFY(consumerExists);
    }

    void invalidTargetInputShowsTheEngineMessage()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        const RuleRef rule{QStringLiteral("user3-order-processing-rule"), kBus};
        TargetForm form(doc, rule, std::nullopt);
        form.show();
        QTest::keyClicks(form.resourceCombo()->lineEdit(), QStringLiteral("user3-order-processor"));
        replaceText(form.idEdit(), QStringLiteral("second"));
        form.inputModeCombo()->setCurrentIndex(TargetForm::InputPathMode);
        QTest::keyClicks(form.inputPathEdit(), QStringLiteral("detail.amount"));  // no "$"
        const QString live = form.inputCheckLabel()->text();
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY(form.result() != int(QDialog::Accepted));
        Target direct = *form.target();
        const auto response = engine->putTargets({rule.name, rule.eventBusName, {direct}});
        QString engineMessage = response.ok() ? response->failedEntries.empty()
                                                    ? QString()
                                                    : response->failedEntries.front().errorMessage
                                              : response.error().message;
        QVERIFY(!engineMessage.isEmpty());
        QCOMPARE(form.errorLabel()->text(), engineMessage);
        QCOMPARE(live, engineMessage);  // the live check says it before Save
        QCOMPARE(form.inputPathEdit()->text(), QStringLiteral("detail.amount"));
    }

    void createConsumer()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        ConsumerForm form(doc, std::nullopt);
        form.show();
        QTest::keyClicks(form.nameField()->lineEdit(), QStringLiteral("fraud-checker"));
        setSpin(form.latencyMinSpin(), QStringLiteral("20"));
        setSpin(form.latencyMaxSpin(), QStringLiteral("40"));
        setSpin(form.failureRateSpin(), QStringLiteral("0.25"));
        setSpin(form.concurrencySpin(), QStringLiteral("3"));
        QTest::mouseClick(form.missingPermissionCheck(), Qt::LeftButton);
        replaceText(form.logLinesEdit(), QStringLiteral("[\"Checking ${$.detail.orderId}\"]"));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY2(form.result() == int(QDialog::Accepted), qPrintable(form.errorText()));
        const ConsumerInfo *found = nullptr;
        const auto consumers = engine->consumers();
        for (const ConsumerInfo &c : consumers) {
            if (c.name == u"user3-fraud-checker")
                found = &c;
        }
        QVERIFY(found);
        const QJsonObject d = found->definition;
        QCOMPARE(d.value(QStringLiteral("latencyMs")).toObject().value(QStringLiteral("min")).toInt(), 20);
        QCOMPARE(d.value(QStringLiteral("latencyMs")).toObject().value(QStringLiteral("max")).toInt(), 40);
        QCOMPARE(d.value(QStringLiteral("failureRate")).toDouble(), 0.25);
        QCOMPARE(d.value(QStringLiteral("concurrency")).toInt(), 3);
        QCOMPARE(d.value(QStringLiteral("missingInvokePermission")).toBool(), true);
        QCOMPARE(d.value(QStringLiteral("logLines")).toArray().at(0).toString(),
                 QStringLiteral("Checking ${$.detail.orderId}"));
    }

    void consumerErrorsNameTheField()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        ConsumerForm form(doc, std::nullopt);
        form.show();
        QTest::keyClicks(form.nameField()->lineEdit(), QStringLiteral("bad"));
        replaceText(form.logLinesEdit(),
                    QStringLiteral("[{\"text\": \"x\", \"when\": \"$.a =~ 1\"}]"));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY(form.result() != int(QDialog::Accepted));
        const Status direct = engine->putConsumer(*form.definition());
        QVERIFY(!direct.ok());
        QCOMPARE(form.errorLabel()->text(), direct.error().message);
    }

    void createQueue()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        QueueForm form(doc);
        form.show();
        QTest::keyClicks(form.nameField()->lineEdit(), QStringLiteral("orders-dlq"));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY2(form.result() == int(QDialog::Accepted), qPrintable(form.errorText()));
        bool found = false;
        for (const QueueInfo &q : engine->queues())
            found |= q.name == u"user3-orders-dlq";
        QVERIFY(found);
    }

    void settingsChangeThePrefixOfNewNames()
    {
        EF_LAB_ENGINE(engine);
        ScenarioDocument doc(*engine);
        ScenarioSettingsForm form(doc);
        form.show();
        replaceText(form.prefixEdit(), QStringLiteral("team7"));
        QTest::mouseClick(form.saveButton(), Qt::LeftButton);
        QVERIFY2(form.result() == int(QDialog::Accepted), qPrintable(form.errorText()));
        QCOMPARE(engine->settings().usernamePrefix, QStringLiteral("team7"));
        // Existing names stay; new ones get the new prefix.
        QVERIFY(engine->describeEventBus(kBus).ok());
        EventBusForm bus(doc);
        QCOMPARE(bus.nameField()->prefixLabel()->text(), QStringLiteral("team7-"));

        ScenarioSettingsForm bad(doc);
        bad.show();
        replaceText(bad.accountEdit(), QStringLiteral("12ab"));
        QTest::mouseClick(bad.saveButton(), Qt::LeftButton);
        QVERIFY(bad.result() != int(QDialog::Accepted));
        QVERIFY2(bad.errorLabel()->text().contains(QStringLiteral("account")),
                 qPrintable(bad.errorLabel()->text()));
        QCOMPARE(engine->settings().account, QStringLiteral("123456789012"));
    }

    void typedPrefixIsNotDoubled()
    {
        QCOMPARE(NameField::prefixed(QStringLiteral("user3"), QStringLiteral("x")),
                 QStringLiteral("user3-x"));
        QCOMPARE(NameField::prefixed(QStringLiteral("user3"), QStringLiteral("user3-x")),
                 QStringLiteral("user3-x"));
        QCOMPARE(NameField::prefixed(QString(), QStringLiteral("x")), QStringLiteral("x"));
    }
};

QTEST_MAIN(TestEditorsForms)
#include "tst_editors_forms.moc"
