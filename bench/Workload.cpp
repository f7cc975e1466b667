#include "Workload.h"

#include "core/pattern/JsonDocument.h"

#include <QFile>

namespace {

bool readLines(const QString &path, std::vector<std::string> &lines, QString &error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray all = file.readAll();
    qsizetype start = 0;
    while (start < all.size()) {
        qsizetype end = all.indexOf('\n', start);
        if (end < 0)
            end = all.size();
        qsizetype stop = end;
        if (stop > start && all[stop - 1] == '\r')
            --stop;
        if (stop > start)
            lines.emplace_back(all.constData() + start, std::size_t(stop - start));
        start = end + 1;
    }
    return true;
}

} // namespace

bool loadWorkloadRules(const QString &path, std::vector<WorkloadRule> &out, QString &error)
{
    std::vector<std::string> lines;
    if (!readLines(path, lines, error))
        return false;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        ef::pattern::JsonNode line;
        std::string parseError;
        const ef::pattern::JsonNode *name = nullptr, *pattern = nullptr;
        if (ef::pattern::parseJson(lines[i], line, parseError, true) && line.isObject()) {
            name = line.member("name");
            pattern = line.member("pattern");
        }
        if (!name || !name->isString() || !pattern) {
            error = QStringLiteral("%1 line %2: expected {\"name\": string, \"pattern\": ...}%3")
                        .arg(path)
                        .arg(i + 1)
                        .arg(parseError.empty() ? QString()
                                                : QStringLiteral(" (%1)").arg(
                                                      QString::fromStdString(parseError)));
            return false;
        }
        out.push_back(WorkloadRule{
            name->text, pattern->isString()
                            ? pattern->text
                            : lines[i].substr(pattern->begin, pattern->end - pattern->begin)});
    }
    return true;
}

bool loadWorkloadEvents(const QString &path, std::vector<std::string> &out, QString &error)
{
    return readLines(path, out, error);
}
