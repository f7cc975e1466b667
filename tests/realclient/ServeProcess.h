#pragma once

// Runs `eventflow serve ...` for a real-client test and the clients
// themselves (Debian's /usr/bin/aws, /usr/bin/python3 with boto3, curl) with
// dummy credentials and no user configuration. The server's stdout (the
// trace) goes to a file so it can never fill a pipe and stall the server.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

struct ClientRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out.left(4000)), QString::fromUtf8(err.left(4000)));
    }
};

class ServeProcess
{
public:
    ~ServeProcess() { stop(); }

    // A port nobody listens on right now (the OS's pick).
    static quint16 freePort()
    {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    // Starts the server and waits for its "listening on" line. On failure
    // returns false and says why in `error`.
    bool start(const QStringList &arguments, QString *error)
    {
        const QString program = QStringLiteral(EVENTFLOW_BIN_DIR "/eventflow");
        if (!QFileInfo(program).isExecutable()) {
            *error = program + QStringLiteral(" is not built");
            return false;
        }
        m_trace = m_dir.filePath(QStringLiteral("trace.jsonl"));
        m_process.setStandardOutputFile(m_trace);
        m_process.setStandardErrorFile(m_dir.filePath(QStringLiteral("stderr.txt")));
        m_process.start(program, QStringList{QStringLiteral("serve")} + arguments);
        if (!m_process.waitForStarted(5000)) {
            *error = QStringLiteral("eventflow serve did not start: ") + m_process.errorString();
            return false;
        }
        const QRegularExpression listening(QStringLiteral("^listening on (http://\\S+)$"),
                                           QRegularExpression::MultilineOption);
        (void)QTest::qWaitFor(
            [&] {
                const auto m = listening.match(QString::fromUtf8(traceText()));
                if (m.hasMatch())
                    m_url = m.captured(1);
                return !m_url.isEmpty() || m_process.state() != QProcess::Running;
            },
            15000);
        if (m_url.isEmpty()) {
            *error = QStringLiteral("no 'listening on' line; stderr: ") + QString::fromUtf8(stderrText());
            return false;
        }
        return true;
    }

    void stop()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.terminate();
            if (!m_process.waitForFinished(5000)) {
                m_process.kill();
                m_process.waitForFinished(2000);
            }
        }
    }

    QString url() const { return m_url; }
    QByteArray traceText() const { return readFile(m_trace); }
    QByteArray stderrText() const { return readFile(m_dir.filePath(QStringLiteral("stderr.txt"))); }
    QString workDir() const { return m_dir.path(); }
    bool running() const { return m_process.state() == QProcess::Running; }

    static QProcessEnvironment clientEnvironment(const QString &home)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QStringLiteral("test"));
        env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QStringLiteral("test"));
        env.insert(QStringLiteral("AWS_DEFAULT_REGION"), QStringLiteral("us-east-1"));
        env.insert(QStringLiteral("AWS_PAGER"), QString());
        env.insert(QStringLiteral("AWS_DEFAULT_OUTPUT"), QStringLiteral("json"));
        // No user's ~/.aws settings leak into the test.
        env.insert(QStringLiteral("AWS_CONFIG_FILE"), home + QStringLiteral("/aws-config"));
        env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"),
                   home + QStringLiteral("/aws-credentials"));
        env.remove(QStringLiteral("AWS_PROFILE"));
        env.remove(QStringLiteral("AWS_SESSION_TOKEN"));
        env.remove(QStringLiteral("HTTP_PROXY"));
        env.remove(QStringLiteral("http_proxy"));
        env.insert(QStringLiteral("NO_PROXY"), QStringLiteral("127.0.0.1,localhost"));
        return env;
    }

    // Runs a client program to completion (bounded) in the work directory.
    ClientRun run(const QString &program, const QStringList &arguments,
                  int timeoutMs = 60000) const
    {
        ClientRun r;
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.setProcessEnvironment(clientEnvironment(m_dir.path()));
        p.start(program, arguments);
        if (!p.waitForStarted(10000)) {
            r.err = ("cannot start " + program + ": " + p.errorString()).toUtf8();
            return r;
        }
        if (!p.waitForFinished(timeoutMs)) {
            p.kill();
            p.waitForFinished(2000);
            r.err = "timed out: " + program.toUtf8();
        }
        r.out = p.readAllStandardOutput();
        r.err += p.readAllStandardError();
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        return r;
    }

    bool writeFile(const QString &name, const QByteArray &content) const
    {
        QFile f(m_dir.filePath(name));
        return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
    }

private:
    static QByteArray readFile(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir m_dir;
    QProcess m_process;
    QString m_trace;
    QString m_url;
};

// A client program Debian ships; its absence fails the test, with the reason.
inline QString requireClient(const char *path)
{
    return QFileInfo(QString::fromLatin1(path)).isExecutable() ? QString::fromLatin1(path)
                                                               : QString();
}
