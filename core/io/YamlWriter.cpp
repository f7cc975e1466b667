#include "core/io/YamlWriter.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <sstream>

namespace ef::io {

namespace {

bool isPlainSafe(const std::string &s)
{
    if (s.empty() || !(std::isalpha(static_cast<unsigned char>(s.front())) || s.front() == '_'))
        return false;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (!(std::isalnum(u) || c == '_' || c == '.' || c == ':' || c == '/' || c == '@'
              || c == '-'))
            return false;
    }
    if (s.back() == ':')
        return false;
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    static const char *const words[] = {"true", "false", "yes", "no", "on", "off",
                                        "null", "y", "n"};
    return std::none_of(std::begin(words), std::end(words),
                        [&](const char *w) { return lower == w; });
}

void emitString(YAML::Emitter &out, const std::string &s)
{
    if (isPlainSafe(s))
        out << s;
    else
        out << YAML::DoubleQuoted << s;
}

// The short form of a long-form intrinsic function, when `v` is one.
bool emitIntrinsic(YAML::Emitter &out, const json::Value &v)
{
    if (!v.isObject() || v.members.size() != 1)
        return false;
    const auto &[key, arg] = v.members.front();
    if (key == "Ref" && arg.isString()) {
        out << YAML::LocalTag("Ref") << arg.text;
        return true;
    }
    if (key == "Fn::GetAtt" && arg.isArray() && arg.items.size() == 2 && arg.items[0].isString()
        && arg.items[1].isString()) {
        out << YAML::LocalTag("GetAtt") << (arg.items[0].text + "." + arg.items[1].text);
        return true;
    }
    if (key == "Fn::Sub" && arg.isString()) {
        out << YAML::LocalTag("Sub") << YAML::DoubleQuoted << arg.text;
        return true;
    }
    return false;
}

void emit(YAML::Emitter &out, const json::Value &v, bool pattern)
{
    switch (v.kind) {
    case json::Value::Kind::Null: out << YAML::Null; break;
    case json::Value::Kind::True: out << YAML::TrueFalseBool << true; break;
    case json::Value::Kind::False: out << YAML::TrueFalseBool << false; break;
    case json::Value::Kind::Number: out << v.text; break;
    case json::Value::Kind::String:
        if (pattern)
            out << YAML::DoubleQuoted << v.text;  // ["123"] and [123] differ in a pattern
        else
            emitString(out, v.text);
        break;
    case json::Value::Kind::Array:
        if (pattern)
            out << YAML::Flow;
        out << YAML::BeginSeq;
        for (const json::Value &item : v.items)
            emit(out, item, pattern);
        out << YAML::EndSeq;
        break;
    case json::Value::Kind::Object:
        if (!pattern && emitIntrinsic(out, v))
            break;
        out << YAML::BeginMap;
        for (const auto &[key, value] : v.members) {
            out << YAML::Key;
            emitString(out, key);
            out << YAML::Value;
            emit(out, value, pattern || key == "EventPattern");
        }
        out << YAML::EndMap;
        break;
    }
}

} // namespace

std::string cloudFormationYaml(const json::Value &templateDocument)
{
    YAML::Emitter out;
    out.SetIndent(2);
    emit(out, templateDocument, false);
    // A blank line before each top-level section and between the entries of
    // Parameters and Resources, for people reading the template.
    std::istringstream lines(out.c_str());
    std::string text;
    std::string line;
    std::string section;
    while (std::getline(lines, line)) {
        const bool topLevel = !line.empty() && line.front() != ' ';
        const bool entry = line.size() > 2 && line.compare(0, 2, "  ") == 0 && line[2] != ' '
                           && line[2] != '-';
        if (topLevel)
            section = line.substr(0, line.find(':'));
        const bool spaced = section == "Parameters" || section == "Resources";
        const bool afterHeading = text.size() >= 2 && text.compare(text.size() - 2, 2, ":\n") == 0;
        if (!text.empty() && (topLevel || (entry && spaced && !afterHeading)))
            text += '\n';
        text += line;
        text += '\n';
    }
    return text;
}

} // namespace ef::io
