// eventflow-bench --soak [--events N] [--seed S] [--rate EVENTS_PER_VIRTUAL_SECOND] [--json]
//
// Ten million PutEvents entries (by default) through the shipped engine on the
// virtual clock, with functions that fail, throttle, lack permission or do not
// exist, retry policies and dead-letter queues (some unusable), Lambda's own
// retries and failure destinations, bus-to-bus forwarding with loops, input
// transformers and about 1% invalid entries. The books are checked from the
// engine's own trace, per rule and in total: every delivery the engine created
// (an event x a target) ends delivered, dead-lettered or dropped with a
// reason, and every entry is accepted or rejected. Prints events/s and RSS
// every million entries; RSS stays flat because every history is bounded.

#include "BenchMode.h"

#include "core/bus/Engine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

const QString kRegion = QStringLiteral("us-east-1");
const QString kAccount = QStringLiteral("123456789012");

QString lambdaArn(const QString &fn, const QString &account = kAccount)
{
    return QStringLiteral("arn:aws:lambda:%1:%2:function:%3").arg(kRegion, account, fn);
}
QString sqsArn(const QString &queue, const QString &account = kAccount)
{
    return QStringLiteral("arn:aws:sqs:%1:%2:%3").arg(kRegion, account, queue);
}
QString busArn(const QString &bus)
{
    return QStringLiteral("arn:aws:events:%1:%2:event-bus/%3").arg(kRegion, kAccount, bus);
}

// Per (bus, rule): what the trace says happened to its deliveries.
struct RuleBooks
{
    QString bus, rule;
    int targets = 0;              // fixed for the whole soak
    std::uint64_t matched = 0;    // RuleMatched
    std::uint64_t delivered = 0;
    std::uint64_t deadLettered = 0;
    std::uint64_t dropped = 0;
    std::uint64_t droppedWithoutReason = 0;
    std::uint64_t created() const { return matched * static_cast<std::uint64_t>(targets); }
    std::uint64_t finished() const { return delivered + deadLettered + dropped; }
};

QString booksKey(const QString &bus, const QString &rule)
{
    return bus + u'/' + rule;
}

struct SoakSetup
{
    QString error;
    std::map<QString, RuleBooks> books;  // by "bus/rule"
};

QJsonObject function(const QString &name, QJsonValue latencyMs, double failureRate,
                     int concurrency, bool missingPermission = false,
                     const QString &onFailure = QString())
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("latencyMs"), latencyMs},
                  {QStringLiteral("failureRate"), failureRate},
                  {QStringLiteral("concurrency"), concurrency},
                  {QStringLiteral("missingInvokePermission"), missingPermission},
                  {QStringLiteral("logLines"),
                   QJsonArray{QStringLiteral("${$.detail-type} ${$.detail.orderId}"),
                              QJsonObject{{QStringLiteral("text"), QStringLiteral("big one")},
                                          {QStringLiteral("when"),
                                           QStringLiteral("$.detail.amount >= 400")}}}}};
    if (!onFailure.isEmpty())
        o.insert(QStringLiteral("onFailure"), onFailure);
    return o;
}

ef::Target target(const QString &id, const QString &arn, int retries = -1, int maxAge = 0,
                  const QString &dlq = QString())
{
    ef::Target t;
    t.id = id;
    t.arn = arn;
    if (retries >= 0)
        t.retryPolicy = ef::RetryPolicy{retries, maxAge};
    if (!dlq.isEmpty())
        t.deadLetterConfig = ef::DeadLetterConfig{dlq};
    return t;
}

