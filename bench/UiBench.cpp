// eventflow-bench --ui [--json] [--breakdown] [--seconds N] [--rate R]
// The shipped main window, offscreen at 1600x1000, on the built-in lab plus
// 30 extra rules, fed by its own load generator at 10,000 events/s for 20 s
// of wall time. Frame intervals are taken where the visible flow canvas
// paints. Prints figures; asserts nothing.

#include "BenchMode.h"

#include "core/bus/Arn.h"
#include "core/bus/Engine.h"
#include "core/io/ScenarioFile.h"
#include "ui/EngineSession.h"
#include "ui/FlowCanvas.h"
#include "ui/FrameProfile.h"
#include "ui/FrameStats.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCheckBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace {

double processCpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

QString loadAverage()
{
    QFile f(QStringLiteral("/proc/loadavg"));
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("unknown");
    return QString::fromLatin1(f.readAll()).section(QLatin1Char(' '), 0, 2);
}

// 30 rules more on the lab's bus, over its three detail-types and amount
// bands, targeting the lab's functions and six more (auto-created).
bool addExtraRules(ef::Engine &engine, QString *error)
{
    const auto producers = engine.producers();
    if (producers.empty()) {
        *error = QStringLiteral("the lab scenario has no producer");
        return false;
    }
    const ef::ProducerInfo &p = producers.front();
    const ef::ScenarioSettings &s = engine.settings();
    QStringList functions;
    for (const ef::ConsumerInfo &c : engine.consumers()) {
        if (c.name != p.name)
            functions << c.name;
    }
    for (int i = 0; i < 6; ++i)
        functions << QStringLiteral("%1-bench-fn-%2").arg(s.usernamePrefix).arg(i + 1);
    for (int i = 0; i < 30; ++i) {
        const QString type = p.eventTypes.value(i % p.eventTypes.size());
        const int low = (i / 3) * 30;
        ef::PutRuleRequest rule;
        rule.name = QStringLiteral("%1-bench-rule-%2").arg(s.usernamePrefix).arg(i + 1, 2, 10,
                                                                                 QLatin1Char('0'));
        rule.eventBusName = p.eventBusName;
        rule.eventPattern = QStringLiteral(
                                "{\"source\":[\"%1\"],\"detail-type\":[\"%2\"],"
                                "\"detail\":{\"amount\":[{\"numeric\":[\">=\",%3,\"<\",%4]}]}}")
                                .arg(p.source, type)
                                .arg(low)
                                .arg(low + 60);
        if (auto r = engine.putRule(rule); !r) {
            *error = rule.name + QStringLiteral(": ") + r.error().message;
            return false;
        }
        ef::Target target;
        target.id = QStringLiteral("1");
        target.arn = ef::Arn::lambdaFunction(s.region, s.account,
                                             functions.value(i % functions.size()));
        ef::PutTargetsRequest put{rule.name, p.eventBusName, {target}};
        const auto r = engine.putTargets(put);
        if (!r || r.value().failedEntryCount) {
            *error = rule.name + QStringLiteral(": PutTargets failed");
            return false;
        }
    }
    // Under 10,000 events/s the lab's small concurrency limits would turn the
    // run into hours of EventBridge retries; raise them so the load flows.
    for (const ef::ConsumerInfo &c : engine.consumers()) {
        QJsonObject def = c.definition;
        if (def.isEmpty())
            continue;
        def.insert(QStringLiteral("concurrency"), 100000);
        if (auto r = engine.putConsumer(def); !r) {
            *error = c.name + QStringLiteral(": ") + r.error().message;
            return false;
        }
    }
    return true;
}

