#include "BenchMode.h"

#include <QFile>

#include <cstdio>
#include <cstring>

std::vector<BenchMode> &benchModes()
{
    static std::vector<BenchMode> all;
    return all;
}

static double procStatusMb(const char *key)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray prefix(key);
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(prefix)) {
            const QByteArray kb = line.mid(prefix.size()).trimmed().split(' ').value(0);
            return kb.toDouble() / 1024.0;
        }
    }
    return 0;
}

double peakRssMb() { return procStatusMb("VmHWM:"); }
double currentRssMb() { return procStatusMb("VmRSS:"); }

int main(int argc, char **argv)
{
    const BenchMode *chosen = nullptr;
    for (const BenchMode &mode : benchModes()) {
        for (int i = 1; i < argc && !mode.flag.isEmpty(); ++i) {
            if (mode.flag == QLatin1String(argv[i]))
                chosen = &mode;
        }
    }
    if (!chosen) {
        for (const BenchMode &mode : benchModes()) {
            if (mode.flag.isEmpty())
                chosen = &mode;
        }
    }
    if (!chosen || (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")))) {
        std::fprintf(chosen ? stdout : stderr, "Usage: eventflow-bench [MODE] [options]\nModes:\n");
        for (const BenchMode &mode : benchModes()) {
            std::fprintf(chosen ? stdout : stderr, "  %-10s %s\n",
                         mode.flag.isEmpty() ? "(default)" : qPrintable(mode.flag),
                         qPrintable(mode.summary));
        }
        return chosen ? 0 : 2;
    }
    return chosen->run(argc, argv);
}
