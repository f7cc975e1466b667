#include "core/api/HttpFraming.h"

#include <http_parser.h>

#include <QUrl>

namespace ef::api {

struct HttpFraming::State
{
    HttpLimits limits;
    bool keepRequests = false;
    http_parser parser{};
    http_parser_settings settings{};
    Verdict verdict = Verdict::Ok;
    QByteArray errorText;
    bool inRequest = false;
    bool lastKeepAlive = true;
    quint64 completed = 0;
    qint64 headerBytes = 0;
    qint64 bodyBytes = 0;
    bool oneRequestPerFeed = false;
    bool completedInThisFeed = false;
    bool expectField = false;      // the header being read is "Expect"
    bool expectContinue = false;   // this request asked for 100-continue
    bool continuePending = false;  // ... and may be told to go on

    // Only with keepRequests.
    ApiRequest current;
    QByteArray url;
    QByteArray field;
    QByteArray value;
    bool lastWasValue = false;
    std::vector<ApiRequest> done;

    static State *of(http_parser *p) { return static_cast<State *>(p->data); }

    bool countHeader(size_t length)
    {
        headerBytes += qint64(length);
        if (headerBytes > limits.maxHeaderBytes) {
            verdict = Verdict::HeaderTooLarge;
            return false;
        }
        return true;
    }

