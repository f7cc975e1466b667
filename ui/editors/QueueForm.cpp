#include "ui/editors/QueueForm.h"

#include "core/bus/Engine.h"
#include "ui/editors/NameField.h"
#include "ui/undo/ScenarioDocument.h"
#include "ui/undo/ScenarioEditCommand.h"

#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>

namespace ef::ui {

QueueForm::QueueForm(ScenarioDocument &document, QWidget *parent) : FormDialog(document, parent)
{
    setWindowTitle(tr("New queue"));
    m_name = new NameField(document.engine().settings().usernamePrefix, this);
    m_name->lineEdit()->setPlaceholderText(tr("e.g. orders-dlq"));
    form()->addRow(tr("Name"), m_name);
    form()->addRow(QString(), new QLabel(tr("Use it as a target or as a rule target's "
                                            "dead-letter queue."), this));
    resize(460, sizeHint().height());
}

Status QueueForm::submit()
{
    const QString name = m_name->name();
    for (const QueueInfo &q : document().engine().queues()) {
        if (q.name == name)
            return ServiceError{QStringLiteral("QueueAlreadyExists"),
                                tr("A queue already exists with the same name: %1").arg(name)};
    }
    return document().execute(new ScenarioEditCommand(
        document(), tr("Create queue %1").arg(name),
        [name](Scenario &s) { addQueue(s, name); }));
}

} // namespace ef::ui
