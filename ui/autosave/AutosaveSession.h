#pragma once

// The window's crash safety in one call: offers to restore what a killed or
// crashed session left behind, then autosaves the engine's scenario (watch
// mode) for as long as the window lives, showing failures in its status bar.
// The app calls installAutosave() once, after the window is shown.

#include <QString>

class QMainWindow;

namespace ef {
class Engine;
}

namespace ef::ui {

class Autosave;

// `directory` empty: Autosave::defaultDirectory(). Returns the autosave (owned
// by `window`), or nullptr when another window already autosaves there.
// `restored` is set to true when the user restored a previous session's work.
Autosave *installAutosave(QMainWindow *window, Engine &engine, bool *restored = nullptr,
                          const QString &directory = QString());

} // namespace ef::ui
