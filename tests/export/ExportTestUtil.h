#pragma once

// Running the real tools (python3, bash, aws, eventflow) from export tests.

#include "core/io/Export.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace exporttest {

struct Run
{
    int exitCode = -1;
    QString out;
    QString err;
    bool started = false;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(exitCode).arg(out, err);
    }
};

inline Run run(const QString &program, const QStringList &args,
               const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
               const QString &workingDir = {}, int timeoutMs = 120000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    if (!workingDir.isEmpty())
        p.setWorkingDirectory(workingDir);
    p.start(program, args);
    Run r;
    r.started = p.waitForStarted(10000);
    if (!r.started) {
        r.err = QStringLiteral("cannot start %1: %2").arg(program, p.errorString());
        return r;
    }
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(5000);
        r.err = QStringLiteral("%1 did not finish in %2 ms").arg(program).arg(timeoutMs);
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err += QString::fromUtf8(p.readAllStandardError());
    return r;
}

inline bool writeFiles(const QString &dir, const std::vector<ef::io::ExportedFile> &files,
                       QString *error)
{
    QDir().mkpath(dir);
    for (const ef::io::ExportedFile &f : files) {
        QFile out(dir + QLatin1Char('/') + f.name);
        if (!out.open(QIODevice::WriteOnly) || out.write(f.bytes) != f.bytes.size()) {
            *error = QStringLiteral("cannot write ") + out.fileName();
            return false;
        }
        if (f.executable)
            out.setPermissions(out.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
    }
    return true;
}

inline QString sourcePath(const QString &relative)
{
    return QStringLiteral(EVENTFLOW_SOURCE_DIR "/") + relative;
}

} // namespace exporttest
