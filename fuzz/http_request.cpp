// libFuzzer target: raw bytes from a client to the local endpoint's request
// handling: HttpFraming (framing and limits, as in front of Qt HttpServer)
// and then ApiService (protocol detection, AWS JSON / Query decoding, the
// engine call, response encoding) for every request the bytes frame.
//
// Input layout: byte 0 picks where the stream is cut into two reads (so
// requests split across reads are covered); the rest is the byte stream.
// Besides "no crash, no sanitizer report", it checks invariants and aborts
// when one breaks:
// - no response is a 500 (an internal error is a bug, bad input is a 4xx);
// - every JSON response body is valid JSON; every error carries __type.

#include "core/api/ApiService.h"
#include "core/api/HttpFraming.h"
#include "core/bus/Engine.h"
#include "core/bus/JsonValue.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void check(bool ok, const char *what, const QByteArray &context)
{
    if (!ok) {
        std::fprintf(stderr, "invariant broken: %s\n%s\n", what, context.left(2000).constData());
        std::abort();
    }
}

ef::api::HttpLimits fuzzLimits()
{
    ef::api::HttpLimits limits;
    limits.maxHeaderBytes = 4096;
    limits.maxBodyBytes = 64 * 1024;
    return limits;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const std::size_t cut = std::size_t(data[0]) * (size - 1) / 255;
    const char *stream = reinterpret_cast<const char *>(data + 1);
    const std::size_t length = size - 1;

    ef::api::HttpFraming framing(fuzzLimits(), true);
    if (framing.feed(stream, qsizetype(cut)) == ef::api::HttpFraming::Verdict::Ok)
        framing.feed(stream + cut, qsizetype(length - cut));

    // A fresh engine per input (virtual clock, only the default bus), small so
    // each run is cheap; nothing carries over between inputs.
    ef::EngineOptions options;
    options.traceCapacity = 256;
    options.eventCapacity = 64;
    options.logRecords = 256;
    options.metricHistorySeconds = 120;
    ef::Engine engine(options);
    ef::api::ApiService service(engine);
    for (const ef::api::ApiRequest &request : framing.takeRequests()) {
        const ef::api::ApiResponse response = service.handle(request);
        check(response.status >= 200 && response.status < 500, "a 4xx for bad input, never a 5xx",
              response.body);
        check(!response.requestId.isEmpty(), "a request id", response.body);
        if (response.contentType.contains("json")) {
            ef::json::Value parsed;
            check(ef::json::parse(std::string_view(response.body.constData(),
                                                   std::size_t(response.body.size())),
                                  parsed),
                  "the response body is JSON", response.body);
            if (response.status >= 400 && response.contentType.contains("amz-json"))
                check(parsed.find("__type") != nullptr, "errors carry __type", response.body);
        }
        engine.runUntilIdle(60LL * ef::kMicrosPerSecond);
    }
    return 0;
}
