#include "ui/sandbox/SandboxPanel.h"

#include "core/bus/Engine.h"
#include "ui/editors/FieldCatalog.h"
#include "ui/editors/JsonEdit.h"
#include "ui/editors/JsonFormat.h"
#include "ui/editors/PatternEditor.h"
#include "ui/sandbox/RecentEvents.h"
#include "ui/undo/ScenarioDocument.h"

#include <QComboBox>
#include <QGridLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <tuple>

namespace ef::ui {

namespace {

QString pretty(const QString &json)
{
    return prettyJson(json);
}

QString compactForCell(const std::string &text)
{
    QString s = QString::fromStdString(text);
    if (s.size() > 160)
        s = s.left(157) + QStringLiteral("...");
    return s;
}

} // namespace

SandboxPanel::SandboxPanel(ScenarioDocument &document, FieldCatalog *catalog,
                           RecentEvents *recent, QWidget *parent)
    : QWidget(parent), m_document(document), m_recent(recent)
{
    setObjectName(QStringLiteral("sandboxPanel"));
    m_eventCombo = new QComboBox(this);
    m_eventCombo->setObjectName(QStringLiteral("sandboxEventCombo"));
    m_eventCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_eventCombo->setMinimumContentsLength(12);
    m_ruleCombo = new QComboBox(this);
    m_ruleCombo->setObjectName(QStringLiteral("sandboxRuleCombo"));
    m_ruleCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_ruleCombo->setMinimumContentsLength(12);
    auto *reload = new QPushButton(tr("Reload lists"), this);
    auto *nearMiss = new QPushButton(tr("Show a near miss"), this);
    nearMiss->setToolTip(tr("Pick a sample event that fails a rule by the fewest fields"));

    m_event = new JsonEdit(this);
    m_event->setObjectName(QStringLiteral("sandboxEventEdit"));
    m_event->setPlaceholderText(tr("Paste or type an event (JSON object)"));
    m_pattern = new PatternEditor(this);
    m_pattern->setObjectName(QStringLiteral("sandboxPattern"));
    m_pattern->setFieldCatalog(catalog);

    m_verdictLabel = new QLabel(this);
    m_verdictLabel->setObjectName(QStringLiteral("sandboxVerdict"));
    QFont big = m_verdictLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_verdictLabel->setFont(big);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("sandboxSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_explanation = new QTreeWidget(this);
    m_explanation->setObjectName(QStringLiteral("sandboxExplanation"));
    m_explanation->setHeaderLabels({tr(""), tr("Field"), tr("Pattern wants"), tr("Event has")});
    m_explanation->setRootIsDecorated(false);
    m_explanation->setAlternatingRowColors(true);
    m_explanation->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_explanation->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_explanation->header()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_explanation->header()->setStretchLastSection(true);
    m_targets = new QTreeWidget(this);
    m_targets->setObjectName(QStringLiteral("sandboxTargets"));
    m_targets->setHeaderLabels({tr("Target"), tr("Receives")});
    m_targets->setRootIsDecorated(false);
    m_targets->setWordWrap(true);
    m_targets->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *eventBox = new QGroupBox(tr("Event"), this);
    auto *eventLayout = new QVBoxLayout(eventBox);
    eventLayout->addWidget(m_eventCombo);
    eventLayout->addWidget(m_event, 1);
    auto *patternBox = new QGroupBox(tr("Rule / pattern"), this);
    auto *patternLayout = new QVBoxLayout(patternBox);
    patternLayout->addWidget(m_ruleCombo);
    patternLayout->addWidget(m_pattern, 1);
    auto *inputs = new QSplitter(Qt::Horizontal, this);
    inputs->addWidget(eventBox);
    inputs->addWidget(patternBox);

    auto *resultBox = new QGroupBox(tr("Verdict"), this);
    auto *resultLayout = new QVBoxLayout(resultBox);
    resultLayout->addWidget(m_verdictLabel);
    resultLayout->addWidget(m_summary);
    resultLayout->addWidget(m_explanation, 1);
    resultLayout->addWidget(new QLabel(tr("What each target would receive:"), resultBox));
    resultLayout->addWidget(m_targets, 1);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(inputs);
    split->addWidget(resultBox);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    m_targets->setMinimumHeight(60);
    m_explanation->setMinimumHeight(60);

    auto *bar = new QHBoxLayout;
    bar->addWidget(reload);
    bar->addWidget(nearMiss);
    bar->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(bar);
    layout->addWidget(split, 1);

    connect(reload, &QPushButton::clicked, this, [this] { refreshSources(); });
    connect(nearMiss, &QPushButton::clicked, this, [this] { showNearMiss(); });
    connect(m_eventCombo, &QComboBox::activated, this, [this](int i) { onEventChosen(i); });
    connect(m_ruleCombo, &QComboBox::activated, this, [this](int i) { onRuleChosen(i); });
    connect(m_event, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_programmatic)
            m_eventCombo->setCurrentIndex(0);  // now a typed event
        evaluate();
    });
    connect(m_pattern, &PatternEditor::patternChanged, this, [this] {
        if (!m_programmatic)
            m_ruleCombo->setCurrentIndex(0);  // now a typed pattern
        evaluate();
    });
    connect(&m_document, &ScenarioDocument::scenarioChanged, this, [this] { refreshSources(); });
    refreshSources();
}

