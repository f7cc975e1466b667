#pragma once

// The routing workload of ../shared/bench/gen_workload.py: rules.jsonl
// ({"name":..., "pattern":{...}} per line) and events.jsonl (one raw event
// per line). Shared by the bench modes that replay it.

#include <QString>

#include <string>
#include <vector>

struct WorkloadRule
{
    std::string name;
    std::string pattern;  // the pattern's JSON text, exactly as written
};

struct Workload
{
    std::vector<WorkloadRule> rules;
    std::vector<std::string> events;  // raw JSON lines, parsed inside timed loops
};

// Returns false with `error` set when a file cannot be read or a rule line is malformed.
bool loadWorkloadRules(const QString &path, std::vector<WorkloadRule> &out, QString &error);
bool loadWorkloadEvents(const QString &path, std::vector<std::string> &out, QString &error);
