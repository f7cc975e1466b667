#pragma once

// The pattern sandbox: pick or paste an event (the scenario's samples, the
// last events seen, or typed), pick a rule or type a pattern, and see at once
// whether it matches, which field decided it (what the pattern wanted, what
// the event had) and, for a matching rule, what each target would receive.
// Like the console's "Test pattern", but it says why.

#include "core/bus/EventsTypes.h"
#include "ui/sandbox/SandboxEvents.h"
#include "ui/sandbox/SandboxVerdict.h"

#include <QWidget>

#include <vector>

class QComboBox;
class QLabel;
class QTreeWidget;

namespace ef::ui {

class FieldCatalog;
class JsonEdit;
class PatternEditor;
class RecentEvents;
class ScenarioDocument;

class SandboxPanel : public QWidget
{
    Q_OBJECT
public:
    SandboxPanel(ScenarioDocument &document, FieldCatalog *catalog, RecentEvents *recent,
                 QWidget *parent = nullptr);

    // Reloads the event and rule lists from the scenario and the traffic.
    void refreshSources();

    void setEventText(const QString &json);
    void setPatternText(const QString &json);
    QString eventText() const;
    QString patternText() const;

    // Chooses a listed event / rule; false when there is none by that label/name.
    bool selectEvent(const QString &labelContains);
    bool selectRule(const QString &ruleName);
    // Picks the most instructive near miss among the samples and the rules: the
    // non-matching pair where the event satisfies the most of a rule's fields.
    bool showNearMiss();

    const SandboxVerdict &verdict() const { return m_verdict; }
    QLabel *verdictLabel() const { return m_verdictLabel; }
    QTreeWidget *explanationTree() const { return m_explanation; }
    QTreeWidget *targetsTree() const { return m_targets; }
    QComboBox *eventCombo() const { return m_eventCombo; }
    QComboBox *ruleCombo() const { return m_ruleCombo; }
    JsonEdit *eventEdit() const { return m_event; }
    PatternEditor *patternEditor() const { return m_pattern; }

private:
    void evaluate();
    void showVerdict();
    void onEventChosen(int index);
    void onRuleChosen(int index);
    const RuleInfo *currentRule() const;

    ScenarioDocument &m_document;
    RecentEvents *m_recent = nullptr;
    std::vector<SandboxEvent> m_events;
    std::vector<RuleInfo> m_rules;
    bool m_programmatic = false;  // setting text from a list, not typing

    QComboBox *m_eventCombo = nullptr;
    QComboBox *m_ruleCombo = nullptr;
    JsonEdit *m_event = nullptr;
    PatternEditor *m_pattern = nullptr;
    QLabel *m_verdictLabel = nullptr;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_explanation = nullptr;
    QTreeWidget *m_targets = nullptr;
    SandboxVerdict m_verdict;
};

} // namespace ef::ui