void SandboxPanel::refreshSources()
{
    Engine &engine = m_document.engine();
    const QString keepEvent = m_eventCombo->currentText();
    const QString keepRule = m_ruleCombo->currentText();
    m_events = sampleEventEnvelopes(engine.snapshot(), engine.now());
    if (m_recent) {
        for (SandboxEvent &e : m_recent->events())
            m_events.push_back(std::move(e));
    }
    m_eventCombo->clear();
    m_eventCombo->addItem(tr("typed event"));
    for (const SandboxEvent &e : m_events)
        m_eventCombo->addItem(e.label);

    m_rules.clear();
    const auto buses = engine.listEventBuses({});
    if (buses.ok()) {
        for (const EventBusInfo &b : buses->eventBuses) {
            const auto rules = engine.listRules({QString(), b.name, QString(), 0});
            if (!rules.ok())
                continue;
            for (const RuleInfo &r : rules->rules) {
                if (!r.eventPattern.isEmpty())
                    m_rules.push_back(r);
            }
        }
    }
    m_ruleCombo->clear();
    m_ruleCombo->addItem(tr("typed pattern"));
    for (const RuleInfo &r : m_rules)
        m_ruleCombo->addItem(r.eventBusName == u"default" ? r.name
                                                          : r.name + QStringLiteral("  (")
                                                                + r.eventBusName + u')');
    const int e = m_eventCombo->findText(keepEvent);
    m_eventCombo->setCurrentIndex(qMax(0, e));
    const int r = m_ruleCombo->findText(keepRule);
    m_ruleCombo->setCurrentIndex(qMax(0, r));
    evaluate();
}

void SandboxPanel::onEventChosen(int index)
{
    if (index <= 0 || index > int(m_events.size()))
        return;
    m_programmatic = true;
    m_event->setPlainText(pretty(m_events[index - 1].json));
    m_programmatic = false;
    m_eventCombo->setCurrentIndex(index);
    evaluate();
}

void SandboxPanel::onRuleChosen(int index)
{
    if (index <= 0 || index > int(m_rules.size()))
        return;
    m_programmatic = true;
    m_pattern->setText(pretty(m_rules[index - 1].eventPattern));
    m_programmatic = false;
    m_ruleCombo->setCurrentIndex(index);
    evaluate();
}

const RuleInfo *SandboxPanel::currentRule() const
{
    const int i = m_ruleCombo->currentIndex();
    return i > 0 && i <= int(m_rules.size()) ? &m_rules[i - 1] : nullptr;
}

void SandboxPanel::setEventText(const QString &json)
{
    m_event->setPlainText(json);
}

void SandboxPanel::setPatternText(const QString &json)
{
    m_pattern->setText(json);
}

QString SandboxPanel::eventText() const
{
    return m_event->toPlainText();
}

QString SandboxPanel::patternText() const
{
    return m_pattern->text();
}

bool SandboxPanel::selectEvent(const QString &labelContains)
{
    for (int i = 0; i < int(m_events.size()); ++i) {
        if (m_events[i].label.contains(labelContains)) {
            onEventChosen(i + 1);
            return true;
        }
    }
    return false;
}

bool SandboxPanel::selectRule(const QString &ruleName)
{
    for (int i = 0; i < int(m_rules.size()); ++i) {
        if (m_rules[i].name == ruleName) {
            onRuleChosen(i + 1);
            return true;
        }
    }
    return false;
}

