#include "core/bus/JsonText.h"

#include <simdjson.h>

static_assert(ef::bus::kJsonPadding >= simdjson::SIMDJSON_PADDING);

namespace ef::bus {

void appendJsonString(std::string &out, std::string_view text)
{
    static const char hex[] = "0123456789abcdef";
    out.push_back('"');
    std::size_t plainStart = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(text.data() + plainStart, i - plainStart);
        plainStart = i + 1;
        switch (c) {
        case '"': out.append("\\\""); break;
        case '\\': out.append("\\\\"); break;
        case '\n': out.append("\\n"); break;
        case '\r': out.append("\\r"); break;
        case '\t': out.append("\\t"); break;
        case '\b': out.append("\\b"); break;
        case '\f': out.append("\\f"); break;
        default:
            out.append("\\u00");
            out.push_back(hex[c >> 4]);
            out.push_back(hex[c & 15]);
        }
    }
    out.append(text.data() + plainStart, text.size() - plainStart);
    out.push_back('"');
}

struct JsonObjectCheck::Impl
{
    simdjson::dom::parser parser;
    std::string padded;
};

JsonObjectCheck::JsonObjectCheck() : d(new Impl) {}
JsonObjectCheck::~JsonObjectCheck() { delete d; }

bool JsonObjectCheck::isObject(std::string_view text)
{
    d->padded.assign(text);
    d->padded.reserve(text.size() + simdjson::SIMDJSON_PADDING);
    simdjson::dom::element doc;
    if (d->parser.parse(d->padded.data(), text.size(), false).get(doc) != simdjson::SUCCESS)
        return false;
    return doc.is_object();
}

} // namespace ef::bus
