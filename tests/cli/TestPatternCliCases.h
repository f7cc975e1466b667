#pragma once

// Vector lines and the exact stdout line each must produce (kept out of the
// test's .cpp: moc trips over escaped quotes inside raw string literals).

#include <QByteArray>
#include <QList>
#include <QPair>

inline QList<QPair<QByteArray, QByteArray>> testPatternVectorCases()
{
    return {
        {R"({"id":"1","pattern":{"a":["x"]},"event":{"a":"x"}})", R"({"match":true})"},
        {R"({"pattern":{"a":["x"]},"event":{"a":"y"},"expect":"no-match"})",
         R"({"match":false})"},
        // Raw JSON text in strings: duplicate keys and number text survive.
        {R"({"pattern":"{\"a\":[\"x\"],\"a\":[\"y\"]}","event":"{\"a\":\"x\"}"})",
         R"({"match":false})"},
        {R"({"pattern":{"a":[1.0000000000000001]},"event":{"a":1}})", R"({"match":false})"},
        {R"({"pattern":{"a":[{"wildcard":"a**"}]},"event":{"a":"x"}})",
         R"({"error":"Event pattern is not valid. Reason: Field \"a\": )"
         R"(Consecutive wildcard characters at pos 2"})"},
        {R"({"pattern":{"a":["x"]},"event":[1]})",
         R"({"error":"Event is not valid. Reason: Event must be a JSON object"})"},
        {R"(this is not json)",
         R"({"error":"Invalid vector line: Malformed JSON at line 1, column 1: )"
         R"(unrecognized token"})"},
        {R"({"pattern":{"a":["x"]}})", R"({"error":"vector line has no \"event\""})"},
        {"", R"({"error":"Invalid vector line: Malformed JSON at line 1, column 1: )"
             R"(unexpected end of input"})"},
        {R"({"event":{"a":"x"},"pattern":{"a":[{"prefix":"x"}]}})", R"({"match":true})"},
    };
}
