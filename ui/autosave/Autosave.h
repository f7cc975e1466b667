#pragma once

// Crash safety for the open scenario: while it has unsaved changes, it is
// written every few seconds (atomically: a temporary file renamed over the
// last autosave) into an autosave directory guarded by a session lock. A
// clean exit removes both; after a crash or kill -9 the autosave is still
// there and its lock is stale, so the next launch can offer to restore it.
// A failed autosave (read-only directory, full disk) is reported and tried
// again at the next tick; the work itself stays in the engine untouched.

#include "core/io/Scenario.h"

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QLockFile;

namespace ef::ui {

class Autosave : public QObject
{
    Q_OBJECT
public:
    using Snapshot = std::function<Scenario()>;

    static constexpr int kDefaultIntervalMs = 3000;

    // `snapshot` is called on this object's thread when a save is due.
    Autosave(QString directory, Snapshot snapshot, QObject *parent = nullptr);
    ~Autosave() override;  // a clean end: the autosave and the lock go away

    // Where autosaves live unless told otherwise (the app's data location).
    static QString defaultDirectory();
    // The autosave a previous session left behind (it crashed or was
    // killed), or nothing when there is none or its session is still running.
    static std::optional<QString> recoverable(const QString &directory);
    // Removes a leftover autosave the user chose not to restore.
    static void discard(const QString &directory);

    // Takes the session lock (creating the directory). False, with the
    // reason in lastError(), when another running window holds it: that
    // window autosaves; this one does not.
    bool start();
    bool isActive() const { return m_lock != nullptr; }

    void setInterval(int ms);
    int interval() const { return m_timer.interval(); }

    // The scenario changed since the last save or autosave.
    void markDirty();
    // The user saved (or loaded) the scenario: nothing left to recover.
    void markClean();
    // Instead of being told, look: every interval, compare the scenario with
    // what was last loaded, saved or autosaved, and autosave when it differs.
    // Catches every way the scenario changes (window, editors, endpoint
    // clients) without hooks; the current scenario is the clean baseline.
    void watchForChanges();
    bool isDirty() const { return m_dirty; }

    // Writes the autosave now. On failure the error is kept in lastError(),
    // saveFailed() is emitted, the previous autosave stays intact and the
    // scenario stays dirty, so the next tick tries again.
    bool saveNow();

    QString directory() const { return m_directory; }
    QString filePath() const;
    QString lastError() const { return m_lastError; }
    int failures() const { return m_failures; }  // consecutive failed autosaves

signals:
    void saved(const QString &path);
    void saveFailed(const QString &message);

private:
    QString m_directory;
    Snapshot m_snapshot;
    QTimer m_timer;
    std::unique_ptr<QLockFile> m_lock;
    bool m_dirty = false;
    bool m_watching = false;
    QByteArray m_lastKnown;  // watching: the scenario as last loaded, saved or autosaved
    QString m_lastError;
    int m_failures = 0;
};

} // namespace ef::ui
