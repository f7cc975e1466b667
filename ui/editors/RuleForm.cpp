#include "ui/editors/RuleForm.h"

#include "core/bus/Engine.h"
#include "ui/editors/JsonFormat.h"
#include "ui/editors/NameField.h"
#include "ui/editors/PatternEditor.h"
#include "ui/undo/RuleCommands.h"
#include "ui/undo/ScenarioDocument.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace ef::ui {

RuleForm::RuleForm(ScenarioDocument &document, std::optional<RuleInfo> existing,
                   const QString &busName, FieldCatalog *catalog, QWidget *parent)
    : FormDialog(document, parent), m_existing(std::move(existing))
{
    Engine &engine = document.engine();
    setWindowTitle(m_existing ? tr("Edit rule %1").arg(m_existing->name) : tr("New rule"));
    m_name = new NameField(engine.settings().usernamePrefix, this);
    m_name->lineEdit()->setPlaceholderText(tr("e.g. order-processing-rule"));
    m_description = new QLineEdit(this);
    m_description->setObjectName(QStringLiteral("descriptionEdit"));
    m_state = new QComboBox(this);
    m_state->setObjectName(QStringLiteral("stateCombo"));
    m_state->addItem(tr("Enabled"), QStringLiteral("ENABLED"));
    m_state->addItem(tr("Disabled"), QStringLiteral("DISABLED"));
    m_bus = new QComboBox(this);
    m_bus->setObjectName(QStringLiteral("busCombo"));
    const auto buses = engine.listEventBuses({});
    if (buses.ok()) {
        for (const EventBusInfo &b : buses->eventBuses)
            m_bus->addItem(b.name);
    }
    m_schedule = new QLineEdit(this);
    m_schedule->setObjectName(QStringLiteral("scheduleEdit"));
    m_schedule->setPlaceholderText(tr("optional: rate(5 minutes) or cron(0 12 * * ? *)"));
    m_pattern = new PatternEditor(this);
    m_pattern->setFieldCatalog(catalog);

    form()->addRow(tr("Name"), m_name);
    form()->addRow(tr("Description"), m_description);
    form()->addRow(tr("State"), m_state);
    form()->addRow(tr("Event bus"), m_bus);
    form()->addRow(tr("Schedule"), m_schedule);
    auto *patternLabel = new QLabel(tr("<b>Event pattern</b>"), this);
    body()->addWidget(patternLabel);
    body()->addWidget(m_pattern, 1);

    if (m_existing) {
        m_name->setFixedName(m_existing->name);
        m_description->setText(m_existing->description);
        m_state->setCurrentIndex(m_existing->state == RuleState::Enabled ? 0 : 1);
        m_bus->setCurrentText(m_existing->eventBusName);
        m_bus->setEnabled(false);  // a rule belongs to its bus
        m_schedule->setText(m_existing->scheduleExpression);
        m_pattern->setText(prettyJson(m_existing->eventPattern));
    } else {
        const int at = m_bus->findText(busName);
        if (at >= 0)
            m_bus->setCurrentIndex(at);
        else if (m_bus->count() > 1)
            m_bus->setCurrentIndex(m_bus->count() - 1);  // a custom bus rather than default
    }
    m_pattern->setEmptyAllowed(!m_schedule->text().trimmed().isEmpty());
    connect(m_schedule, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_pattern->setEmptyAllowed(!text.trimmed().isEmpty());
        refreshSaveButton();
    });
    connect(m_pattern, &PatternEditor::validityChanged, this, [this] { refreshSaveButton(); });
    refreshSaveButton();
    resize(640, 620);
}

PutRuleRequest RuleForm::request() const
{
    PutRuleRequest r;
    r.name = m_name->name();
    r.eventBusName = m_bus->currentText();
    if (!m_pattern->isEmpty())
        r.eventPattern = m_pattern->text();
    if (!m_schedule->text().trimmed().isEmpty())
        r.scheduleExpression = m_schedule->text().trimmed();
    r.state = m_state->currentData().toString();
    r.description = m_description->text();
    if (m_existing && !m_existing->roleArn.isEmpty())
        r.roleArn = m_existing->roleArn;
    return r;
}

bool RuleForm::canSubmit() const
{
    return m_pattern->isValid();
}

Status RuleForm::submit()
{
    return document().execute(new PutRuleCommand(document(), request(), m_existing));
}

} // namespace ef::ui