// Buses default, orders and audit; rules whose targets between them reach
// every way a delivery can end.
SoakSetup buildScenario(ef::Engine &engine)
{
    SoakSetup setup;
    auto check = [&](const auto &result, const QString &what) {
        if (!result && setup.error.isEmpty())
            setup.error = what + QStringLiteral(": ") + result.error().message;
    };
    for (const QString &bus : {QStringLiteral("orders"), QStringLiteral("audit")})
        check(engine.createEventBus({bus, QString()}), bus);
    const QString failures = sqsArn(QStringLiteral("lambda-failures"));
    const QJsonObject functions[] = {
        function(QStringLiteral("fast"), QJsonObject{{QStringLiteral("min"), 5}, {QStringLiteral("max"), 40}}, 0.01, 200),
        function(QStringLiteral("flaky"), 80, 0.3, 100),
        // Too few copies for its share of traffic: EventBridge is throttled and retries.
        function(QStringLiteral("slow"),
                 QJsonObject{{QStringLiteral("min"), 100}, {QStringLiteral("max"), 400}}, 0.0, 2),
        function(QStringLiteral("denied"), 20, 0.0, 100, true),
        function(QStringLiteral("raises"), 30, 0.2, 100, false, failures),
        function(QStringLiteral("raises-no-destination"), 30, 0.1, 100),
    };
    for (const QJsonObject &fn : functions)
        check(engine.putConsumer(fn), fn.value(QStringLiteral("name")).toString());

    const QString dlq = sqsArn(QStringLiteral("dlq"));
    const QString foreignDlq = sqsArn(QStringLiteral("elsewhere"), QStringLiteral("999999999999"));
    ef::Target transformed = target(QStringLiteral("queue"), sqsArn(QStringLiteral("orders-q")));
    transformed.inputTransformer = ef::InputTransformerSpec{
        {{QStringLiteral("id"), QStringLiteral("$.detail.orderId")},
         {QStringLiteral("amount"), QStringLiteral("$.detail.amount")}},
        QStringLiteral(R"({"order": <id>, "amount": <amount>, "rule": <aws.events.rule-name>})")};
    struct RuleSpec
    {
        QString bus, name, pattern;
        std::vector<ef::Target> targets;
    };
    const std::vector<RuleSpec> rules = {
        {QStringLiteral("orders"), QStringLiteral("orders"),
         QStringLiteral(R"({"source":["shop"],"detail-type":["OrderPlaced"]})"),
         {target(QStringLiteral("fast"), lambdaArn(QStringLiteral("fast"))),
          target(QStringLiteral("flaky"), lambdaArn(QStringLiteral("flaky")), 2, 600, dlq),
          transformed}},
        {QStringLiteral("orders"), QStringLiteral("high-value"),
         QStringLiteral(R"({"detail-type":["OrderPlaced"],"detail":{"amount":[{"numeric":[">=",100]}]}})"),
         {target(QStringLiteral("slow"), lambdaArn(QStringLiteral("slow")), 3, 300, dlq),
          target(QStringLiteral("denied"), lambdaArn(QStringLiteral("denied")), -1, 0, dlq)}},
        {QStringLiteral("orders"), QStringLiteral("payments"),
         QStringLiteral(R"({"detail-type":["PaymentProcessed"]})"),
         {target(QStringLiteral("fast"), lambdaArn(QStringLiteral("fast"))),
          target(QStringLiteral("ghost"),
                 lambdaArn(QStringLiteral("ghost"), QStringLiteral("999999999999"))),
          target(QStringLiteral("slow-lost-dlq"), lambdaArn(QStringLiteral("slow")), 0, 60,
                 foreignDlq)}},
        {QStringLiteral("orders"), QStringLiteral("inventory"),
         QStringLiteral(R"({"detail-type":["InventoryUpdated"]})"),
         {target(QStringLiteral("raises"), lambdaArn(QStringLiteral("raises"))),
          target(QStringLiteral("raises-nd"), lambdaArn(QStringLiteral("raises-no-destination")))}},
        {QStringLiteral("orders"), QStringLiteral("to-audit"),
         QStringLiteral(R"({"detail":{"amount":[{"numeric":[">",450]}]}})"),
         {target(QStringLiteral("audit"), busArn(QStringLiteral("audit")))}},
        {QStringLiteral("default"), QStringLiteral("everything"),
         QStringLiteral(R"({"source":[{"prefix":"sh"}]})"),
         {target(QStringLiteral("fast"), lambdaArn(QStringLiteral("fast"))),
          target(QStringLiteral("orders"), busArn(QStringLiteral("orders")))}},
        {QStringLiteral("default"), QStringLiteral("refunds"),
         QStringLiteral(R"({"detail-type":["Refund"],"detail":{"reason":[{"exists":true}]}})"),
         {target(QStringLiteral("flaky"), lambdaArn(QStringLiteral("flaky")), 1, 120, dlq)}},
        // Back to orders: always a loop for what arrives here from orders.
        {QStringLiteral("audit"), QStringLiteral("audit-all"),
         QStringLiteral(R"({"source":["shop"]})"),
         {target(QStringLiteral("log"), sqsArn(QStringLiteral("audit-log"))),
          target(QStringLiteral("back"), busArn(QStringLiteral("orders")))}},
    };
    for (const RuleSpec &spec : rules) {
        ef::PutRuleRequest put;
        put.name = spec.name;
        put.eventBusName = spec.bus;
        put.eventPattern = spec.pattern;
        check(engine.putRule(put), spec.name);
        const auto t = engine.putTargets({spec.name, spec.bus, spec.targets});
        check(t, spec.name);
        if (t && t->failedEntryCount && setup.error.isEmpty())
            setup.error = spec.name + QStringLiteral(": ") + t->failedEntries.front().errorMessage;
        RuleBooks books;
        books.bus = spec.bus;
        books.rule = spec.name;
        books.targets = static_cast<int>(spec.targets.size());
        setup.books.emplace(booksKey(spec.bus, spec.name), books);
    }
    return setup;
}

