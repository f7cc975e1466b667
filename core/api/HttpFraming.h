#pragma once

// Finds where HTTP/1.x requests begin and end in a connection's byte stream
// and checks the header and body limits as the bytes arrive, before any
// request is buffered whole. Uses the http_parser library (Debian's
// libhttp-parser, the parser Qt HttpServer itself embeds), so framing agrees
// with what Qt HttpServer then parses. Optionally keeps the parsed requests
// (tests and the fuzz target use that; the server lets Qt HttpServer do it).

#include "core/api/ApiMessage.h"
#include "core/api/HttpLimits.h"

#include <QByteArray>

#include <memory>
#include <vector>

namespace ef::api {

class HttpFraming
{
public:
    enum class Verdict {
        Ok,
        Malformed,       // 400: not HTTP/1.x
        HeaderTooLarge,  // 431
        BodyTooLarge,    // 413
        Pipelined,       // 400: a request sent before the previous one was answered
    };

    explicit HttpFraming(const HttpLimits &limits, bool keepRequests = false);
    ~HttpFraming();
    HttpFraming(const HttpFraming &) = delete;
    HttpFraming &operator=(const HttpFraming &) = delete;

    // Feeds the next bytes of the stream. Once a verdict other than Ok was
    // returned the stream is dead and every later call returns it again.
    // With `oneRequestPerFeed`, bytes of a further request after a complete
    // one in the same call are Pipelined: Qt HttpServer 6.4 merges such
    // requests into one, so the endpoint refuses them rather than answer wrong.
    Verdict feed(const char *data, qsizetype size, bool oneRequestPerFeed = false);

    bool inRequest() const;            // a request has begun and not ended
    quint64 requestsCompleted() const;
    bool lastKeepAlive() const;        // the last completed request allows keep-alive
    // True once per request that asked "Expect: 100-continue" and passed the
    // header and size checks: the client waits for "100 Continue" first.
    bool takeExpectContinue();
    QByteArray errorText() const;      // why the stream is dead, for the 400 body

    // With keepRequests: the completed requests not yet taken.
    std::vector<ApiRequest> takeRequests();

    struct State;

private:
    std::unique_ptr<State> d;
};

} // namespace ef::api
