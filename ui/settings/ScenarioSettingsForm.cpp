#include "ui/settings/ScenarioSettingsForm.h"

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/undo/ScenarioDocument.h"
#include "ui/undo/ScenarioEditCommand.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace ef::ui {

ScenarioSettingsForm::ScenarioSettingsForm(ScenarioDocument &document, QWidget *parent)
    : FormDialog(document, parent)
{
    setWindowTitle(tr("Scenario settings"));
    const ScenarioSettings &s = document.engine().settings();
    m_prefix = new QLineEdit(s.usernamePrefix, this);
    m_prefix->setObjectName(QStringLiteral("prefixEdit"));
    m_account = new QLineEdit(s.account, this);
    m_account->setObjectName(QStringLiteral("accountEdit"));
    m_region = new QLineEdit(s.region, this);
    m_region->setObjectName(QStringLiteral("regionEdit"));
    form()->addRow(tr("Username prefix"), m_prefix);
    form()->addRow(QString(), new QLabel(tr("New buses, rules, consumers and queues are named "
                                            "<i>prefix</i>-<i>name</i>."), this));
    form()->addRow(tr("Account"), m_account);
    form()->addRow(tr("Region"), m_region);
    resize(460, sizeHint().height());
}

Status ScenarioSettingsForm::submit()
{
    ScenarioSettings wanted;
    wanted.usernamePrefix = m_prefix->text().trimmed();
    wanted.account = m_account->text().trimmed();
    wanted.region = m_region->text().trimmed();
    // The file loader's checks, so the form and a file say the same words.
    Scenario trial = document().engine().snapshot();
    trial.settings = wanted;
    const ScenarioLoad check = ScenarioFile::parse(ScenarioFile::toJson(trial));
    if (!check.ok())
        return ServiceError::validation(check.errors.join(u'\n'));
    return document().execute(new ScenarioEditCommand(
        document(), tr("Change scenario settings"),
        [wanted](Scenario &s) { s.settings = wanted; }));
}

} // namespace ef::ui
