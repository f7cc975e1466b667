// eventflow-bench --api [--json] [--seconds S] [--clients C]: PutEvents over
// real loopback sockets against the endpoint started in this process (the
// built-in storefront lab on the real clock, so entries are matched and
// delivered as in `eventflow serve`). C keep-alive clients (default 8), each
// on its own thread, send requests of 10 entries back to back for S seconds
// (default 10). Prints requests/s, entries/s, entries lost (sent but neither
// accepted nor reported failed, or not accepted by the engine) and latency
// percentiles; with --json the last line is one JSON object.

#include "BenchMode.h"

#include "core/api/ApiServer.h"
#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kEntriesPerRequest = 10;

struct ClientStats
{
    std::uint64_t requests = 0;
    std::uint64_t entriesSent = 0;
    std::uint64_t entriesAccepted = 0;
    std::uint64_t entriesFailed = 0;   // answered with an ErrorCode
    std::uint64_t badResponses = 0;    // not 200, or cut off
    std::vector<double> latenciesMs;
    std::string error;
};

// Request bodies differ in type, amount and ids, like a storefront's traffic.
std::vector<std::string> buildRequests(const QString &bus)
{
    static const char *types[] = {"OrderPlaced", "PaymentProcessed", "InventoryUpdated"};
    std::vector<std::string> requests;
    for (int r = 0; r < 64; ++r) {
        std::string body = "{\"Entries\":[";
        for (int e = 0; e < kEntriesPerRequest; ++e) {
            const int n = r * kEntriesPerRequest + e;
            const char *type = types[n % 3];
            char detail[256];
            std::snprintf(detail, sizeof detail,
                          "{\\\"orderId\\\":\\\"order-%08x\\\",\\\"customerId\\\":\\\"customer-%d\\\","
                          "\\\"amount\\\":%d.99,\\\"newQuantity\\\":%d}",
                          unsigned(n * 2654435761u), n % 97, 10 + (n * 37) % 290, n % 20);
            body += std::string(e ? "," : "") + "{\"Source\":\"ecommerce.application\","
                    "\"DetailType\":\"" + type + "\",\"Detail\":\"" + detail
                    + "\",\"EventBusName\":\"" + bus.toStdString() + "\"}";
        }
        body += "]}";
        requests.push_back("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                           "Content-Type: application/x-amz-json-1.1\r\n"
                           "X-Amz-Target: AWSEvents.PutEvents\r\nContent-Length: "
                           + std::to_string(body.size()) + "\r\n\r\n" + body);
    }
    return requests;
}

bool sendAll(int fd, const std::string &data)
{
    std::size_t sent = 0;
    while (sent < data.size()) {
        const ssize_t n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
        if (n <= 0)
            return false;
        sent += std::size_t(n);
    }
    return true;
}

// Reads one response; returns its status and body, or -1 when cut off.
int readResponse(int fd, std::string &buffer, std::string &body)
{
    for (;;) {
        const std::size_t end = buffer.find("\r\n\r\n");
        if (end != std::string::npos) {
            const std::size_t cl = buffer.find("Content-Length: ");
            if (cl == std::string::npos || cl > end)
                return -1;
            const std::size_t length = std::strtoul(buffer.c_str() + cl + 16, nullptr, 10);
            if (buffer.size() >= end + 4 + length) {
                const int status = std::atoi(buffer.c_str() + 9);
                body.assign(buffer, end + 4, length);
                buffer.erase(0, end + 4 + length);
                return status;
            }
        }
        char chunk[16384];
        const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
        if (n <= 0)
            return -1;
        buffer.append(chunk, std::size_t(n));
    }
}

void runClient(quint16 port, const std::vector<std::string> &requests, int offset,
               Clock::time_point deadline, ClientStats &stats)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        stats.error = "connect failed";
        ::close(fd);
        return;
    }
    const int one = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    std::string buffer;
    std::string body;
    stats.latenciesMs.reserve(200000);
    for (std::size_t i = std::size_t(offset); Clock::now() < deadline; ++i) {
        const std::string &request = requests[i % requests.size()];
        const auto start = Clock::now();
        if (!sendAll(fd, request)) {
            stats.error = "send failed";
            break;
        }
        stats.entriesSent += kEntriesPerRequest;
        const int status = readResponse(fd, buffer, body);
        const auto stop = Clock::now();
        ++stats.requests;
        if (status != 200) {
            ++stats.badResponses;
            if (status < 0) {
                stats.error = "connection closed by the server";
                break;
            }
            continue;
        }
        stats.latenciesMs.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
        const std::size_t at = body.find("\"FailedEntryCount\":");
        const int failed = at == std::string::npos ? kEntriesPerRequest
                                                   : std::atoi(body.c_str() + at + 19);
        stats.entriesFailed += std::uint64_t(failed);
        stats.entriesAccepted += std::uint64_t(kEntriesPerRequest - failed);
    }
    ::close(fd);
}

double percentile(std::vector<double> &v, double p)
{
    if (v.empty())
        return 0;
    const std::size_t k = std::min(v.size() - 1, std::size_t(p * double(v.size())));
    std::nth_element(v.begin(), v.begin() + std::ptrdiff_t(k), v.end());
    return v[k];
}