void appendNumber(std::string &out, std::uint64_t n)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    out.append(buf, r.ptr);
}

int runSoak(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("eventflow-bench --soak"));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("soak"), QStringLiteral("Soak mode.")});
    parser.addOption({QStringLiteral("events"), QStringLiteral("PutEvents entries to put."),
                      QStringLiteral("N"), QStringLiteral("10000000")});
    parser.addOption({QStringLiteral("seed"), QStringLiteral("Random seed."), QStringLiteral("S"),
                      QStringLiteral("1")});
    parser.addOption({QStringLiteral("rate"),
                      QStringLiteral("Entries per second of simulation time."),
                      QStringLiteral("R"), QStringLiteral("100")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("End with one JSON line.")});
    parser.process(app);
    bool ok1 = false, ok2 = false, ok3 = false;
    const std::uint64_t total = parser.value(QStringLiteral("events")).toULongLong(&ok1);
    const std::uint64_t seed = parser.value(QStringLiteral("seed")).toULongLong(&ok2);
    const int rate = parser.value(QStringLiteral("rate")).toInt(&ok3);
    if (!ok1 || !ok2 || !ok3 || total == 0 || rate < 10 || rate > 1000000) {
        std::fprintf(stderr, "--events, --seed and --rate (10..1000000) take positive numbers\n");
        return 2;
    }
    const bool json = parser.isSet(QStringLiteral("json"));

    const double rssBefore = currentRssMb();
    ef::EngineOptions options;  // the shipped bounds: nothing enlarged for the soak
    options.seed = seed;
    ef::Engine engine(options);
    SoakSetup setup = buildScenario(engine);
    if (!setup.error.isEmpty()) {
        std::fprintf(stderr, "soak scenario refused: %s\n", qPrintable(setup.error));
        return 2;
    }

    // Books from the trace, keyed by (bus, rule) names as the engine interns them.
    std::unordered_map<std::uint64_t, RuleBooks *> byIds;  // (busId << 32 | ruleId)
    std::uint64_t acceptedSeen = 0, rejectedSeen = 0, strayFinals = 0;
    auto booksFor = [&](ef::NameId bus, ef::NameId rule) -> RuleBooks * {
        const std::uint64_t ids = (std::uint64_t(bus) << 32) | rule;
        auto it = byIds.find(ids);
        if (it != byIds.end())
            return it->second;
        auto b = setup.books.find(booksKey(engine.name(bus), engine.name(rule)));
        RuleBooks *books = b == setup.books.end() ? nullptr : &b->second;
        byIds.emplace(ids, books);
        return books;
    };
    engine.addTraceObserver([&](std::span<const ef::Happening> batch) {
        for (const ef::Happening &h : batch) {
            switch (h.kind) {
            case ef::HappeningKind::EntryAccepted: ++acceptedSeen; break;
            case ef::HappeningKind::EntryRejected: ++rejectedSeen; break;
            case ef::HappeningKind::RuleMatched:
                if (RuleBooks *b = booksFor(h.bus, h.rule))
                    ++b->matched;
                else
                    ++strayFinals;
                break;
            case ef::HappeningKind::Delivered:
            case ef::HappeningKind::DeadLettered:
            case ef::HappeningKind::Dropped: {
                RuleBooks *b = booksFor(h.bus, h.rule);
                if (!b) {
                    ++strayFinals;
                    break;
                }
                if (h.kind == ef::HappeningKind::Delivered)
                    ++b->delivered;
                else if (h.kind == ef::HappeningKind::DeadLettered)
                    ++b->deadLettered;
                else {
                    ++b->dropped;
                    b->droppedWithoutReason += h.reason == ef::Reason::None;
                }
                break;
            }
            default: break;
            }
        }
    });

    std::mt19937_64 random(seed);
    auto pick = [&](std::uint32_t n) { return static_cast<std::uint32_t>(random() % n); };
    static const char *const kTypes[] = {"OrderPlaced", "PaymentProcessed", "InventoryUpdated",
                                         "Refund"};
    std::vector<ef::PutEventsRequestEntry> batch(10);
    std::uint64_t putAccepted = 0, putRejected = 0, requestErrors = 0;
    const ef::SimTime tick = 10 * ef::kMicrosPerSecond / rate;  // per batch of 10
    std::printf("soak: %llu entries at %d per simulated second, seed %llu; RSS %.1f MB before\n",
                static_cast<unsigned long long>(total), rate,
                static_cast<unsigned long long>(seed), rssBefore);
    std::fflush(stdout);

    const auto start = std::chrono::steady_clock::now();
    auto lap = start;
    double rssFirstMillion = 0;
    std::uint64_t put = 0;
    while (put < total) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(10, total - put));
        for (std::size_t i = 0; i < n; ++i) {
            ef::PutEventsRequestEntry &e = batch[i];
            const std::uint64_t k = put + i;
            const std::uint32_t type = pick(4);
            const std::uint32_t amount = pick(500);
            e.source = "shop";
            e.detailType = kTypes[type];
            e.eventBusName = pick(3) == 0 ? "" : "orders";
            e.resources.clear();
            std::string &d = e.detail;
            d.assign("{\"orderId\":\"o-");
            appendNumber(d, k);
            d.append("\",\"amount\":");
            appendNumber(d, amount);
            if (type == 3 && pick(2))
                d.append(",\"reason\":\"damaged\"");
            d.append(",\"items\":[{\"sku\":\"s");
            appendNumber(d, pick(50));
            d.append("\",\"qty\":");
            appendNumber(d, 1 + pick(5));
            d.append("}]}");
            switch (pick(400)) {  // about 1% invalid, each in its own way
            case 0: e.source = "aws.shop"; break;
            case 1: e.detail.resize(e.detail.size() / 2); break;
            case 2: e.eventBusName = "no-such-bus"; break;
            case 3: e.detail = "[1,2]"; break;
            default: break;
            }
        }
        const auto r = engine.putEvents(std::span<const ef::PutEventsRequestEntry>(batch.data(), n));
        if (!r) {
            ++requestErrors;
        } else {
            for (const ef::PutEventsResultEntry &e : r->entries)
                (e.ok() ? putAccepted : putRejected) += 1;
        }
        engine.advanceBy(tick);
        put += n;
        if (put % 1000000 == 0 || put == total) {
            const auto now = std::chrono::steady_clock::now();
            const double lapSeconds = std::chrono::duration<double>(now - lap).count();
            const std::uint64_t lapEvents = put % 1000000 == 0 ? 1000000 : put % 1000000;
            lap = now;
            const double rss = currentRssMb();
            if (rssFirstMillion == 0)
                rssFirstMillion = rss;
            const ef::EngineCounters c = engine.counters();
            std::printf("%9llu entries: %8.0f events/s, RSS %7.1f MB, %llu deliveries pending, "
                        "simulated %s\n",
                        static_cast<unsigned long long>(put), lapEvents / lapSeconds, rss,
                        static_cast<unsigned long long>(c.pending),
                        qPrintable(QString::number(double(engine.now() - options.virtualStart)
                                                       / ef::kMicrosPerSecond / 3600.0,
                                                   'f', 2)
                                   + QStringLiteral(" h")));
            std::fflush(stdout);
        }
    }
    // Let every retry and Lambda retry run out.
    engine.runUntilIdle();
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double rssEnd = currentRssMb();

    // The books.
    const ef::EngineCounters c = engine.counters();
    std::uint64_t unaccounted = 0;
    std::uint64_t created = 0, delivered = 0, deadLettered = 0, dropped = 0;
    std::printf("%-8s %-11s %7s %10s %10s %10s %10s %s\n", "bus", "rule", "targets", "matched",
                "delivered", "dead-lett.", "dropped", "unaccounted");
    for (const auto &[key, books] : setup.books) {
        const RuleBooks *b = &books;
        const std::uint64_t created_ = b->created();
        const std::uint64_t off = (created_ > b->finished() ? created_ - b->finished()
                                                            : b->finished() - created_)
                                  + b->droppedWithoutReason;
        unaccounted += off;
        created += created_;
        delivered += b->delivered;
        deadLettered += b->deadLettered;
        dropped += b->dropped;
        std::printf("%-8s %-11s %7d %10llu %10llu %10llu %10llu %llu\n", qPrintable(b->bus),
                    qPrintable(b->rule), b->targets, static_cast<unsigned long long>(b->matched),
                    static_cast<unsigned long long>(b->delivered),
                    static_cast<unsigned long long>(b->deadLettered),
                    static_cast<unsigned long long>(b->dropped),
                    static_cast<unsigned long long>(off));
    }
    auto mismatch = [&](const char *what, std::uint64_t a, std::uint64_t b) {
        if (a == b)
            return;
        std::printf("MISMATCH %s: %llu vs %llu\n", what, static_cast<unsigned long long>(a),
                    static_cast<unsigned long long>(b));
        unaccounted += a > b ? a - b : b - a;
    };
    // Totals: the trace's per-rule sums, the engine's own counters and what
    // PutEvents answered must all agree.
    mismatch("entries put vs accepted + rejected", put, putAccepted + putRejected);
    mismatch("rejected entries (answers vs engine)", putRejected, c.entriesRejected);
    mismatch("rejected entries (answers vs trace)", putRejected, rejectedSeen);
    mismatch("accepted events (engine vs trace)", c.entriesAccepted, acceptedSeen);
    mismatch("deliveries created (engine vs per-rule)", c.deliveriesCreated, created);
    mismatch("delivered (engine vs per-rule)", c.delivered, delivered);
    mismatch("dead-lettered (engine vs per-rule)", c.deadLettered, deadLettered);
    mismatch("dropped (engine vs per-rule)", c.dropped, dropped);
    mismatch("pending after the last retry", c.pending, 0);
    mismatch("happenings of unknown rules", strayFinals, 0);
    mismatch("whole requests refused", requestErrors, 0);

    std::printf("total: %llu entries (%llu accepted, %llu rejected), %llu events incl. forwarded "
                "copies, %llu deliveries = %llu delivered + %llu dead-lettered + %llu dropped "
                "with a reason; %llu unaccounted\n",
                static_cast<unsigned long long>(put), static_cast<unsigned long long>(putAccepted),
                static_cast<unsigned long long>(putRejected),
                static_cast<unsigned long long>(c.entriesAccepted),
                static_cast<unsigned long long>(c.deliveriesCreated),
                static_cast<unsigned long long>(c.delivered),
                static_cast<unsigned long long>(c.deadLettered),
                static_cast<unsigned long long>(c.dropped),
                static_cast<unsigned long long>(unaccounted));
    // Per-second metric bins are kept for metricHistorySeconds of simulated
    // time: RSS grows until that window is full, then stays flat.
    std::printf("metric history (%d s simulated) full after %.0f entries\n",
                options.metricHistorySeconds, double(options.metricHistorySeconds) * rate);
    std::printf("%.1f s: %.0f events/s; RSS %.1f MB before, %.1f MB after the first million, "
                "%.1f MB at the end (%+.1f MB since the first million); peak %.1f MB\n",
                seconds, put / seconds, rssBefore, rssFirstMillion, rssEnd,
                rssEnd - rssFirstMillion, peakRssMb());
    if (json)
        std::printf("{\"mode\":\"soak\",\"events\":%llu,\"events_per_s\":%.1f,\"unaccounted\":%llu,"
                    "\"rss_mb_start\":%.1f,\"rss_mb_end\":%.1f}\n",
                    static_cast<unsigned long long>(put), put / seconds,
                    static_cast<unsigned long long>(unaccounted), rssFirstMillion, rssEnd);
    return unaccounted == 0 ? 0 : 1;
}

const BenchModeRegistration registration{BenchMode{
    QStringLiteral("--soak"),
    QStringLiteral("10M events with failures, throttling and DLQs; checks the books and RSS"),
    runSoak}};

} // namespace
