#pragma once

#include "core/io/Scenario.h"

#include <QString>

#include <optional>

// The optional SCENARIO argument that run, export and serve share: a path, or
// the built-in storefront lab when empty. On failure every problem is printed
// to stderr as "<path>: <problem>" and nothing is returned.
std::optional<ef::Scenario> loadScenarioArgument(const QString &path);