    void flushHeader()
    {
        if (!field.isEmpty() || lastWasValue)
            current.headers.append({field, value});
        field.clear();
        value.clear();
        lastWasValue = false;
    }
};

namespace {

int onMessageBegin(http_parser *p)
{
    auto *s = HttpFraming::State::of(p);
    if (s->oneRequestPerFeed && s->completedInThisFeed) {
        s->verdict = HttpFraming::Verdict::Pipelined;
        return 1;
    }
    s->inRequest = true;
    s->expectContinue = false;
    s->expectField = false;
    s->headerBytes = 0;
    s->bodyBytes = 0;
    if (s->keepRequests) {
        s->current = ApiRequest();
        s->url.clear();
        s->field.clear();
        s->value.clear();
        s->lastWasValue = false;
    }
    return 0;
}

int onUrl(http_parser *p, const char *at, size_t length)
{
    auto *s = HttpFraming::State::of(p);
    if (!s->countHeader(length))
        return 1;
    if (s->keepRequests)
        s->url.append(at, qsizetype(length));
    return 0;
}

int onHeaderField(http_parser *p, const char *at, size_t length)
{
    auto *s = HttpFraming::State::of(p);
    // Each header line costs its terminators too, so a flood of empty
    // headers is not free.
    if (!s->countHeader(length + 4))
        return 1;
    s->expectField = QByteArray::fromRawData(at, qsizetype(length))
                         .compare("expect", Qt::CaseInsensitive) == 0;
    if (s->keepRequests) {
        if (s->lastWasValue)
            s->flushHeader();
        s->field.append(at, qsizetype(length));
    }
    return 0;
}

int onHeaderValue(http_parser *p, const char *at, size_t length)
{
    auto *s = HttpFraming::State::of(p);
    if (!s->countHeader(length))
        return 1;
    if (s->expectField
        && QByteArray::fromRawData(at, qsizetype(length)).trimmed().compare(
               "100-continue", Qt::CaseInsensitive) == 0)
        s->expectContinue = true;
    if (s->keepRequests) {
        s->value.append(at, qsizetype(length));
        s->lastWasValue = true;
    }
    return 0;
}

int onHeadersComplete(http_parser *p)
{
    auto *s = HttpFraming::State::of(p);
    // Refuse an announced oversized body before a byte of it is buffered.
    if ((p->flags & F_CONTENTLENGTH) && p->content_length != ULLONG_MAX
        && p->content_length > quint64(s->limits.maxBodyBytes)) {
        s->verdict = HttpFraming::Verdict::BodyTooLarge;
        return -1;  // http_parser treats any other non-zero as "skip body"
    }
    s->continuePending = s->expectContinue;
    if (s->keepRequests) {
        if (s->lastWasValue || !s->field.isEmpty())
            s->flushHeader();
        s->current.method = http_method_str(http_method(p->method));
        http_parser_url parts;
        http_parser_url_init(&parts);
        if (http_parser_parse_url(s->url.constData(), size_t(s->url.size()),
                                  p->method == HTTP_CONNECT, &parts) == 0) {
            if (parts.field_set & (1 << UF_PATH)) {
                s->current.path = QByteArray::fromPercentEncoding(
                    s->url.mid(parts.field_data[UF_PATH].off, parts.field_data[UF_PATH].len));
            }
            if (parts.field_set & (1 << UF_QUERY)) {
                s->current.query =
                    s->url.mid(parts.field_data[UF_QUERY].off, parts.field_data[UF_QUERY].len);
            }
        }
        if (s->current.path.isEmpty())
            s->current.path = "/";
    }
    return 0;
}

int onBody(http_parser *p, const char *at, size_t length)
{
    auto *s = HttpFraming::State::of(p);
    s->bodyBytes += qint64(length);
    if (s->bodyBytes > s->limits.maxBodyBytes) {  // chunked bodies announce no size
        s->verdict = HttpFraming::Verdict::BodyTooLarge;
        return 1;
    }
    if (s->keepRequests)
        s->current.body.append(at, qsizetype(length));
    return 0;
}

int onMessageComplete(http_parser *p)
{
    auto *s = HttpFraming::State::of(p);
    s->inRequest = false;
    s->completedInThisFeed = true;
    s->continuePending = false;  // the body came anyway
    s->lastKeepAlive = http_should_keep_alive(p) != 0;
    ++s->completed;
    if (s->keepRequests)
        s->done.push_back(std::move(s->current));
    return 0;
}

} // namespace

HttpFraming::HttpFraming(const HttpLimits &limits, bool keepRequests)
    : d(std::make_unique<State>())
{
    d->limits = limits;
    d->keepRequests = keepRequests;
    http_parser_init(&d->parser, HTTP_REQUEST);
    d->parser.data = d.get();
    http_parser_settings_init(&d->settings);
    d->settings.on_message_begin = onMessageBegin;
    d->settings.on_url = onUrl;
    d->settings.on_header_field = onHeaderField;
    d->settings.on_header_value = onHeaderValue;
    d->settings.on_headers_complete = onHeadersComplete;
    d->settings.on_body = onBody;
    d->settings.on_message_complete = onMessageComplete;
}

HttpFraming::~HttpFraming() = default;

HttpFraming::Verdict HttpFraming::feed(const char *data, qsizetype size, bool oneRequestPerFeed)
{
    if (d->verdict != Verdict::Ok || size <= 0)
        return d->verdict;
    d->oneRequestPerFeed = oneRequestPerFeed;
    d->completedInThisFeed = false;
    const size_t parsed = http_parser_execute(&d->parser, &d->settings, data, size_t(size));
    const auto error = HTTP_PARSER_ERRNO(&d->parser);
    if (d->verdict == Verdict::Ok && (error != HPE_OK || parsed != size_t(size))) {
        d->verdict = Verdict::Malformed;
        d->errorText = QByteArray("Malformed HTTP request: ") + http_errno_description(error);
    }
    if (d->verdict == Verdict::Ok && d->parser.upgrade) {
        d->verdict = Verdict::Malformed;
        d->errorText = "Connection upgrades are not supported";
    }
    if (d->verdict == Verdict::HeaderTooLarge) {
        d->errorText = "Request line and headers exceed "
                       + QByteArray::number(d->limits.maxHeaderBytes) + " bytes";
    } else if (d->verdict == Verdict::Pipelined) {
        d->errorText = "HTTP pipelining is not supported: send each request after the "
                       "previous response";
    } else if (d->verdict == Verdict::BodyTooLarge) {
        d->errorText = "Request body exceeds " + QByteArray::number(d->limits.maxBodyBytes)
                       + " bytes";
    }
    return d->verdict;
}

bool HttpFraming::inRequest() const { return d->inRequest; }
quint64 HttpFraming::requestsCompleted() const { return d->completed; }
bool HttpFraming::lastKeepAlive() const { return d->lastKeepAlive; }

bool HttpFraming::takeExpectContinue()
{
    const bool pending = d->continuePending && d->verdict == Verdict::Ok;
    d->continuePending = false;
    return pending;
}
QByteArray HttpFraming::errorText() const { return d->errorText; }

std::vector<ApiRequest> HttpFraming::takeRequests()
{
    std::vector<ApiRequest> out;
    out.swap(d->done);
    return out;
}

} // namespace ef::api
