#pragma once

// JSON text as people write it by hand (the lab's order-pattern.json): objects
// one member per line, short arrays on one line. Built on core/bus/JsonValue,
// so numbers keep their literal text and members their order through export.

#include "core/bus/JsonValue.h"

#include <QString>

#include <string>
#include <string_view>

namespace ef::io {

struct PrettyJsonOptions
{
    int indent = 2;
    int maxColumns = 100;     // an array goes on one line when it fits
    // Strings (and keys) are written between quotes exactly as they stand:
    // the caller has escaped them already (the AWS CLI script puts shell
    // variables inside JSON strings this way).
    bool stringsPreEscaped = false;
};

std::string prettyJson(const json::Value &value, const PrettyJsonOptions &options = {});

// Builders for the documents the exporters write.
json::Value jsonObject();
json::Value jsonString(const QString &text);
json::Value jsonInt(long long n);
void jsonAdd(json::Value &object, std::string_view key, json::Value value);

} // namespace ef::io