// Times every widget's paint by class, to tell which part of the window's
// paint each frame pays for (QApplication::notify sees every event).
class PaintTimingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    struct Cost
    {
        int paints = 0;
        double ms = 0;
        double maxMs = 0;
    };
    std::map<std::string, Cost> costs;
    bool timing = false;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!timing || event->type() != QEvent::Paint)
            return QApplication::notify(receiver, event);
        QElapsedTimer t;
        t.start();
        const bool r = QApplication::notify(receiver, event);
        const double ms = t.nsecsElapsed() / 1e6;
        QObject *owner = receiver;
        // A viewport paints for its scroll area.
        if (owner->parent() && owner->objectName() == QLatin1String("qt_scrollarea_viewport"))
            owner = owner->parent();
        QString name = QString::fromLatin1(owner->metaObject()->className());
        if (!owner->objectName().isEmpty())
            name += QLatin1Char('#') + owner->objectName();
        for (QObject *up = owner->parent(); up; up = up->parent()) {
            name += QStringLiteral(" in ") + QString::fromLatin1(up->metaObject()->className());
            if (!up->objectName().isEmpty()) {
                name += QLatin1Char('#') + up->objectName();
                break;
            }
        }
        Cost &c = costs[name.toStdString()];
        ++c.paints;
        c.ms += ms;
        c.maxMs = std::max(c.maxMs, ms);
        return r;
    }
};

// Where the frames' time went: each phase's percentiles, then the frames
// that painted late (interval > 17.5 ms) next to the frame before them,
// since an interval is long when a frame starts painting later after its
// deadline than the one before did.
void printBreakdown(const ef::ui::FrameProfile &profile)
{
    using ef::ui::FrameProfile;
    const auto &all = profile.frames();
    std::vector<FrameProfile::Frame> f;
    for (const auto &x : all) {
        if (x.paintNs >= 0)
            f.push_back(x);
    }
    if (f.size() < 3)
        return;
    auto pct = [](std::vector<double> v, double p) {
        return ef::ui::FrameStats::percentile(std::move(v), p);
    };
    std::printf("  per-frame breakdown over %zu painted frames (ms): p50 / p95 / p99 / max\n",
                f.size());
    auto row = [&](const char *name, const std::vector<double> &v) {
        std::printf("    %-14s %6.2f %6.2f %6.2f %6.2f\n", name, pct(v, 50), pct(v, 95),
                    pct(v, 99), *std::max_element(v.begin(), v.end()));
    };
    std::vector<double> late, delay, work;
    for (const auto &x : f) {
        late.push_back((x.tickNs - x.deadlineNs) / 1e6);
        delay.push_back((x.paintNs - x.deadlineNs) / 1e6);
        double w = 0;
        for (int p = 0; p < FrameProfile::WindowPaint; ++p)
            w += x.ms[p];
        work.push_back(w);
    }
    std::vector<double> present;
    for (std::size_t i = 1; i < f.size(); ++i) {
        if (f[i].presentNs >= 0 && f[i - 1].presentNs >= 0)
            present.push_back((f[i].presentNs - f[i - 1].presentNs) / 1e6);
    }
    if (!present.empty())
        row("present intvl", present);
    std::vector<double> frameCpu;
    for (const auto &x : f) {
        if (x.presentNs >= 0)
            frameCpu.push_back(x.cpuMs);
    }
    if (!frameCpu.empty())
        row("frame CPU", frameCpu);
    row("timer late", late);
    row("paint delay", delay);
    row("work", work);
    for (int p = 0; p < FrameProfile::kPhases; ++p) {
        std::vector<double> v;
        for (const auto &x : f)
            v.push_back(x.ms[p]);
        row(FrameProfile::phaseName(p), v);
    }
    // The late frames, worst first.
    std::vector<std::size_t> lateFrames;
    for (std::size_t i = 1; i < f.size(); ++i) {
        if ((f[i].paintNs - f[i - 1].paintNs) / 1e6 > 17.5)
            lateFrames.push_back(i);
    }
    std::printf("  %zu intervals > 17.5 ms; mean ms in the late frame | the frame before:\n",
                lateFrames.size());
    if (lateFrames.empty())
        return;
    auto meanOf = [&](auto get, int back) {
        double sum = 0;
        for (std::size_t i : lateFrames)
            sum += get(f[i - back]);
        return sum / static_cast<double>(lateFrames.size());
    };
    auto both = [&](const char *name, auto get) {
        std::printf("    %-14s %6.2f | %6.2f\n", name, meanOf(get, 0), meanOf(get, 1));
    };
    both("timer late", [](const auto &x) { return (x.tickNs - x.deadlineNs) / 1e6; });
    both("paint delay", [](const auto &x) { return (x.paintNs - x.deadlineNs) / 1e6; });
    both("frame CPU", [](const auto &x) { return double(x.cpuMs); });
    for (int p = 0; p < FrameProfile::kPhases; ++p)
        both(FrameProfile::phaseName(p), [p](const auto &x) { return double(x.ms[p]); });
    std::sort(lateFrames.begin(), lateFrames.end(), [&](std::size_t a, std::size_t b) {
        return f[a].paintNs - f[a - 1].paintNs > f[b].paintNs - f[b - 1].paintNs;
    });
    std::printf("  worst late frames: interval, timer late, then phases (");
    for (int p = 0; p < FrameProfile::kPhases; ++p)
        std::printf("%s%s", p ? ", " : "", FrameProfile::phaseName(p));
    std::printf(")\n");
    for (std::size_t k = 0; k < std::min<std::size_t>(12, lateFrames.size()); ++k) {
        const auto &x = f[lateFrames[k]];
        std::printf("    %6.2f %5.2f |", (x.paintNs - f[lateFrames[k] - 1].paintNs) / 1e6,
                    (x.tickNs - x.deadlineNs) / 1e6);
        for (int p = 0; p < FrameProfile::kPhases; ++p)
            std::printf(" %5.2f", x.ms[p]);
        const auto &y = f[lateFrames[k] - 1];
        std::printf("   before: late %5.2f |", (y.tickNs - y.deadlineNs) / 1e6);
        for (int p = 0; p < FrameProfile::kPhases; ++p)
            std::printf(" %5.2f", y.ms[p]);
        std::printf("\n");
    }
}

