#pragma once

// The sandbox's answer for one event and one pattern, computed with the
// pattern engine's own entry points (testEventPattern for the verdict,
// explain for the per-field reasons) and, for a matching rule, what each of
// its targets would receive (core/bus/InputTransformer): the same code the
// engine delivers with, so the sandbox never disagrees with it.

#include "core/bus/EventsTypes.h"
#include "core/pattern/EventPattern.h"

#include <QString>

#include <vector>

namespace ef::ui {

struct TargetPreview
{
    QString id;
    QString arn;
    bool ok = false;
    QString received;  // what the target receives, when ok
    QString error;
};

struct SandboxVerdict
{
    enum class Result { Match, NoMatch, Error };
    Result result = Result::Error;
    QString error;                       // invalid pattern or event, in the engine's words
    pattern::Explanation explanation;    // per field
    std::vector<TargetPreview> targets;  // filled for a match against a rule with targets

    bool matched() const { return result == Result::Match; }
};

// `rule` (may be null): the rule the pattern belongs to, for the targets'
// <aws.events.rule-name>/<aws.events.rule-arn> and the previews.
SandboxVerdict evaluateSandbox(const QString &patternJson, const QString &eventJson,
                               const RuleInfo *rule = nullptr,
                               const std::vector<Target> &targets = {});

// How many fields a pattern tests (leaves; $or branches counted together).
int patternFieldCount(const QString &patternJson);

} // namespace ef::ui
