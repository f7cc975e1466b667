#pragma once

// At launch: when a previous session ended without a clean exit (a crash, a
// kill -9, a power cut) and left an autosave behind, ask whether to restore
// it. Declining removes the leftover; accepting loads it with the ordinary
// scenario loader (a damaged autosave is reported, kept, and not opened).

#include "core/io/Scenario.h"

#include <QString>

#include <functional>
#include <optional>

class QWidget;

namespace ef::ui {

struct Recovery
{
    std::optional<Scenario> scenario;  // set when the user chose to restore and it loaded
    QString path;                      // the autosave found, if any
    QString error;                     // why a chosen restore could not be loaded
};

// `ask` returns true to restore; by default a message box on `parent`.
Recovery offerRecovery(QWidget *parent, const QString &directory,
                       const std::function<bool(const QString &question)> &ask = {});

} // namespace ef::ui
