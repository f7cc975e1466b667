// `eventflow serve [SCENARIO] [--port N] [--bind ADDR] [--empty]`: the engine
// and the local AWS-compatible endpoint without a window, on the real clock
// (anchored to wall-clock UTC). stdout: first `listening on http://ADDR:PORT`,
// then one JSON line per happening (the engine's trace). Diagnostics go to
// stderr. Binds to loopback unless --bind names another address.

#include "ScenarioArgument.h"
#include "Command.h"

#include "ScenarioArgument.h"
#include "core/api/ApiServer.h"
#include "ScenarioArgument.h"
#include "core/bus/Engine.h"
#include "ScenarioArgument.h"
#include "core/io/ScenarioFile.h"

#include "ScenarioArgument.h"
#include <QCommandLineParser>
#include "ScenarioArgument.h"
#include <QCoreApplication>
#include "ScenarioArgument.h"
#include <QHostAddress>

#include "ScenarioArgument.h"
#include <cstdio>

namespace {

int serve(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventflow serve"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Runs the engine and the local AWS-compatible endpoint (EventBridge, "
                       "CloudWatch Logs, CloudWatch metrics, the scenario's producer at "
                       "POST /events) without a window. Prints the engine's trace on stdout "
                       "as JSON lines."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("SCENARIO"),
                                 QStringLiteral("Scenario file (default: the built-in "
                                                "storefront lab)."),
                                 QStringLiteral("[SCENARIO]"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port (default 4010; 0 = any free port)."),
                                  QStringLiteral("N"),
                                  QString::number(ef::api::ApiServer::kDefaultPort));
    const QCommandLineOption bind(QStringLiteral("bind"),
                                  QStringLiteral("Address to listen on (default 127.0.0.1). "
                                                 "Anything but loopback exposes the engine to "
                                                 "the network."),
                                  QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption empty(QStringLiteral("empty"),
                                   QStringLiteral("Start with only the default bus (and the "
                                                  "scenario's settings and producer)."));
    parser.addOption(port);
    parser.addOption(bind);
    parser.addOption(empty);
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeAt(1);  // the command name
    parser.process(arguments);

    bool portOk = false;
    const uint portNumber = parser.value(port).toUInt(&portOk);
    if (!portOk || portNumber > 65535) {
        std::fprintf(stderr, "eventflow serve: --port must be 0..65535, not '%s'\n",
                     qPrintable(parser.value(port)));
        return 2;
    }
    QHostAddress address;
    if (!address.setAddress(parser.value(bind))) {
        std::fprintf(stderr, "eventflow serve: --bind must be an IP address, not '%s'\n",
                     qPrintable(parser.value(bind)));
        return 2;
    }
    if (parser.positionalArguments().size() > 1) {
        std::fprintf(stderr, "eventflow serve: one scenario at most\n");
        return 2;
    }

    const std::optional<ef::Scenario> loaded =
        loadScenarioArgument(parser.positionalArguments().value(0));
    if (!loaded)
        return 1;
    const ef::Scenario scenario = parser.isSet(empty) ? loaded->emptied() : *loaded;

    ef::Engine engine;
    engine.setClockMode(ef::ClockMode::Real);
    if (const ef::Status applied = engine.applyScenario(scenario); !applied) {
        std::fprintf(stderr, "eventflow serve: %s: %s\n", qPrintable(applied.error().code),
                     qPrintable(applied.error().message));
        return 1;
    }
    engine.addTraceObserver([&engine](std::span<const ef::Happening> batch) {
        for (const ef::Happening &h : batch)
            std::fprintf(stdout, "%s\n", engine.describe(h).toJson().toUtf8().constData());
        std::fflush(stdout);
    });

    ef::api::ApiServer server(engine);
    QString error;
    if (!server.start(address, quint16(portNumber), &error)) {
        std::fprintf(stderr, "eventflow serve: %s\n", qPrintable(error));
        return 1;
    }
    if (!ef::api::ApiServer::isLoopback(address)) {
        std::fprintf(stderr,
                     "eventflow serve: warning: listening on %s, not loopback: anyone who can "
                     "reach this address can create, change and delete this engine's buses, "
                     "rules and targets (requests are not authenticated)\n",
                     qPrintable(address.toString()));
    }
    std::fprintf(stdout, "listening on %s\n", qPrintable(server.url()));
    std::fflush(stdout);
    // SIGINT/SIGTERM end the process as they do by default: the trace is
    // flushed after every batch, and nothing else needs saving.
    return app.exec();
}

const CommandRegistration registration{Command{
    QStringLiteral("serve"),
    QStringLiteral("engine + local AWS endpoint without a window (trace on stdout)"), serve}};

} // namespace
