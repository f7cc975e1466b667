#pragma once

#include <QString>

#include <functional>
#include <vector>

// One mode of eventflow-bench (`--engine`, `--api`, `--ui`, `--soak`, or the
// default match mode, whose flag is empty). Each mode is its own .cpp file and
// registers itself; main.cpp picks the mode from the first matching flag.
struct BenchMode
{
    QString flag;  // "--engine" ...; empty for the default (match) mode
    QString summary;
    std::function<int(int argc, char **argv)> run;
};

std::vector<BenchMode> &benchModes();

struct BenchModeRegistration
{
    explicit BenchModeRegistration(BenchMode mode) { benchModes().push_back(std::move(mode)); }
};

// Peak resident set size of this process in MiB (VmHWM from /proc/self/status).
double peakRssMb();
// Current resident set size in MiB (VmRSS).
double currentRssMb();
