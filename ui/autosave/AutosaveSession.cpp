#include "ui/autosave/AutosaveSession.h"

#include "core/bus/Engine.h"
#include "ui/autosave/Autosave.h"
#include "ui/autosave/RecoveryOffer.h"
#include "ui/undo/ScenarioDocument.h"

#include <QMainWindow>
#include <QMessageBox>
#include <QStatusBar>

namespace ef::ui {

Autosave *installAutosave(QMainWindow *window, Engine &engine, bool *restored,
                          const QString &directory, ScenarioDocument *document,
                          const std::function<bool(const QString &)> &ask)
{
    const QString dir = directory.isEmpty() ? Autosave::defaultDirectory() : directory;
    if (restored)
        *restored = false;
    const Recovery recovery = offerRecovery(window, dir, ask);
    if (recovery.scenario) {
        // Restored work is in no file yet: untitled and unsaved, so closing
        // the window asks before it is lost a second time.
        const Status applied = document
                                   ? document->replaceScenario(*recovery.scenario, QString())
                                   : engine.applyScenario(*recovery.scenario);
        if (applied && document)
            document->markModified();
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
    if (document) {
        if (document->isModified())
            autosave->markDirty();
        QObject::connect(document, &ScenarioDocument::modifiedChanged, autosave,
                         [autosave](bool modified) {
                             if (modified)
                                 autosave->markDirty();
                             else
                                 autosave->markClean();
                         });
        QObject::connect(document, &ScenarioDocument::scenarioChanged, autosave,
                         [autosave, document] {
                             if (document->isModified())
                                 autosave->markDirty();
                         });
    }
    return autosave;
}

} // namespace ef::ui
