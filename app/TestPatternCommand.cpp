// `eventflow test-pattern`: the TestEventPattern check from the command line,
// one pattern and event, or a JSON Lines file of vectors.

#include "Command.h"

#include "core/pattern/EventPattern.h"
#include "core/pattern/JsonDocument.h"
#include "core/pattern/JsonReader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>

#include <cstdio>
#include <string>

namespace {

bool readFile(const QString &path, std::string &out, std::string &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = "cannot read " + path.toStdString() + ": " + file.errorString().toStdString();
        return false;
    }
    const QByteArray bytes = file.readAll();
    out.assign(bytes.constData(), std::size_t(bytes.size()));
    return true;
}

// A vector's pattern or event: a JSON value, or a string holding the raw JSON text.
bool vectorPart(const ef::pattern::JsonNode &line, std::string_view lineText, const char *key,
                std::string &out, std::string &error)
{
    const ef::pattern::JsonNode *node = line.member(key);
    if (!node) {
        error = std::string("vector line has no \"") + key + "\"";
        return false;
    }
    if (node->isString())
        out = node->text;
    else
        out.assign(lineText.substr(node->begin, node->end - node->begin));
    return true;
}

std::string runVector(std::string_view lineText)
{
    using namespace ef::pattern;
    std::string error;
    JsonNode line;
    std::string pattern, event;
    if (!parseJson(lineText, line, error, true)) {
        error = "Invalid vector line: " + error;
    } else if (!line.isObject()) {
        error = "Invalid vector line: expected {\"pattern\": ..., \"event\": ...}";
    } else if (vectorPart(line, lineText, "pattern", pattern, error) &&
               vectorPart(line, lineText, "event", event, error)) {
        const int verdict = testEventPattern(pattern, event, &error);
        if (verdict >= 0)
            return verdict ? "{\"match\":true}" : "{\"match\":false}";
    }
    std::string out = "{\"error\":";
    appendJsonString(out, error);
    out.push_back('}');
    return out;
}

int runVectors(const QString &path)
{
    std::string text, error;
    if (!readFile(path, text, error)) {
        std::fprintf(stderr, "eventflow test-pattern: %s\n", error.c_str());
        return 2;
    }
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        std::string_view line(text.data() + start, end - start);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        out += runVector(line);
        out.push_back('\n');
        start = end + 1;
        if (out.size() > (1 << 16)) {
            std::fwrite(out.data(), 1, out.size(), stdout);
            out.clear();
        }
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
    return 0;
}

int runOne(const QString &patternPath, const QString &eventPath, bool withExplanation)
{
    std::string pattern, event, error;
    if (!readFile(patternPath, pattern, error) || !readFile(eventPath, event, error)) {
        std::fprintf(stderr, "eventflow test-pattern: %s\n", error.c_str());
        return 2;
    }
    const int verdict = ef::pattern::testEventPattern(pattern, event, &error);
    if (verdict < 0) {
        std::printf("%s\n", error.c_str());
        return 2;
    }
    std::printf("%s\n", verdict ? "true" : "false");
    if (withExplanation) {
        const ef::pattern::Explanation ex = ef::pattern::explain(pattern, event, &error);
        std::fputs(ex.text().c_str(), stdout);
    }
    return 0;
}

int run(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Tests an EventBridge event pattern against an event (TestEventPattern).");
    parser.addHelpOption();
    parser.addPositionalArgument("test-pattern", "The command name.");
    const QCommandLineOption patternOption("pattern", "Event pattern JSON file.", "FILE");
    const QCommandLineOption eventOption("event", "Event JSON file.", "FILE");
    const QCommandLineOption explainOption("explain", "Say which fields decided the verdict.");
    const QCommandLineOption vectorsOption(
        "vectors",
        "JSON Lines of {\"pattern\":P,\"event\":E}; prints one {\"match\":bool} or "
        "{\"error\":msg} line per input line.",
        "FILE");
    parser.addOptions({patternOption, eventOption, explainOption, vectorsOption});
    parser.process(app);

    if (parser.isSet(vectorsOption))
        return runVectors(parser.value(vectorsOption));
    if (!parser.isSet(patternOption) || !parser.isSet(eventOption)) {
        std::fprintf(stderr, "eventflow test-pattern: give --pattern FILE and --event FILE, "
                             "or --vectors FILE\n");
        return 2;
    }
    return runOne(parser.value(patternOption), parser.value(eventOption),
                  parser.isSet(explainOption));
}

const CommandRegistration registration{Command{
    QStringLiteral("test-pattern"),
    QStringLiteral("test an event pattern against an event (or a file of vectors)"), run}};

} // namespace
