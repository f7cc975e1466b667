#include "core/io/YamlReader.h"

#include <simdjson.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <QRegularExpression>

#include <cstdlib>
#include <string>

namespace ef::io {

namespace {

bool isJsonNumber(const std::string &s)
{
    static const QRegularExpression re(
        QStringLiteral("^-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][-+]?[0-9]+)?$"));
    return re.match(QString::fromStdString(s)).hasMatch();
}

// A YAML 1.2 core-schema number that JSON writes differently ("+5", ".5",
// "007", "0x1F"), as JSON number text; false when it is not such a number.
bool yamlNumberAsJson(const std::string &s, std::string &json)
{
    static const QRegularExpression decimal(QStringLiteral(
        "^([-+]?)([0-9]*)(?:\\.([0-9]*))?(?:[eE]([-+]?[0-9]+))?$"));
    static const QRegularExpression radix(QStringLiteral("^0(o[0-7]+|x[0-9a-fA-F]+)$"));
    const QString text = QString::fromStdString(s);
    if (const QRegularExpressionMatch m = radix.match(text); m.hasMatch()) {
        bool ok = false;
        const int base = m.captured(1).front() == QLatin1Char('o') ? 8 : 16;
        const qulonglong n = m.captured(1).mid(1).toULongLong(&ok, base);
        if (!ok)
            return false;
        json = std::to_string(n);
        return true;
    }
    const QRegularExpressionMatch m = decimal.match(text);
    if (!m.hasMatch() || (m.captured(2).isEmpty() && m.captured(3).isEmpty()))
        return false;
    QString integer = m.captured(2);
    while (integer.size() > 1 && integer.front() == QLatin1Char('0'))
        integer.remove(0, 1);
    if (integer.isEmpty())
        integer = QStringLiteral("0");
    QString out = m.captured(1) == QLatin1String("-") ? QStringLiteral("-") : QString();
    out += integer;
    if (!m.captured(3).isEmpty())
        out += QLatin1Char('.') + m.captured(3);
    if (!m.captured(4).isEmpty())
        out += QLatin1Char('e') + m.captured(4);
    json = out.toStdString();
    return true;
}

class Converter
{
public:
    bool failed = false;
    ImportProblem problem;

    void convert(const YAML::Node &node, SourceNode &out, std::size_t depth, bool honourTag = true)
    {
        if (failed)
            return;
        if (++m_values > kMaxYamlValues || depth > json::kMaxDepth) {
            fail(node, m_values > kMaxYamlValues
                           ? QStringLiteral("more than %1 values (aliases included)")
                                 .arg(kMaxYamlValues)
                           : QStringLiteral("nested deeper than %1 levels").arg(json::kMaxDepth));
            return;
        }
        out.line = node.Mark().line + 1;
        const std::string tag = honourTag ? node.Tag() : std::string("?");
        if (isIntrinsicTag(tag)) {
            intrinsic(node, tag, out, depth);
            return;
        }
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out.kind = SourceNode::Kind::Null;
            break;
        case YAML::NodeType::Scalar:
            scalar(node, tag, out);
            break;
        case YAML::NodeType::Sequence:
            out.kind = SourceNode::Kind::Array;
            for (const YAML::Node &item : node) {
                out.items.emplace_back();
                convert(item, out.items.back(), depth + 1);
            }
            break;
        case YAML::NodeType::Map:
            out.kind = SourceNode::Kind::Object;
            for (const auto &entry : node) {
                if (!entry.first.IsScalar()) {
                    fail(entry.first, QStringLiteral("a mapping key must be a plain value"));
                    return;
                }
                SourceMember member;
                member.key = entry.first.Scalar();
                member.line = entry.first.Mark().line + 1;
                // YAML forbids repeated keys; taking one silently would import
                // something the author did not see, so name both lines.
                for (const SourceMember &earlier : out.members) {
                    if (earlier.key == member.key) {
                        fail(entry.first, QStringLiteral("duplicate key %1 (first on line %2)")
                                              .arg(QString::fromStdString(member.key))
                                              .arg(earlier.line));
                        return;
                    }
                }
                convert(entry.second, member.value, depth + 1);
                out.members.push_back(std::move(member));
            }
            break;
        }
    }

private:
    std::size_t m_values = 0;

