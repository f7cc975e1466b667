// `eventflow [SCENARIO]`: the window. With --screenshot it runs offscreen on
// the virtual clock (send the samples, run N ms of simulation time, grab the
// whole window to a PNG, exit) and never starts the local endpoint.

#include "Command.h"

#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/EngineSession.h"
#include "ui/FlowCanvas.h"
#include "ui/FlowNodeItem.h"
#include "ui/LogsPanel.h"
#include "ui/MainWindow.h"
#include "ui/MetricsPanel.h"
#include "ui/ProducerPanel.h"
#include "ui/TokenField.h"
#include "ui/autosave/AutosaveSession.h"
#include "ui/editors/EditorsController.h"
#include "ui/settings/AppPreferences.h"

#if defined(HAVE_EVENTFLOW_API) && __has_include("core/api/ApiServer.h")
#include "ui/WindowEndpoint.h"
#define EVENTFLOW_WINDOW_ENDPOINT 1
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QFontDatabase>
#include <QDialog>
#include <QPainter>
#include <QPixmap>
#include <QRegularExpression>
#include <QTextStream>

#include <cstring>
#include <memory>

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int runWindow(int argc, char **argv)
{
    // A screenshot needs no display: pick the offscreen platform before Qt starts.
    bool screenshot = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--screenshot") || !std::strncmp(argv[i], "--screenshot=", 13))
            screenshot = true;
    }
    if (screenshot && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("EventFlow"));
    QApplication::setOrganizationName(QStringLiteral("EventFlow"));
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "EventFlow: watch events flow through an EventBridge-compatible bus."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SCENARIO"),
                                 QStringLiteral("Scenario file (default: the built-in lab)."),
                                 QStringLiteral("[SCENARIO]"));
    const QCommandLineOption screenshotOpt(
        QStringLiteral("screenshot"),
        QStringLiteral("Grab the window to FILE (PNG) and exit; no endpoint is started."),
        QStringLiteral("FILE"));
    const QCommandLineOption samplesOpt(QStringLiteral("send-samples"),
                                        QStringLiteral("Send the scenario's sample events."));
    const QCommandLineOption runOpt(QStringLiteral("run-ms"),
                                    QStringLiteral("Simulation time to run before the grab."),
                                    QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption sizeOpt(QStringLiteral("size"),
                                     QStringLiteral("Window size (default 1600x1000)."),
                                     QStringLiteral("WxH"), QStringLiteral("1600x1000"));
    const QCommandLineOption sandboxOpt(QStringLiteral("open-sandbox"),
                                        QStringLiteral("Open the pattern sandbox."));
    const QCommandLineOption presentationOpt(QStringLiteral("presentation"),
                                             QStringLiteral("Presentation mode (projectors)."));
    const QCommandLineOption editorOpt(
        QStringLiteral("open-editor"),
        QStringLiteral("Open an editor: %1.")
            .arg(ef::ui::EditorsController::editorNames().join(QStringLiteral(", "))),
        QStringLiteral("KIND"));
    // The default port is the user's preference (Edit > Preferences), 4010 unless changed.
    const QCommandLineOption portOpt(
        QStringLiteral("port"), QStringLiteral("Local endpoint port (default: preferences, 4010)."),
        QStringLiteral("N"), QString::number(ef::ui::AppPreferences::load().endpointPort));
    parser.addOptions({screenshotOpt, samplesOpt, runOpt, sizeOpt, sandboxOpt, presentationOpt,
                       editorOpt, portOpt});
    QStringList args;
    for (int i = 0; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (!parser.parse(args)) {
        err() << "eventflow: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        QTextStream(stdout) << parser.helpText();
        return 0;
    }
    if (parser.positionalArguments().size() > 1) {
        err() << "eventflow: one SCENARIO at most (got "
              << parser.positionalArguments().join(QLatin1Char(' ')) << ")\n";
        return 2;
    }
    bool ok = false;
    const int runMs = parser.value(runOpt).toInt(&ok);
    if (!ok || runMs < 0) {
        err() << "eventflow: --run-ms: expected a whole number of milliseconds >= 0, got \""
              << parser.value(runOpt) << "\"\n";
        return 2;
    }
    static const QRegularExpression sizeRe(QStringLiteral("^(\\d{2,5})x(\\d{2,5})$"));
    const auto sizeMatch = sizeRe.match(parser.value(sizeOpt));
    if (!sizeMatch.hasMatch()) {
        err() << "eventflow: --size: expected WIDTHxHEIGHT such as 1600x1000, got \""
              << parser.value(sizeOpt) << "\"\n";
        return 2;
    }
    const QSize size(sizeMatch.captured(1).toInt(), sizeMatch.captured(2).toInt());
    const int port = parser.value(portOpt).toInt(&ok);
    if (!ok || port < 0 || port > 65535) {
        err() << "eventflow: --port: expected a port number 0..65535, got \""
              << parser.value(portOpt) << "\"\n";
        return 2;
    }

    const QString scenarioPath = parser.positionalArguments().value(0);
    const ef::ScenarioLoad load = ef::ScenarioFile::load(
        scenarioPath.isEmpty() ? QString::fromLatin1(ef::ScenarioFile::kBuiltInLab) : scenarioPath);
    if (!load.ok()) {
        err() << "eventflow: cannot open scenario "
              << (scenarioPath.isEmpty() ? QStringLiteral("(built-in lab)") : scenarioPath)
              << ":\n";
        for (const QString &e : load.errors)
            err() << "  " << e << "\n";
        return 1;
    }

    // The window's clock starts at the wall clock, so events and metrics carry
    // today's time (and the endpoint's clients see sensible timestamps).
    auto engine = std::make_unique<ef::Engine>(ef::ui::EngineSession::windowEngineOptions());
    if (const ef::Status applied = engine->applyScenario(*load.scenario); !applied) {
        err() << "eventflow: " << applied.error().message << "\n";
        return 1;
    }

    ef::ui::MainWindow window(engine.get());
    window.setScenarioPath(scenarioPath);
    window.resize(size);
    if (parser.isSet(presentationOpt))
        window.editors()->setPresentation(true);
    // The editor flags, once the window has its panels: a dialog to show, or
    // an error for an unknown editor name.
    auto openEditors = [&](QDialog **dialog) {
        if (parser.isSet(sandboxOpt))
            window.editors()->openSandbox();
        if (!parser.isSet(editorOpt))
            return true;
        QString error;
        *dialog = window.editors()->openEditorByName(parser.value(editorOpt), &error);
        if (!error.isEmpty()) {
            err() << "eventflow: --open-editor: " << error << "\n";
            return false;
        }
        return true;
    };

    if (screenshot) {
        window.setEndpointStatus(QStringLiteral("endpoint off (screenshot)"));
        window.show();
        QApplication::processEvents();
        ef::ui::EngineSession *session = window.session();
        if (parser.isSet(samplesOpt))
            window.producers()->sendSamples();
        // Frames of 16 ms of simulation time, as the window would run at 1x.
        const ef::SimTime frame = ef::ui::EngineSession::kFrameIntervalMs * ef::kMicrosPerMilli;
        for (ef::SimTime done = 0; done < ef::SimTime(runMs) * ef::kMicrosPerMilli;) {
            const ef::SimTime step = std::min(frame, ef::SimTime(runMs) * ef::kMicrosPerMilli - done);
            session->advanceFrame(step);
            done += step;
            QApplication::processEvents();
        }
        QDialog *dialog = nullptr;
        if (!openEditors(&dialog))
            return 2;
        QApplication::processEvents();
        window.canvas()->fitAll();  // the canvas may have lost width to a dock
        window.refreshNow();
        QApplication::processEvents();
        const QString file = parser.value(screenshotOpt);
        QPixmap shot = window.grab();
        if (dialog) {
            // A dialog is its own window: draw it over the main window, centred.
            QApplication::processEvents();
            const QPixmap form = dialog->grab();
            QPainter painter(&shot);
            const QPoint at((shot.width() - form.width()) / 2,
                            (shot.height() - form.height()) / 2);
            painter.fillRect(QRect(at, form.size()).adjusted(-2, -2, 2, 2), QColor(0, 0, 0, 90));
            painter.drawPixmap(at, form);
        }
        if (!shot.save(file, "PNG")) {
            err() << "eventflow: --screenshot: cannot write " << file << "\n";
            return 1;
        }
        QTextStream(stdout) << "wrote " << file << "\n";
        return 0;
    }

#ifdef EVENTFLOW_WINDOW_ENDPOINT
    // Its clients' events start at their own producer node on the canvas.
    ef::ui::WindowEndpoint server(window.session());
    QString error;
    if (server.start(QHostAddress::LocalHost, static_cast<quint16>(port), &error)) {
        window.setEndpointStatus(QStringLiteral("endpoint %1").arg(server.url()));
        server.showClientsNode();
    } else {
        // Another EventFlow (or anything else) has the port: the window still works.
        err() << "eventflow: warning: local endpoint not started: " << error << "\n" << Qt::flush;
        window.setEndpointStatus(QStringLiteral("endpoint off: %1").arg(error));
    }
#else
    window.setEndpointStatus(QStringLiteral("endpoint not built in"));
#endif
    window.show();
    // Crash safety (ui/autosave): offer what a killed session left, then autosave.
    ef::ui::installAutosave(&window, *engine, nullptr, QString(), window.editors()->document());
    QDialog *dialog = nullptr;
    if (!openEditors(&dialog))
        return 2;
    window.startLive();
    return app.exec();
}

CommandRegistration reg{Command{QString(), QStringLiteral("open the window"), runWindow}};

} // namespace
