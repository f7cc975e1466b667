#include "ui/undo/EngineCommand.h"

#include "ui/undo/ScenarioDocument.h"

namespace ef::ui {

EngineCommand::EngineCommand(ScenarioDocument &document, const QString &text)
    : QUndoCommand(text), m_document(document)
{
}

Engine &EngineCommand::engine() const
{
    return m_document.engine();
}

void EngineCommand::redo()
{
    if (m_skipNextRedo) {
        m_skipNextRedo = false;
        return;
    }
    finish(apply(true));
}

void EngineCommand::undo()
{
    finish(apply(false));
}

void EngineCommand::finish(const Status &status)
{
    // Undo/redo of a change that was accepted once should succeed again; if
    // the engine refuses (the world moved on), say so rather than hide it.
    if (!status.ok())
        m_document.reportError(text(), status.error());
    m_document.notifyChanged();
}

} // namespace ef::ui
