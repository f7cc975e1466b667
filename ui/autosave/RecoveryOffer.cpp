#include "ui/autosave/RecoveryOffer.h"

#include "core/io/ScenarioFile.h"
#include "ui/autosave/Autosave.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLocale>
#include <QMessageBox>

namespace ef::ui {

Recovery offerRecovery(QWidget *parent, const QString &directory,
                       const std::function<bool(const QString &question)> &ask)
{
    Recovery out;
    const std::optional<QString> path = Autosave::recoverable(directory);
    if (!path)
        return out;
    out.path = *path;
    // Nobody can answer a dialog without a screen (tests, CI): keep the
    // autosave for a launch that can ask.
    if (!ask && QGuiApplication::platformName() == QLatin1String("offscreen"))
        return out;
    const QString when = QLocale().toString(QFileInfo(*path).lastModified(), QLocale::ShortFormat);
    const QString question =
        QCoreApplication::translate("ef::ui::Autosave",
                                    "EventFlow did not close normally last time. Restore the "
                                    "unsaved scenario autosaved at %1?")
            .arg(when);
    const bool restore = ask ? ask(question)
                             : QMessageBox::question(parent,
                                                     QCoreApplication::translate(
                                                         "ef::ui::Autosave", "Restore work"),
                                                     question, QMessageBox::Yes | QMessageBox::No,
                                                     QMessageBox::Yes)
                                   == QMessageBox::Yes;
    if (!restore) {
        Autosave::discard(directory);
        return out;
    }
    ScenarioLoad load = ScenarioFile::load(*path);
    if (!load.ok()) {
        out.error = QCoreApplication::translate("ef::ui::Autosave",
                                                "The autosave %1 cannot be restored: %2")
                        .arg(*path, load.errors.join(u'\n'));
        return out;
    }
    out.scenario = std::move(load.scenario);
    return out;
}

} // namespace ef::ui
