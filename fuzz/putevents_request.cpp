// libFuzzer target: arbitrary bytes as the body of an AWSEvents.PutEvents
// request, decoded as the local endpoint decodes it (EventsJsonApi) and put
// through the engine's PutEvents path onto buses whose rules use every kind of
// target (functions that fail or throttle, queues, a DLQ, forwarding with a
// loop, an input transformer), then delivered on the virtual clock.
// Besides "no crash, no sanitizer report, no leak", it aborts when:
// - the answer is a 5xx, or not JSON, or an error without __type/message;
// - a 200 answer's FailedEntryCount disagrees with its Entries;
// - the engine's books do not balance after every delivery has run
//   (accepted entries' deliveries = delivered + dead-lettered + dropped).

#include "core/api/EventsJsonApi.h"
#include "core/bus/Engine.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {

void check(bool ok, const char *what, const QByteArray &context)
{
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n%s\n", what, context.left(2000).constData());
        std::abort();
    }
}

ef::Target target(const char *id, const QString &arn)
{
    ef::Target t;
    t.id = QString::fromLatin1(id);
    t.arn = arn;
    return t;
}

ef::Engine &engine()
{
    static ef::Engine *e = [] {
        auto *engine = new ef::Engine;
        const QString acct = QStringLiteral("arn:aws:%1:us-east-1:123456789012:%2");
        engine->createEventBus({QStringLiteral("orders"), QString()});
        engine->putConsumer(QJsonObject{{QStringLiteral("name"), QStringLiteral("fn")},
                                        {QStringLiteral("latencyMs"), 10},
                                        {QStringLiteral("failureRate"), 0.3},
                                        {QStringLiteral("concurrency"), 2},
                                        {QStringLiteral("logLines"),
                                         QJsonArray{QStringLiteral("${$.detail.a} ${$.source}")}}});
        struct R
        {
            const char *bus, *name, *pattern;
        };
        const R rules[] = {
            {"default", "all", R"({"source":[{"prefix":""}]})"},
            {"default", "numbers", R"({"detail":{"a":[{"numeric":[">",0]}]}})"},
            {"orders", "back", R"({"source":[{"exists":true}]})"},
        };
        for (const R &r : rules) {
            ef::PutRuleRequest put;
            put.name = QLatin1String(r.name);
            put.eventBusName = QLatin1String(r.bus);
            put.eventPattern = QLatin1String(r.pattern);
            if (!engine->putRule(put))
                std::abort();
        }
        ef::Target fn = target("fn", acct.arg(QStringLiteral("lambda"), QStringLiteral("function:fn")));
        fn.retryPolicy = ef::RetryPolicy{2, 60};
        fn.deadLetterConfig = ef::DeadLetterConfig{acct.arg(QStringLiteral("sqs"), QStringLiteral("dlq"))};
        ef::Target shaped = target("q", acct.arg(QStringLiteral("sqs"), QStringLiteral("q")));
        shaped.inputTransformer = ef::InputTransformerSpec{
            {{QStringLiteral("a"), QStringLiteral("$.detail.a")},
             {QStringLiteral("t"), QStringLiteral("$.detail-type")}},
            QStringLiteral(R"({"a": <a>, "t": "<t>"})")};
        const ef::Target toOrders =
            target("fwd", acct.arg(QStringLiteral("events"), QStringLiteral("event-bus/orders")));
        const ef::Target toDefault =
            target("back", acct.arg(QStringLiteral("events"), QStringLiteral("event-bus/default")));
        if (!engine->putTargets({QStringLiteral("all"), QString(), {fn, toOrders}})
            || !engine->putTargets({QStringLiteral("numbers"), QString(), {shaped}})
            || !engine->putTargets({QStringLiteral("back"), QStringLiteral("orders"), {toDefault}}))
            std::abort();
        return engine;
    }();
    return *e;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_putevents_request";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    static ef::api::EventsJsonApi api(engine());

    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    const ef::api::ApiResponse response = api.handle("PutEvents", body);
    check(response.status < 500, "a 5xx answer", body);
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(response.body, &error);
    check(error.error == QJsonParseError::NoError && doc.isObject(), "answer is not JSON",
          response.body);
    const QJsonObject o = doc.object();
    if (response.status == 200) {
        const QJsonArray entries = o.value(QStringLiteral("Entries")).toArray();
        int failed = 0;
        for (const QJsonValue &e : entries) {
            const QJsonObject entry = e.toObject();
            const bool ok = entry.contains(QStringLiteral("EventId"));
            check(ok != entry.contains(QStringLiteral("ErrorCode")), "entry neither/both", body);
            if (!ok) {
                check(!entry.value(QStringLiteral("ErrorMessage")).toString().isEmpty(),
                      "entry error without a message", response.body);
                ++failed;
            }
        }
        check(o.value(QStringLiteral("FailedEntryCount")).toInt(-1) == failed,
              "FailedEntryCount disagrees", response.body);
    } else {
        check(!o.value(QStringLiteral("__type")).toString().isEmpty()
                  && !o.value(QStringLiteral("message")).toString().isEmpty(),
              "error without __type and message", response.body);
    }
    ef::Engine &e = engine();
    e.runUntilIdle();
    const ef::EngineCounters c = e.counters();
    check(c.pending == 0, "deliveries still pending after runUntilIdle", body);
    check(c.delivered + c.deadLettered + c.dropped == c.deliveriesCreated, "books off", body);
    return 0;
}
