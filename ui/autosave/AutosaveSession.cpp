#include "ui/autosave/AutosaveSession.h"

#include "core/bus/Engine.h"
#include "ui/autosave/Autosave.h"
#include "ui/autosave/RecoveryOffer.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace ef::ui {

Autosave *installAutosave(QMainWindow *window, Engine &engine, bool *restored,
                          const QString &directory)
{
    const QString dir = directory.isEmpty() ? Autosave::defaultDirectory() : directory;
    if (restored)
        *restored = false;
    const Recovery recovery = offerRecovery(window, dir);
    if (recovery.scenario) {
        const Status applied = engine.applyScenario(*recovery.scenario);
        if (applied && restored)
            *restored = true;
        if (!applied)
            QMessageBox::warning(window, QObject::tr("Restore work"), applied.error().message);
    } else if (!recovery.error.isEmpty()) {
        QMessageBox::warning(window, QObject::tr("Restore work"), recovery.error);
    }
    auto *autosave = new Autosave(dir, [&engine] { return engine.snapshot(); }, window);
    if (!autosave->start()) {
        window->statusBar()->showMessage(autosave->lastError(), 10000);
        delete autosave;
        return nullptr;
    }
    QObject::connect(autosave, &Autosave::saveFailed, window, [window](const QString &message) {
        window->statusBar()->showMessage(message);
    });
    QObject::connect(autosave, &Autosave::saved, window, [window, autosave] {
        if (autosave->failures() == 0 && window->statusBar()->currentMessage().startsWith(
                                             QObject::tr("Autosave failed")))
            window->statusBar()->clearMessage();
    });
    autosave->watchForChanges();
    return autosave;
}

} // namespace ef::ui
