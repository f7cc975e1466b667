#include "core/bus/EnvelopeReader.h"

#include <simdjson.h>

namespace ef::bus {

struct EnvelopeReader::Impl
{
    simdjson::ondemand::parser parser;
    std::string padded;
};

EnvelopeReader::EnvelopeReader() : d(new Impl) {}
EnvelopeReader::~EnvelopeReader() { delete d; }

bool EnvelopeReader::read(std::string_view text, PutEventsRequestEntry &out, std::string *error)
{
    auto fail = [&](const char *why) {
        if (error)
            *error = why;
        return false;
    };
    d->padded.assign(text);
    d->padded.resize(text.size() + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::document doc;
    if (d->parser.iterate(d->padded.data(), text.size(), d->padded.size()).get(doc))
        return fail("not JSON");
    simdjson::ondemand::object object;
    if (doc.get_object().get(object))
        return fail("not a JSON object");
    bool source = false, detailType = false, detail = false, time = false;
    out.resources.clear();
    for (auto field : object) {
        std::string_view key;
        if (field.unescaped_key().get(key))
            return fail("not JSON");
        simdjson::ondemand::value value = field.value();
        if (key == "source" || key == "detail-type") {
            std::string_view s;
            if (value.get_string().get(s))
                return fail("\"source\" and \"detail-type\" must be strings");
            (key == "source" ? out.source : out.detailType).assign(s);
            (key == "source" ? source : detailType) = true;
        } else if (key == "detail") {
            simdjson::ondemand::json_type type;
            if (value.type().get(type) || type != simdjson::ondemand::json_type::object)
                return fail("\"detail\" must be an object");
            std::string_view raw;
            if (simdjson::to_json_string(value).get(raw))
                return fail("not JSON");
            out.detail.assign(raw);
            detail = true;
        } else if (key == "time") {
            std::string_view s;
            if (!value.get_string().get(s)) {
                if (!out.time)
                    out.time.emplace();
                out.time->assign(s);  // reuses the buffer of the previous entry
                time = true;
            }
        } else if (key == "resources") {
            simdjson::ondemand::array array;
            if (!value.get_array().get(array)) {
                for (auto item : array) {
                    std::string_view s;
                    if (item.get_string().get(s))
                        return fail("\"resources\" must hold strings");
                    out.resources.emplace_back(s);
                }
            }
        }
    }
    if (!time)
        out.time.reset();
    if (!source || !detailType || !detail)
        return fail("an envelope needs \"source\", \"detail-type\" and \"detail\"");
    return true;
}

} // namespace ef::bus