    void fail(const YAML::Node &node, const QString &message)
    {
        if (failed)
            return;
        failed = true;
        problem.line = node.Mark().is_null() ? 0 : node.Mark().line + 1;
        problem.message = message;
    }

    static bool isIntrinsicTag(const std::string &tag)
    {
        return tag.size() > 1 && tag[0] == '!' && tag[1] != '!';
    }

    void intrinsic(const YAML::Node &node, const std::string &tag, SourceNode &out,
                   std::size_t depth)
    {
        const std::string name = tag.substr(1);
        std::string key = name == "Ref" || name == "Condition" ? name : "Fn::" + name;
        SourceMember member;
        member.key = key;
        member.line = out.line;
        if (name == "GetAtt" && node.IsScalar()) {
            // !GetAtt Resource.Attribute
            const std::string &text = node.Scalar();
            const std::size_t dot = text.find('.');
            member.value.kind = SourceNode::Kind::Array;
            member.value.line = out.line;
            const std::string attribute =
                dot == std::string::npos ? std::string() : text.substr(dot + 1);
            for (const std::string &part : {text.substr(0, dot), attribute}) {
                SourceNode s;
                s.kind = SourceNode::Kind::String;
                s.text = part;
                s.line = out.line;
                member.value.items.push_back(std::move(s));
            }
        } else if (node.IsScalar()) {
            member.value.kind = SourceNode::Kind::String;
            member.value.text = node.Scalar();
            member.value.line = out.line;
        } else {
            // The tag applies to this node only: convert it as if untagged.
            convert(node, member.value, depth + 1, false);
            member.value.line = out.line;
        }
        out.kind = SourceNode::Kind::Object;
        out.members.push_back(std::move(member));
    }

    void scalar(const YAML::Node &node, const std::string &tag, SourceNode &out)
    {
        const std::string &text = node.Scalar();
        out.text = text;
        out.kind = SourceNode::Kind::String;
        if (tag != "?")  // quoted ("!") or explicitly tagged: a string
            return;
        if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
            out.kind = SourceNode::Kind::Null;
            out.text.clear();
        } else if (text == "true" || text == "True" || text == "TRUE") {
            out.kind = SourceNode::Kind::True;
        } else if (text == "false" || text == "False" || text == "FALSE") {
            out.kind = SourceNode::Kind::False;
        } else if (isJsonNumber(text)) {
            out.kind = SourceNode::Kind::Number;
        } else if (std::string json; yamlNumberAsJson(text, json)) {
            out.kind = SourceNode::Kind::Number;
            out.text = json;
        }
    }
};

} // namespace

bool parseYamlDocument(std::string_view text, SourceNode &out, ImportProblem &problem)
{
    // yaml-cpp passes invalid UTF-8 through, and a name or description would
    // then import with U+FFFD in place of what the author wrote.
    if (!simdjson::validate_utf8(text.data(), text.size())) {
        std::size_t lineStart = 0;
        int line = 1;
        for (std::size_t i = 0; i <= text.size(); ++i) {
            if (i < text.size() && text[i] != '\n')
                continue;
            if (!simdjson::validate_utf8(text.data() + lineStart, i - lineStart))
                break;
            lineStart = i + 1;
            ++line;
        }
        problem.line = line;
        problem.message = QStringLiteral("not YAML: the text is not valid UTF-8");
        return false;
    }
    YAML::Node root;
    try {
        root = YAML::Load(std::string(text));
    } catch (const YAML::DeepRecursion &e) {
        // yaml-cpp gives this one the text "bad file"; say what it means.
        problem.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        problem.message = QStringLiteral("not YAML: nested deeper than %1 levels").arg(e.depth());
        return false;
    } catch (const YAML::Exception &e) {
        problem.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        problem.message = QStringLiteral("not YAML: ") + QString::fromStdString(e.msg);
        return false;
    }
    Converter converter;
    try {
        converter.convert(root, out, 0);
    } catch (const YAML::Exception &e) {
        problem.line = e.mark.is_null() ? 0 : e.mark.line + 1;
        problem.message = QStringLiteral("not YAML: ") + QString::fromStdString(e.msg);
        return false;
    }
    if (converter.failed) {
        problem.line = converter.problem.line;
        problem.message = converter.problem.message;
        return false;
    }
    return true;
}

} // namespace ef::io
