#include "ui/autosave/Autosave.h"

#include "core/io/ScenarioFile.h"

#include <QDir>
#include <QFile>
#include <QLockFile>
#include <QStandardPaths>

namespace ef::ui {

namespace {

const QString kFileName = QStringLiteral("autosave.json");
const QString kLockName = QStringLiteral("session.lock");

// Only a dead owner makes a lock stale: a window left open for hours still
// owns its autosave (QLockFile's default would give it up after 30 s).
std::unique_ptr<QLockFile> makeLock(const QString &directory)
{
    auto lock = std::make_unique<QLockFile>(QDir(directory).filePath(kLockName));
    lock->setStaleLockTime(0);
    return lock;
}

} // namespace

Autosave::Autosave(QString directory, Snapshot snapshot, QObject *parent)
    : QObject(parent), m_directory(std::move(directory)), m_snapshot(std::move(snapshot))
{
    m_timer.setInterval(kDefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (m_watching && !m_dirty)
            m_dirty = ScenarioFile::toJson(m_snapshot()) != m_lastKnown;
        if (m_dirty)
            saveNow();
        else if (!m_watching)
            m_timer.stop();
    });
}

Autosave::~Autosave()
{
    if (m_lock) {
        QFile::remove(filePath());
        m_lock->unlock();
    }
}

QString Autosave::defaultDirectory()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave"));
}

std::optional<QString> Autosave::recoverable(const QString &directory)
{
    const QString path = QDir(directory).filePath(kFileName);
    if (!QFile::exists(path))
        return std::nullopt;
    auto lock = makeLock(directory);
    if (!lock->tryLock(0))
        return std::nullopt;  // its session is alive and still autosaving
    lock->unlock();
    return path;
}

void Autosave::discard(const QString &directory)
{
    auto lock = makeLock(directory);
    if (!lock->tryLock(0))
        return;
    QFile::remove(QDir(directory).filePath(kFileName));
    lock->unlock();
}

bool Autosave::start()
{
    if (m_lock)
        return true;
    if (!QDir().mkpath(m_directory)) {
        m_lastError = tr("Autosave is off: cannot create the folder %1").arg(m_directory);
        return false;
    }
    auto lock = makeLock(m_directory);
    if (!lock->tryLock(0)) {
        m_lastError = lock->error() == QLockFile::LockFailedError
                          ? tr("Autosave is off: another EventFlow window autosaves into %1")
                                .arg(m_directory)
                          : tr("Autosave is off: cannot create a lock file in %1")
                                .arg(m_directory);
        return false;
    }
    m_lock = std::move(lock);
    if (m_dirty || m_watching)
        m_timer.start();
    return true;
}

void Autosave::setInterval(int ms)
{
    m_timer.setInterval(ms);
}

void Autosave::markDirty()
{
    m_dirty = true;
    if (m_lock && !m_timer.isActive())
        m_timer.start();
}

void Autosave::markClean()
{
    m_dirty = false;
    if (m_watching)
        m_lastKnown = ScenarioFile::toJson(m_snapshot());
    else
        m_timer.stop();
    if (m_lock)
        QFile::remove(filePath());
}

void Autosave::watchForChanges()
{
    m_watching = true;
    m_lastKnown = ScenarioFile::toJson(m_snapshot());
    if (m_lock)
        m_timer.start();
}

QString Autosave::filePath() const
{
    return QDir(m_directory).filePath(kFileName);
}

bool Autosave::saveNow()
{
    if (!m_lock) {
        m_lastError = tr("Autosave is off: no session lock in %1").arg(m_directory);
        emit saveFailed(m_lastError);
        return false;
    }
    // ScenarioFile::save writes a temporary file and renames it over the old
    // autosave, so a crash mid-write leaves the previous autosave whole.
    const Scenario scenario = m_snapshot();
    const Status s = ScenarioFile::save(scenario, filePath());
    if (!s) {
        ++m_failures;
        m_lastError = tr("Autosave failed (your work is still open; nothing was lost): %1")
                          .arg(s.error().message);
        emit saveFailed(m_lastError);
        return false;
    }
    m_failures = 0;
    m_lastError.clear();
    m_dirty = false;
    if (m_watching)
        m_lastKnown = ScenarioFile::toJson(scenario);
    else
        m_timer.stop();
    emit saved(filePath());
    return true;
}

} // namespace ef::ui