int runUiBench(int argc, char **argv)
{
    bool json = false;
    bool breakdown = false;
    double seconds = 20;
    int rate = 10000;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--json"))
            json = true;
        else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
            seconds = std::atof(argv[++i]);
        else if (!std::strcmp(argv[i], "--breakdown"))
            breakdown = true;
        else if (!std::strcmp(argv[i], "--rate") && i + 1 < argc)
            rate = std::atoi(argv[++i]);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    PaintTimingApplication app(argc, argv);
    app.timing = breakdown;
    QApplication::setFont(QFont(QStringLiteral("DejaVu Sans"), 9));

    const ef::ScenarioLoad load =
        ef::ScenarioFile::load(QString::fromLatin1(ef::ScenarioFile::kBuiltInLab));
    if (!load.ok()) {
        std::fprintf(stderr, "ui bench: cannot load the lab: %s\n",
                     qPrintable(load.errors.join(QStringLiteral("; "))));
        return 1;
    }
    // The engine as the window makes it (bounded histories included).
    ef::Engine engine(ef::ui::EngineSession::windowEngineOptions());
    if (auto r = engine.applyScenario(*load.scenario); !r) {
        std::fprintf(stderr, "ui bench: %s\n", qPrintable(r.error().message));
        return 1;
    }
    QString error;
    if (!addExtraRules(engine, &error)) {
        std::fprintf(stderr, "ui bench: %s\n", qPrintable(error));
        return 1;
    }

    ef::ui::MainWindow window(&engine);
    window.resize(1600, 1000);
    window.show();
    QApplication::processEvents();
    // The load generator as a user sets it: rate, then "running".
    auto *rateBox = window.findChild<QSpinBox *>(QStringLiteral("loadRate"));
    auto *running = window.findChild<QCheckBox *>(QStringLiteral("loadRunning"));
    if (!rateBox || !running) {
        std::fprintf(stderr, "ui bench: the load generator's controls are missing\n");
        return 1;
    }
    rateBox->setMaximum(std::max(rateBox->maximum(), rate));
    rateBox->setValue(rate);
    running->setChecked(true);

    ef::ui::FlowCanvas *canvas = window.canvas();
    ef::ui::FrameStats &frames = canvas->frameStats();
    frames.reset();
    ef::ui::FrameProfile &profile = window.session()->profile();
    profile.reset();
    std::vector<double> rssAt;  // each second
    std::vector<int> tokens;
    QTimer sampler;
    sampler.setInterval(1000);
    QObject::connect(&sampler, &QTimer::timeout, [&]() { rssAt.push_back(currentRssMb()); });
    QTimer tokenSampler;
    tokenSampler.setInterval(100);
    QObject::connect(&tokenSampler, &QTimer::timeout,
                     [&]() { tokens.push_back(canvas->tokens().size()); });
    QTimer::singleShot(static_cast<int>(seconds * 1000), &app, &QApplication::quit);
    const double cpu0 = processCpuSeconds();
    QElapsedTimer wall;
    wall.start();
    window.startLive();
    sampler.start();
    tokenSampler.start();
    app.exec();
    const double elapsed = wall.nsecsElapsed() / 1e9;
    const double cpu = processCpuSeconds() - cpu0;
    window.session()->stopFrames();

    const std::vector<double> &iv = frames.intervalsMs();
    const double p50 = ef::ui::FrameStats::percentile(iv, 50);
    const double p95 = ef::ui::FrameStats::percentile(iv, 95);
    const double p99 = ef::ui::FrameStats::percentile(iv, 99);
    const double paint50 = ef::ui::FrameStats::percentile(frames.paintMs(), 50);
    const double paint95 = ef::ui::FrameStats::percentile(frames.paintMs(), 95);
    const int maxTokens = tokens.empty() ? 0 : *std::max_element(tokens.begin(), tokens.end());
    double meanTokens = 0;
    for (int t : tokens)
        meanTokens += t;
    meanTokens = tokens.empty() ? 0 : meanTokens / tokens.size();
    const ef::EngineCounters c = engine.counters();
    const double peak = peakRssMb();
    std::printf("ui bench: %.1f s wall, load %d events/s, lab + 30 rules, window 1600x1000 "
                "offscreen\n", elapsed, rate);
    std::printf("  events accepted %llu (%.0f/s), deliveries %llu, delivered %llu, pending %llu\n",
                static_cast<unsigned long long>(c.entriesAccepted), c.entriesAccepted / elapsed,
                static_cast<unsigned long long>(c.deliveriesCreated),
                static_cast<unsigned long long>(c.delivered),
                static_cast<unsigned long long>(c.pending));
    std::printf("  frames %llu (%.1f fps); interval p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, "
                "max %.2f ms\n",
                static_cast<unsigned long long>(frames.frames()), frames.frames() / elapsed, p50,
                p95, p99, iv.empty() ? 0.0 : *std::max_element(iv.begin(), iv.end()));
    std::printf("  paint wall p50 %.2f ms, p95 %.2f ms; paint CPU p50 %.2f ms, p95 %.2f ms; "
                "tokens on screen mean %.0f, max %d\n",
                paint50, paint95, ef::ui::FrameStats::percentile(frames.paintCpuMs(), 50),
                ef::ui::FrameStats::percentile(frames.paintCpuMs(), 95), meanTokens, maxTokens);
    std::printf("  CPU %.0f%% of one core, %.2f ms of CPU per frame drawn (all work: engine, "
                "load, canvas, plots, logs, paint)\n",
                100 * cpu / elapsed, frames.frames() ? 1000 * cpu / frames.frames() : 0.0);
    std::printf("  machine load average at the end: %s\n", qPrintable(loadAverage()));
    std::printf("  RSS by second (MB):");
    for (double r : rssAt)
        std::printf(" %.0f", r);
    std::printf("\n  peak RSS %.1f MB\n", peak);
    if (breakdown) {
        printBreakdown(profile);
        std::printf("  paints by widget class (nested paints counted in both): count, total ms, "
                    "max ms\n");
        for (const auto &[name, c] : app.costs)
            std::printf("    %-60s %6d %9.1f %7.2f\n", name.c_str(), c.paints, c.ms, c.maxMs);
    }
    if (json) {
        std::printf("{\"mode\":\"ui\",\"frames\":%llu,\"frame_ms_p50\":%.3f,\"frame_ms_p95\":%.3f,"
                    "\"frame_ms_p99\":%.3f,\"peak_rss_mb\":%.1f}\n",
                    static_cast<unsigned long long>(frames.frames()), p50, p95, p99, peak);
    }
    return 0;
}

BenchModeRegistration reg{BenchMode{QStringLiteral("--ui"),
                                    QStringLiteral("the window under 10,000 events/s "
                                                   "(offscreen; frame intervals, RSS)"),
                                    runUiBench}};

} // namespace