int runApiBench(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("PutEvents over loopback sockets"));
    parser.addHelpOption();
    const QCommandLineOption api(QStringLiteral("api"), QStringLiteral("This mode."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("End with one JSON line of figures."));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Duration."),
                                     QStringLiteral("S"), QStringLiteral("10"));
    const QCommandLineOption clients(QStringLiteral("clients"),
                                     QStringLiteral("Concurrent keep-alive clients."),
                                     QStringLiteral("C"), QStringLiteral("8"));
    parser.addOptions({api, json, seconds, clients});
    parser.process(app);
    const double duration = std::max(0.5, parser.value(seconds).toDouble());
    const int clientCount = std::clamp(parser.value(clients).toInt(), 1, 64);

    const ef::ScenarioLoad lab =
        ef::ScenarioFile::load(QString::fromLatin1(ef::ScenarioFile::kBuiltInLab));
    if (!lab.ok()) {
        std::fprintf(stderr, "bench --api: built-in lab: %s\n", qPrintable(lab.errors.join("; ")));
        return 1;
    }
    ef::Engine engine;
    engine.setClockMode(ef::ClockMode::Real);
    if (const ef::Status s = engine.applyScenario(*lab.scenario); !s) {
        std::fprintf(stderr, "bench --api: %s\n", qPrintable(s.error().message));
        return 1;
    }
    ef::api::ApiServer server(engine);
    QString error;
    if (!server.start(QHostAddress::LocalHost, 0, &error)) {
        std::fprintf(stderr, "bench --api: %s\n", qPrintable(error));
        return 1;
    }
    const QString bus = engine.settings().usernamePrefix + QStringLiteral("-ecommerce-events");
    const std::vector<std::string> requests = buildRequests(bus);
    const ef::EngineCounters before = engine.counters();

    std::vector<ClientStats> stats(static_cast<std::size_t>(clientCount));
    std::vector<std::thread> threads;
    std::atomic<int> running{clientCount};
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration_cast<Clock::duration>(
                                      std::chrono::duration<double>(duration));
    for (int c = 0; c < clientCount; ++c) {
        threads.emplace_back([&, c] {
            runClient(server.port(), requests, c * 8, deadline, stats[std::size_t(c)]);
            --running;
        });
    }
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &app, [&] {
        if (running.load() == 0)
            app.quit();
    });
    poll.start(20);
    app.exec();
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    for (std::thread &t : threads)
        t.join();

    ClientStats total;
    for (ClientStats &s : stats) {
        total.requests += s.requests;
        total.entriesSent += s.entriesSent;
        total.entriesAccepted += s.entriesAccepted;
        total.entriesFailed += s.entriesFailed;
        total.badResponses += s.badResponses;
        total.latenciesMs.insert(total.latenciesMs.end(), s.latenciesMs.begin(),
                                 s.latenciesMs.end());
        if (!s.error.empty())
            std::fprintf(stderr, "bench --api: a client stopped: %s\n", s.error.c_str());
    }
    const ef::EngineCounters after = engine.counters();
    const std::uint64_t engineAccepted = after.entriesAccepted - before.entriesAccepted;
    // Lost: sent but not accounted for by the answers, or answered "accepted"
    // without the engine having it.
    const std::uint64_t answered = total.entriesAccepted + total.entriesFailed;
    const std::uint64_t lost = (total.entriesSent - std::min(total.entriesSent, answered))
                               + (total.entriesAccepted > engineAccepted
                                      ? total.entriesAccepted - engineAccepted
                                      : engineAccepted - total.entriesAccepted);
    const double requestsPerS = double(total.requests) / elapsed;
    const double entriesPerS = double(total.entriesAccepted) / elapsed;
    const double p50 = percentile(total.latenciesMs, 0.50);
    const double p99 = percentile(total.latenciesMs, 0.99);

    std::printf("api bench: %d keep-alive clients, %d entries per PutEvents, %.1f s\n",
                clientCount, kEntriesPerRequest, elapsed);
    std::printf("requests:        %llu (%.0f/s), non-200: %llu\n",
                static_cast<unsigned long long>(total.requests), requestsPerS,
                static_cast<unsigned long long>(total.badResponses));
    std::printf("entries:         %llu sent, %llu accepted (%.0f/s), %llu failed, %llu lost\n",
                static_cast<unsigned long long>(total.entriesSent),
                static_cast<unsigned long long>(total.entriesAccepted), entriesPerS,
                static_cast<unsigned long long>(total.entriesFailed),
                static_cast<unsigned long long>(lost));
    std::printf("engine:          %llu accepted, %llu deliveries created, %llu delivered, "
                "%llu pending\n",
                static_cast<unsigned long long>(engineAccepted),
                static_cast<unsigned long long>(after.deliveriesCreated - before.deliveriesCreated),
                static_cast<unsigned long long>(after.delivered - before.delivered),
                static_cast<unsigned long long>(after.pending));
    std::printf("latency:         p50 %.3f ms, p99 %.3f ms\n", p50, p99);
    std::printf("peak RSS:        %.1f MiB\n", peakRssMb());
    if (parser.isSet(json)) {
        std::printf("{\"mode\":\"api\",\"entries_per_s\":%.1f,\"requests_per_s\":%.1f,"
                    "\"lost\":%llu,\"p50_ms\":%.3f,\"p99_ms\":%.3f}\n",
                    entriesPerS, requestsPerS, static_cast<unsigned long long>(lost), p50, p99);
    }
    return lost == 0 && total.badResponses == 0 ? 0 : 1;
}

const BenchModeRegistration registration{BenchMode{
    QStringLiteral("--api"),
    QStringLiteral("PutEvents over loopback: 8 keep-alive clients, 10 entries/request, 10 s"),
    runApiBench}};

} // namespace
