#pragma once

// The open scenario as the window edits it: the engine it lives in, the undo
// stack of every change, the file it came from and whether it has unsaved
// changes (the undo stack's clean state). The window title and the question
// asked before closing come from here.

#include "core/bus/ServiceError.h"
#include "core/io/Scenario.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>

class QUndoStack;
class QWidget;

namespace ef {
class Engine;
}

namespace ef::ui {

class EngineCommand;

class ScenarioDocument : public QObject
{
    Q_OBJECT
public:
    explicit ScenarioDocument(Engine &engine, QObject *parent = nullptr);

    Engine &engine() const { return m_engine; }
    QUndoStack *undoStack() const { return m_stack; }

    // Runs `command` (its first redo); pushes it onto the undo stack when the
    // engine accepted it, else deletes it and returns the engine's error.
    Status execute(EngineCommand *command);

    bool isModified() const;
    // Marks the current state as saved (after a save, load or new scenario).
    void markSaved();
    // Marks the current state as unsaved although no command made it so (a
    // session's work restored from its autosave: it is in no file yet).
    void markModified();

    QString filePath() const { return m_filePath; }
    void setFilePath(const QString &path);
    // The scenario's name, "*" while unsaved, " — EventFlow" and the file name.
    QString windowTitle() const;
    QString displayName() const;

    // Replaces the engine's scenario (File New / Open): clears the undo stack.
    Status replaceScenario(const Scenario &scenario, const QString &path);

    // Asks whether to save unsaved changes. Returns true when it is fine to
    // go on (saved, discarded, or nothing to save). `save` performs a save and
    // returns whether it worked. Tests replace the question with an answer.
    enum class Answer { Save, Discard, Cancel };
    bool maybeSave(QWidget *parent, const std::function<bool()> &save);
    void setAnswerForTests(std::optional<Answer> answer) { m_testAnswer = answer; }
    int questionsAsked() const { return m_questionsAsked; }

    // Called by commands.
    void notifyChanged();
    void reportError(const QString &what, const ServiceError &error);

signals:
    // The scenario's resources changed (any command, undo or redo): views
    // that show buses, rules, targets, consumers or queues refresh.
    void scenarioChanged();
    void modifiedChanged(bool modified);
    void titleChanged(const QString &title);
    // An undo/redo the engine refused, in the engine's words.
    void errorOccurred(const QString &message);

private:
    Engine &m_engine;
    QUndoStack *m_stack = nullptr;
    QString m_filePath;
    std::optional<Answer> m_testAnswer;
    int m_questionsAsked = 0;
};

} // namespace ef::ui
