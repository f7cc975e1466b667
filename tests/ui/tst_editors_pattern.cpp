// The pattern editor as a user meets it: typing validates at once with the
// engine's compiler, an invalid pattern is underlined where it is wrong and
// shows the engine's message, nothing typed is ever lost, every operator
// snippet inserts valid pattern text, field names are completed from events
// seen, and brackets are matched outside strings only.

#include "ui/editors/FieldCatalog.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/JsonLocator.h"
#include "ui/editors/PatternEditor.h"
#include "ui/editors/PatternSnippets.h"

#include "core/pattern/EventPattern.h"

#include <QAbstractItemView>
#include <QCompleter>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>

using namespace ef::ui;

class TestEditorsPattern : public QObject
{
    Q_OBJECT

private slots:
    void typingValidates_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("underlined");  // text expected at the error span's start
        QTest::addRow("valid source") << "{\"source\": [\"shop\"]}" << true << QString();
        QTest::addRow("valid numeric") << "{\"detail\": {\"amount\": [{\"numeric\": [\">=\", 100]}]}}"
                                       << true << QString();
        QTest::addRow("unfinished JSON") << "{\"source\": [\"shop\"" << false << QString();
        QTest::addRow("bad numeric value")
            << "{\"detail\": {\"amount\": [{\"numeric\": [\">=\", \"x\"]}]}}" << false
            << "\"amount\"";
        QTest::addRow("unknown operator")
            << "{\"source\": [{\"regex\": \"a.*\"}], \"detail-type\": [\"X\"]}" << false
            << "\"source\"";
        QTest::addRow("empty object") << "{}" << false << QString();
        QTest::addRow("value not in a list") << "{\"source\": \"shop\"}" << false << "\"source\"";
    }

    void typingValidates()
    {
        QFETCH(QString, typed);
        QFETCH(bool, valid);
        QFETCH(QString, underlined);
        PatternEditor editor;
        editor.show();
        QTest::keyClicks(editor.edit(), typed);
        // Exactly what was typed, whatever the verdict.
        QCOMPARE(editor.text(), typed);
        QCOMPARE(editor.isValid(), valid);
        // The verdict is the engine's own.
        const QByteArray utf8 = typed.toUtf8();
        const auto engine = ef::pattern::validatePattern(utf8.toStdString());
        QCOMPARE(bool(engine.ok), valid);
        if (valid) {
            QCOMPARE(editor.edit()->errorPosition(), -1);
            QVERIFY(editor.errorMessage().isEmpty());
            return;
        }
        const QString message = QString::fromStdString(engine.error.message());
        QVERIFY(message.startsWith(QStringLiteral("Event pattern is not valid. Reason: ")));
        QCOMPARE(editor.errorMessage(), message);
        QCOMPARE(editor.statusLabel()->text(), message);
        QVERIFY(editor.edit()->errorPosition() >= 0);
        if (!underlined.isEmpty())
            QCOMPARE(typed.mid(editor.edit()->errorPosition(), underlined.size()), underlined);
    }

    void fixingClearsTheError()
    {
        PatternEditor editor;
        QSignalSpy validity(&editor, &PatternEditor::validityChanged);
        QTest::keyClicks(editor.edit(), QStringLiteral("{\"source\": [\"a\"]"));
        QVERIFY(!editor.isValid());
        QTest::keyClicks(editor.edit(), QStringLiteral("}"));
        QVERIFY(editor.isValid());
        QCOMPARE(validity.count(), 1);
        QCOMPARE(validity.last().at(0).toBool(), true);
        QCOMPARE(editor.edit()->errorPosition(), -1);
    }

    void emptyPattern()
    {
        PatternEditor editor;
        QVERIFY(!editor.isValid());  // a rule needs a pattern...
        editor.setEmptyAllowed(true);
        QVERIFY(editor.isValid());  // ...unless it has a schedule
    }

    void snippetsInsertValidOperators_data()
    {
        QTest::addColumn<QString>("label");
        for (const PatternSnippet &s : patternSnippets())
            QTest::addRow("%s", qPrintable(s.label)) << s.label;
    }

    void snippetsInsertValidOperators()
    {
        QFETCH(QString, label);
        PatternEditor editor;
        const bool isOr = label == QLatin1String("$or");
        QTest::keyClicks(editor.edit(), isOr ? QStringLiteral("{") : QStringLiteral("{\"f\": ["));
        QVERIFY(editor.insertSnippet(label));
        QTest::keyClicks(editor.edit(), isOr ? QStringLiteral("}") : QStringLiteral("]}"));
        QVERIFY2(editor.isValid(), qPrintable(editor.text() + " -> " + editor.errorMessage()));
    }

    void everyOperatorHasASnippet()
    {
        QStringList labels;
        for (const PatternSnippet &s : patternSnippets())
            labels << s.label;
        for (const char *op : {"prefix", "suffix", "anything-but", "numeric range", "exists",
                               "cidr", "equals-ignore-case", "wildcard", "$or"})
            QVERIFY2(labels.contains(QLatin1String(op)), op);
    }

    void starterPatternIsValid()
    {
        PatternEditor editor;
        editor.setText(starterPattern(QStringLiteral("my \"app\""), QStringLiteral("Thing")));
        QVERIFY2(editor.isValid(), qPrintable(editor.errorMessage()));
    }

    void fieldNamesCompleteFromEventsSeen()
    {
        FieldCatalog catalog;
        catalog.addEvent(R"({"source":"s","detail-type":"T","detail":{"amount":5,)"
                         R"("items":[{"productId":"p"}]}})");
        QVERIFY(catalog.paths().contains(QStringLiteral("detail.amount")));
        QVERIFY(catalog.paths().contains(QStringLiteral("detail.items.productId")));
        PatternEditor editor;
        editor.setFieldCatalog(&catalog);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        const QStringList words = editor.edit()->completions();
        QVERIFY(words.contains(QStringLiteral("amount")));
        QVERIFY(words.contains(QStringLiteral("productId")));
        QVERIFY(words.contains(QStringLiteral("numeric")));

        // A new field seen later is offered too.
        catalog.addEvent(R"({"detail":{"customerTier":"gold"}})");
        QVERIFY(editor.edit()->completions().contains(QStringLiteral("customerTier")));

        // Typing inside a key's quotes offers the matching names; Return takes one.
        QTest::keyClicks(editor.edit(), QStringLiteral("{\"detail\": {\"prod"));
        QCompleter *completer = editor.edit()->completer();
        QCOMPARE(completer->completionPrefix(), QStringLiteral("prod"));
        QVERIFY(completer->popup()->isVisible());
        QTest::keyClick(completer->popup(), Qt::Key_Return);
        QCOMPARE(editor.text(), QStringLiteral("{\"detail\": {\"productId"));
    }

    void bracketMatching_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("at");
        QTest::addColumn<int>("partner");
        QTest::addRow("object") << "{\"a\": [1]}" << 0 << 9;
        QTest::addRow("backwards") << "{\"a\": [1]}" << 9 << 0;
        QTest::addRow("array") << "{\"a\": [1]}" << 6 << 8;
        QTest::addRow("brackets in strings ignored") << "{\"a\": [\"]}\"]}" << 0 << 12;
        QTest::addRow("inside a string") << "{\"a\": [\"]}\"]}" << 8 << -1;
        QTest::addRow("unbalanced") << "{\"a\": [1}" << 6 << -1;
    }

    void bracketMatching()
    {
        QFETCH(QString, text);
        QFETCH(int, at);
        QFETCH(int, partner);
        QCOMPARE(JsonEdit::matchingBracket(text, at), partner);
    }

    void locatingPaths_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("startsWith");
        QTest::addRow("top") << "{\"source\": [\"a\"]}" << "source" << "\"source\": [\"a\"]";
        QTest::addRow("nested")
            << "{\"detail\": {\"x\": [1], \"amount\": [2]}}" << "detail.amount" << "\"amount\": [2]";
        QTest::addRow("same key elsewhere")
            << "{\"amount\": [1], \"detail\": {\"amount\": [2]}}" << "detail.amount"
            << "\"amount\": [2]";
        QTest::addRow("falls back to parent")
            << "{\"detail\": {\"a\": [1]}}" << "detail.zzz" << "\"detail\"";
    }

    void locatingPaths()
    {
        QFETCH(QString, text);
        QFETCH(QString, path);
        QFETCH(QString, startsWith);
        const TextSpan span = locateJsonPath(text, path);
        QVERIFY(span.found());
        QVERIFY2(text.mid(span.position, span.length).startsWith(startsWith),
                 qPrintable(text.mid(span.position, span.length)));
    }
};

QTEST_MAIN(TestEditorsPattern)
#include "tst_editors_pattern.moc"
