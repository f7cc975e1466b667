#include "ui/undo/ScenarioDocument.h"

#include "core/bus/Engine.h"
#include "ui/undo/EngineCommand.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QUndoStack>

namespace ef::ui {

ScenarioDocument::ScenarioDocument(Engine &engine, QObject *parent)
    : QObject(parent), m_engine(engine), m_stack(new QUndoStack(this))
{
    connect(m_stack, &QUndoStack::cleanChanged, this, [this](bool clean) {
        emit modifiedChanged(!clean);
        emit titleChanged(windowTitle());
    });
}

Status ScenarioDocument::execute(EngineCommand *command)
{
    Status status = command->apply(true);
    if (!status.ok()) {
        delete command;
        return status;
    }
    command->markApplied();
    const bool refresh = command->refreshesViewsOnFirstApply();
    m_stack->push(command);
    if (refresh)
        emit scenarioChanged();
    emit titleChanged(windowTitle());
    return status;
}

bool ScenarioDocument::isModified() const
{
    return !m_stack->isClean();
}

void ScenarioDocument::markSaved()
{
    m_stack->setClean();
    emit titleChanged(windowTitle());
}

void ScenarioDocument::markModified()
{
    m_stack->resetClean();
    emit titleChanged(windowTitle());
}

void ScenarioDocument::setFilePath(const QString &path)
{
    m_filePath = path;
    emit titleChanged(windowTitle());
}

QString ScenarioDocument::displayName() const
{
    if (!m_filePath.isEmpty() && !m_filePath.startsWith(u':'))
        return QFileInfo(m_filePath).fileName();
    const QString name = m_engine.snapshot().name;
    return name.isEmpty() ? tr("Untitled scenario") : name;
}

QString ScenarioDocument::windowTitle() const
{
    // "Storefront lab* — EventFlow (storefront-lab.json)": the scenario's
    // name, an asterisk while unsaved, and the file it lives in.
    const QString name = m_engine.snapshot().name;
    QString title = (name.isEmpty() ? tr("Untitled scenario") : name)
                    + (isModified() ? QStringLiteral("*") : QString())
                    + QStringLiteral(" — EventFlow");
    if (!m_filePath.isEmpty() && !m_filePath.startsWith(u':'))
        title += QStringLiteral(" (%1)").arg(QFileInfo(m_filePath).fileName());
    return title;
}

Status ScenarioDocument::replaceScenario(const Scenario &scenario, const QString &path)
{
    Status status = m_engine.applyScenario(scenario);
    if (!status.ok())
        return status;
    m_stack->clear();
    m_filePath = path;
    markSaved();
    notifyChanged();
    return status;
}

bool ScenarioDocument::maybeSave(QWidget *parent, const std::function<bool()> &save)
{
    if (!isModified())
        return true;
    ++m_questionsAsked;
    Answer answer = Answer::Cancel;
    if (m_testAnswer) {
        answer = *m_testAnswer;
    } else {
        const auto button = QMessageBox::warning(
            parent, tr("Unsaved changes"),
            tr("The scenario \"%1\" has unsaved changes. Save them before closing?")
                .arg(displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
        answer = button == QMessageBox::Save      ? Answer::Save
                 : button == QMessageBox::Discard ? Answer::Discard
                                                  : Answer::Cancel;
    }
    switch (answer) {
    case Answer::Save:
        return save && save();
    case Answer::Discard:
        return true;
    case Answer::Cancel:
        break;
    }
    return false;
}

void ScenarioDocument::notifyChanged()
{
    emit scenarioChanged();
    emit titleChanged(windowTitle());
}

void ScenarioDocument::reportError(const QString &what, const ServiceError &error)
{
    emit errorOccurred(what + QStringLiteral(": ") + error.message);
}

} // namespace ef::ui
