#pragma once

// The window's crash safety in one call: offers to restore what a killed or
// crashed session left behind, then autosaves the engine's scenario for as
// long as the window lives, showing failures in its status bar. With the
// window's document, the autosave follows its unsaved-changes flag (an edit
// makes it due at once; Save, or undo back to the saved state, removes it);
// watching the engine still catches changes made around the document (local
// endpoint clients). The app calls installAutosave() once, after the window
// is shown.

#include <QString>

#include <functional>

class QMainWindow;

namespace ef {
class Engine;
}

namespace ef::ui {

class Autosave;
class ScenarioDocument;

// `directory` empty: Autosave::defaultDirectory(). Returns the autosave (owned
// by `window`), or nullptr when another window already autosaves there.
// `restored` is set to true when the user restored a previous session's work.
// `document` (may be null): the window's open scenario; restored work goes
// through it and is marked unsaved. `ask`: offerRecovery's question (tests).
Autosave *installAutosave(QMainWindow *window, Engine &engine, bool *restored = nullptr,
                          const QString &directory = QString(),
                          ScenarioDocument *document = nullptr,
                          const std::function<bool(const QString &)> &ask = {});

} // namespace ef::ui
