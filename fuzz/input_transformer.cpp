// libFuzzer target: what a target receives (core/bus/InputTransformer) and the
// JSON and JSONPath code under it, fed arbitrary templates, paths and events;
// mode 3 also feeds the text to the consumers' log templates and conditions,
// which use the same paths.
//
// Input layout: byte 0 chooses the mode; the rest is split at 0x01 bytes into
// fields: [template or path or Input] [InputPathsMap value 1] [value 2] [event].
// Besides "no crash, no sanitizer report", it checks invariants and aborts
// when one breaks:
// - writing a parsed JSON value and parsing that again gives the same text;
// - a JSON template (or InputPath) that passed validation yields valid JSON
//   for a valid event;
// - validation and compile-then-apply agree.

#include "core/bus/InputTransformer.h"
#include "core/bus/JsonPath.h"
#include "core/bus/JsonValue.h"
#include "core/consumers/LogCondition.h"
#include "core/consumers/LogTemplate.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

void check(bool ok, const char *what)
{
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n", what);
        std::abort();
    }
}

const char *const kEvent =
    R"({"version":"0","id":"1","detail-type":"T","source":"s","account":"1",)"
    R"("time":"2026-01-01T00:00:00Z","region":"r","resources":["a"],)"
    R"("detail":{"a":"x\"y\\z","n":12345678901234567890,"o":{"k":[1,{"q":"\u0001"}]},)"
    R"("list":[{"id":1},{"id":"two"}],"nul":null,"t":true}})";

void roundTrip(std::string_view text)
{
    ef::json::Value v;
    if (!ef::json::parse(text, v))
        return;
    const std::string once = ef::json::toText(v);
    ef::json::Value again;
    check(ef::json::parse(once, again), "written JSON parses");
    check(ef::json::toText(again) == once, "JSON round trip is stable");
    std::string unquoted;
    ef::json::writeUnquoted(v, unquoted);
}

bool isValidJson(const std::string &text)
{
    ef::json::Value v;
    return ef::json::parse(text, v);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const unsigned mode = data[0] % 4;
    std::vector<std::string> fields(1);
    for (std::size_t i = 1; i < size; ++i) {
        if (data[i] == 0x01 && fields.size() < 4)
            fields.emplace_back();
        else
            fields.back() += static_cast<char>(data[i]);
    }
    fields.resize(4);
    const std::string &main = fields[0];
    const std::string event = fields[3].empty() ? std::string(kEvent) : fields[3];

    roundTrip(main);
    roundTrip(fields[3]);
    std::string reason;
    if (auto path = ef::json::JsonPath::parse(main, &reason, mode == 3)) {
        ef::json::Value v;
        if (ef::json::parse(kEvent, v)) {
            if (auto value = path->evaluate(v))
                check(isValidJson(ef::json::toText(*value)), "selected value writes as JSON");
        }
    }

    if (mode == 3) {
        ef::json::Value root;
        if (ef::json::parse(kEvent, root)) {
            const QString line = QString::fromUtf8(main.data(), static_cast<qsizetype>(main.size()));
            const ef::json::Value *element = root.find("detail");
            if (auto t = ef::consumers::LogTemplate::parse(line, true, nullptr)) {
                t->render(root, element);
                t->render(root, nullptr);
            }
            if (auto c = ef::consumers::LogCondition::parse(line, true, nullptr)) {
                c->holds(root, element);
                c->holds(root, nullptr);
            }
        }
    }

    ef::TargetInput input;
    const QString text = QString::fromUtf8(main.data(), static_cast<qsizetype>(main.size()));
    switch (mode) {
    case 0:
    case 3: {
        ef::InputTransformer t;
        t.inputTemplate = text;
        for (int i = 1; i <= 2; ++i) {
            if (!fields[static_cast<std::size_t>(i)].empty()) {
                t.inputPathsMap.append({QStringLiteral("v%1").arg(i),
                                        QString::fromUtf8(fields[static_cast<std::size_t>(i)].c_str())});
            }
        }
        input.inputTransformer = t;
        break;
    }
    case 1:
        input.inputPath = text;
        break;
    case 2:
        input.input = text;
        break;
    }

    const ef::RuleContext rule{QStringLiteral("r"), QStringLiteral("arn:aws:events:r:1:rule/r"),
                               QStringLiteral("2026-01-01T00:00:01Z")};
    QString error;
    const auto transform = ef::TargetInputTransform::compile(input, QStringLiteral("t"), &error);
    check(transform.has_value() == ef::validateTargetInput(input, QStringLiteral("t")).isEmpty(),
          "validation and compile agree");
    if (!transform)
        return 0;
    std::string out;
    std::string eventError;
    transform->apply(event, rule, out, &eventError);

    out.clear();
    check(transform->apply(kEvent, rule, out, &eventError), "a valid event transforms");
    const std::size_t first = text.toStdString().find_first_not_of(" \t\r\n");
    const bool jsonTemplate = input.inputTransformer && first != std::string::npos
                              && text.toStdString()[first] == '{';
    if (jsonTemplate || input.inputPath || input.input)
        check(isValidJson(out), "a JSON template, InputPath or Input gives JSON");
    return 0;
}
