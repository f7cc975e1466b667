#pragma once

// Base of every undoable change to the scenario. A command changes the engine
// only through its facade; its first redo happens in ScenarioDocument::
// execute(), before it is pushed, so a change the engine refuses never lands
// on the undo stack and the form can show the engine's own message.

#include "core/bus/ServiceError.h"

#include <QUndoCommand>

namespace ef {
class Engine;
}

namespace ef::ui {

class ScenarioDocument;

class EngineCommand : public QUndoCommand
{
public:
    EngineCommand(ScenarioDocument &document, const QString &text);

    // Forward (redo) or backward (undo) through the engine facade.
    virtual Status apply(bool forward) = 0;

    void redo() final;
    void undo() final;

    // The first redo already ran in execute(); QUndoStack::push calls redo()
    // once more, which must then do nothing.
    void markApplied() { m_skipNextRedo = true; }

    // Whether the first apply changes what views show beyond what the user
    // already sees (a finished drag does not: the node is already there).
    virtual bool refreshesViewsOnFirstApply() const { return true; }

protected:
    Engine &engine() const;
    ScenarioDocument &document() const { return m_document; }

private:
    void finish(const Status &status);

    ScenarioDocument &m_document;
    bool m_skipNextRedo = false;
};

} // namespace ef::ui
