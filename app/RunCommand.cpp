// `eventflow run [SCENARIO] --events FILE [--trace FILE]`: puts every line of
// FILE into the scenario's engine on the virtual clock, runs until nothing is
// pending, and prints one JSON line per trace happening, then the summary
// {"summary":{"rules":{..},"consumers":{..},"queues":{..}}} as the last line
// (rules by name; a name used on several buses as <bus>/<rule> for the rules
// on custom buses).
// A line is a PutEvents entry ({"Source","DetailType","Detail","EventBusName",
// "Time","Resources"}; Detail as JSON text or an object) or a request body for
// the scenario's producer ({"eventType",...}). --trace FILE also writes the
// trace lines to FILE.

#include "Command.h"

#include "core/bus/Engine.h"
#include "core/bus/JsonValue.h"
#include "core/io/ScenarioFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <string>
#include <vector>

namespace {

using ef::json::Value;

void printLine(const QByteArray &line, QFile *copy)
{
    std::fwrite(line.constData(), 1, static_cast<std::size_t>(line.size()), stdout);
    std::fputc('\n', stdout);
    if (copy) {
        copy->write(line);
        copy->write("\n");
    }
}

// One input line as a PutEvents entry; false with `error` when it is not one.
bool toEntry(const Value &line, ef::PutEventsRequestEntry &entry, std::string &error)
{
    auto text = [&](const char *key, std::string &out) {
        const Value *v = line.find(key);
        if (!v)
            return true;
        if (!v->isString()) {
            error = std::string(key) + " must be a string";
            return false;
        }
        out = v->text;
        return true;
    };
    if (!text("Source", entry.source) || !text("DetailType", entry.detailType)
        || !text("EventBusName", entry.eventBusName))
        return false;
    if (const Value *detail = line.find("Detail"))
        entry.detail = detail->isString() ? detail->text : ef::json::toText(*detail);
    if (const Value *time = line.find("Time")) {
        if (!time->isString() && !time->isNumber()) {
            error = "Time must be a string or a number";
            return false;
        }
        entry.time = time->text;
    }
    if (const Value *resources = line.find("Resources")) {
        if (!resources->isArray()) {
            error = "Resources must be an array of strings";
            return false;
        }
        for (const Value &r : resources->items) {
            if (!r.isString()) {
                error = "Resources must be an array of strings";
                return false;
            }
            entry.resources.push_back(r.text);
        }
    }
    return true;
}

double total(const ef::Engine &engine, const QString &ns, const QString &metric,
             std::vector<ef::Dimension> dims)
{
    double sum = 0;
    const ef::MetricId id{ns, metric, std::move(dims)};
    for (const ef::MetricPoint &p :
         engine.metricSeries(id, ef::Statistic::Sum, 0, engine.now() + ef::kMicrosPerSecond))
        sum += p.value;
    return sum;
}

QJsonArray logLines(const ef::Engine &engine, const QString &function)
{
    QJsonArray out;
    ef::FilterLogEventsRequest request;
    request.logGroupName = QStringLiteral("/aws/lambda/") + function;
    for (;;) {
        const auto page = engine.filterLogEvents(request);
        if (!page)
            break;
        for (const ef::FilteredLogEvent &e : page->events)
            out.append(e.message);
        if (page->nextToken.isEmpty())
            break;
        request.nextToken = page->nextToken;
    }
    return out;
}

QJsonObject summary(const ef::Engine &engine)
{
    static const char *const ruleMetrics[] = {
        "MatchedEvents",        "TriggeredRules",         "Invocations",
        "FailedInvocations",    "ThrottledRules",         "InvocationAttempts",
        "SuccessfulInvocationAttempts", "RetryInvocationAttempts", "InvocationsSentToDlq",
        "InvocationsFailedToBeSentToDlq", "DeadLetterInvocations"};
    const QString events = QStringLiteral("AWS/Events");
    std::vector<std::pair<QString, QString>> all;  // (bus, rule)
    QHash<QString, int> buses;                     // rule name -> buses having it
    const auto busList = engine.listEventBuses({});
    for (const ef::EventBusInfo &bus : busList->eventBuses) {
        ef::ListRulesRequest request;
        request.eventBusName = bus.name;
        const auto ruleList = engine.listRules(request);
        for (const ef::RuleInfo &rule : ruleList->rules) {
            all.emplace_back(bus.name, rule.name);
            ++buses[rule.name];
        }
    }
    QJsonObject rules;
    for (const auto &[bus, rule] : all) {
        const bool onDefault = bus == QLatin1String("default");
        std::vector<ef::Dimension> dims{{QStringLiteral("RuleName"), rule}};
        if (!onDefault)
            dims.insert(dims.begin(), {QStringLiteral("EventBusName"), bus});
        QJsonObject m;
        for (const char *metric : ruleMetrics)
            m.insert(QLatin1String(metric), total(engine, events, QLatin1String(metric), dims));
        // A name used on several buses: the custom buses' rules are keyed as
        // their ARNs name them (rule/<bus>/<rule>), so none hides another.
        rules.insert(onDefault || buses.value(rule) == 1 ? rule : bus + QLatin1Char('/') + rule,
                     m);
    }
    QJsonObject consumers;
    auto function = [&](const QString &name) {
        const std::vector<ef::Dimension> dims{{QStringLiteral("FunctionName"), name}};
        const QString lambda = QStringLiteral("AWS/Lambda");
        consumers.insert(name,
                         QJsonObject{{QStringLiteral("Invocations"),
                                      total(engine, lambda, QStringLiteral("Invocations"), dims)},
                                     {QStringLiteral("Errors"),
                                      total(engine, lambda, QStringLiteral("Errors"), dims)},
                                     {QStringLiteral("Throttles"),
                                      total(engine, lambda, QStringLiteral("Throttles"), dims)},
                                     {QStringLiteral("logs"), logLines(engine, name)}});
    };
    for (const ef::ProducerInfo &p : engine.producers())
        function(p.name);
    for (const ef::ConsumerInfo &c : engine.consumers())
        function(c.name);
    QJsonObject queues;
    for (const ef::QueueInfo &q : engine.queues())
        queues.insert(q.name, QJsonObject{{QStringLiteral("messages"),
                                           static_cast<double>(q.messagesReceived)}});
    return QJsonObject{{QStringLiteral("summary"),
                        QJsonObject{{QStringLiteral("rules"), rules},
                                    {QStringLiteral("consumers"), consumers},
                                    {QStringLiteral("queues"), queues}}}};
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("eventflow run"));
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Puts events into a scenario on the virtual clock and prints what "
                       "happened, one JSON line per happening, then a summary line."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("run"), QStringLiteral("the command"));
    parser.addPositionalArgument(QStringLiteral("SCENARIO"),
                                 QStringLiteral("scenario file (default: the built-in lab)"),
                                 QStringLiteral("[SCENARIO]"));
    const QCommandLineOption eventsOption(
        QStringLiteral("events"),
        QStringLiteral("JSON Lines of PutEvents entries or producer requests"),
        QStringLiteral("FILE"));
    const QCommandLineOption traceOption(QStringLiteral("trace"),
                                         QStringLiteral("also write the trace lines to FILE"),
                                         QStringLiteral("FILE"));
    parser.addOption(eventsOption);
    parser.addOption(traceOption);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (!parser.isSet(eventsOption) || args.size() > 2) {
        std::fprintf(stderr, "usage: eventflow run [SCENARIO] --events FILE [--trace FILE]\n");
        return 2;
    }
    const QString scenarioPath =
        args.size() == 2 ? args[1] : QString::fromLatin1(ef::ScenarioFile::kBuiltInLab);
    const ef::ScenarioLoad loaded = ef::ScenarioFile::load(scenarioPath);
    if (!loaded.ok()) {
        for (const QString &e : loaded.errors)
            std::fprintf(stderr, "%s: %s\n", qPrintable(scenarioPath), qPrintable(e));
        return 2;
    }
    QFile events(parser.value(eventsOption));
    if (!events.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "%s: cannot read: %s\n", qPrintable(events.fileName()),
                     qPrintable(events.errorString()));
        return 2;
    }
    std::unique_ptr<QFile> traceFile;
    if (parser.isSet(traceOption)) {
        traceFile = std::make_unique<QFile>(parser.value(traceOption));
        if (!traceFile->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            std::fprintf(stderr, "%s: cannot write: %s\n", qPrintable(traceFile->fileName()),
                         qPrintable(traceFile->errorString()));
            return 2;
        }
    }

    ef::Engine engine;
    if (const ef::Status applied = engine.applyScenario(*loaded.scenario); !applied) {
        std::fprintf(stderr, "%s: %s\n", qPrintable(scenarioPath),
                     qPrintable(applied.error().message));
        return 2;
    }
    engine.addTraceObserver([&](std::span<const ef::Happening> batch) {
        for (const ef::Happening &h : batch)
            printLine(engine.describe(h).toJson().toUtf8(), traceFile.get());
    });

    int lineNumber = 0;
    while (!events.atEnd()) {
        const QByteArray raw = events.readLine().trimmed();
        ++lineNumber;
        if (raw.isEmpty())
            continue;
        Value line;
        std::string error;
        if (!ef::json::parse(std::string_view(raw.constData(), static_cast<std::size_t>(raw.size())),
                             line, &error)
            || !line.isObject()) {
            std::fprintf(stderr, "%s:%d: not a JSON object%s%s\n", qPrintable(events.fileName()),
                         lineNumber, error.empty() ? "" : ": ", error.c_str());
            continue;
        }
        const bool isEntry = line.find("Source") || line.find("DetailType") || line.find("Detail");
        if (!isEntry) {
            const ef::ProducerResponse r = engine.invokeProducer(QString(), raw);
            if (r.statusCode != 200)
                std::fprintf(stderr, "%s:%d: producer answered %d %s\n",
                             qPrintable(events.fileName()), lineNumber, r.statusCode,
                             r.body.constData());
            continue;
        }
        ef::PutEventsRequestEntry entry;
        if (!toEntry(line, entry, error)) {
            std::fprintf(stderr, "%s:%d: %s\n", qPrintable(events.fileName()), lineNumber,
                         error.c_str());
            continue;
        }
        const auto result = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(&entry, 1));
        if (!result)
            std::fprintf(stderr, "%s:%d: %s: %s\n", qPrintable(events.fileName()), lineNumber,
                         qPrintable(result.error().code), qPrintable(result.error().message));
        else if (!result->entries.front().ok())
            std::fprintf(stderr, "%s:%d: %s: %s\n", qPrintable(events.fileName()), lineNumber,
                         qPrintable(result->entries.front().errorCode),
                         qPrintable(result->entries.front().errorMessage));
    }
    engine.runUntilIdle();
    printLine(QJsonDocument(summary(engine)).toJson(QJsonDocument::Compact), nullptr);
    std::fflush(stdout);
    return 0;
}

const CommandRegistration registration{Command{
    QStringLiteral("run"),
    QStringLiteral("put events into a scenario on the virtual clock and print the trace"),
    run}};

} // namespace