bool SandboxPanel::showNearMiss()
{
    // Ranked by: most of the rule's fields satisfied, then fewest failing,
    // then the event matching the most other rules (an event other rules
    // took, missed by a stricter one, is the lesson).
    struct Candidate
    {
        int satisfied = -1;
        int failing = 0;
        int otherMatches = 0;
        int event = -1;
        int rule = -1;
    };
    std::vector<int> matchesPerEvent(m_events.size(), 0);
    for (int e = 0; e < int(m_events.size()); ++e) {
        for (const RuleInfo &r : m_rules)
            matchesPerEvent[e] += evaluateSandbox(r.eventPattern, m_events[e].json).matched();
    }
    Candidate best;
    for (int r = 0; r < int(m_rules.size()); ++r) {
        const int fields = patternFieldCount(m_rules[r].eventPattern);
        for (int e = 0; e < int(m_events.size()); ++e) {
            if (!m_events[e].label.startsWith(tr("sample: ").trimmed()))
                continue;
            const SandboxVerdict v = evaluateSandbox(m_rules[r].eventPattern, m_events[e].json);
            if (v.result != SandboxVerdict::Result::NoMatch)
                continue;
            Candidate c{fields - int(v.explanation.fields.size()),
                        int(v.explanation.fields.size()), matchesPerEvent[e], e, r};
            const auto key = [](const Candidate &x) {
                return std::tuple(x.satisfied, -x.failing, x.otherMatches);
            };
            if (best.event < 0 || key(c) > key(best))
                best = c;
        }
    }
    if (best.event < 0)
        return false;
    onEventChosen(best.event + 1);
    onRuleChosen(best.rule + 1);
    return true;
}

void SandboxPanel::evaluate()
{
    const RuleInfo *rule = currentRule();
    std::vector<Target> targets;
    if (rule) {
        const auto listed = m_document.engine().listTargetsByRule(
            {rule->name, rule->eventBusName, QString(), 0});
        if (listed.ok())
            targets = listed->targets;
    }
    if (m_event->toPlainText().trimmed().isEmpty() || m_pattern->text().trimmed().isEmpty()) {
        m_verdict = SandboxVerdict{};
        m_verdict.error = tr("Choose or type an event and a pattern.");
    } else {
        m_verdict = evaluateSandbox(m_pattern->text(), m_event->toPlainText(), rule, targets);
    }
    showVerdict();
}

void SandboxPanel::showVerdict()
{
    m_explanation->clear();
    m_targets->clear();
    switch (m_verdict.result) {
    case SandboxVerdict::Result::Match:
        m_verdictLabel->setText(tr("✔ MATCH"));
        m_verdictLabel->setStyleSheet(QStringLiteral("color: #007a52;"));
        m_summary->setText(tr("Every field of the pattern is satisfied by the event."));
        break;
    case SandboxVerdict::Result::NoMatch:
        m_verdictLabel->setText(tr("✘ NO MATCH"));
        m_verdictLabel->setStyleSheet(QStringLiteral("color: #b34700;"));
        m_summary->setText(QString::fromStdString(m_verdict.explanation.text()));
        break;
    case SandboxVerdict::Result::Error:
        m_verdictLabel->setText(tr("⚠ Cannot test"));
        m_verdictLabel->setStyleSheet(QStringLiteral("color: #6b6b6b;"));
        m_summary->setText(m_verdict.error);
        return;
    }
    for (const pattern::FieldExplanation &f : m_verdict.explanation.fields) {
        auto *item = new QTreeWidgetItem(m_explanation);
        item->setText(0, f.satisfied ? QStringLiteral("✔") : QStringLiteral("✘"));
        item->setForeground(0, f.satisfied ? QColor(0x00, 0x7a, 0x52) : QColor(0xb3, 0x47, 0x00));
        item->setText(1, QString::fromStdString(f.path));
        item->setText(2, compactForCell(f.wanted));
        item->setText(3, f.missing ? tr("(missing)") : compactForCell(f.had));
        item->setToolTip(2, QString::fromStdString(f.wanted));
        item->setToolTip(3, QString::fromStdString(f.had));
    }
    if (!m_verdict.matched())
        return;
    if (m_verdict.targets.empty() && currentRule()) {
        auto *item = new QTreeWidgetItem(m_targets);
        item->setText(0, tr("(the rule has no targets)"));
    }
    for (const TargetPreview &t : m_verdict.targets) {
        auto *item = new QTreeWidgetItem(m_targets);
        item->setText(0, t.id);
        item->setToolTip(0, t.arn);
        item->setText(1, t.ok ? t.received : t.error);
        item->setToolTip(1, t.ok ? pretty(t.received) : t.error);
    }
}

} // namespace ef::ui
