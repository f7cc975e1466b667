#pragma once

#include <QString>

#include <utility>
#include <variant>

namespace ef {

// An error as the AWS service reports it: the exception name as `code`
// ("ValidationException", "ResourceNotFoundException",
// "ResourceAlreadyExistsException", "InvalidEventPatternException",
// "LimitExceededException", "ConcurrentModificationException",
// "NotAuthorizedForSourceException", "InvalidParameterValueException",
// "InvalidParameterCombination", "MissingParameter"...) and the message in the
// service's words. The HTTP layer maps it 1:1 onto the JSON error body, the
// window shows the message, so the words are the same everywhere.
struct ServiceError
{
    QString code;
    QString message;

    static ServiceError validation(const QString &message)
    {
        return {QStringLiteral("ValidationException"), message};
    }
    static ServiceError notFound(const QString &message)
    {
        return {QStringLiteral("ResourceNotFoundException"), message};
    }
    static ServiceError alreadyExists(const QString &message)
    {
        return {QStringLiteral("ResourceAlreadyExistsException"), message};
    }
};

// The value of an operation or the ServiceError it failed with.
template <typename T>
class Result
{
public:
    Result(T value) : m_v(std::move(value)) {}
    Result(ServiceError error) : m_v(std::move(error)) {}

    bool ok() const { return m_v.index() == 0; }
    explicit operator bool() const { return ok(); }
    const T &value() const { return std::get<0>(m_v); }
    T &value() { return std::get<0>(m_v); }
    const T *operator->() const { return &std::get<0>(m_v); }
    const ServiceError &error() const { return std::get<1>(m_v); }

private:
    std::variant<T, ServiceError> m_v;
};

// For operations whose success carries nothing (DeleteRule, EnableRule...).
struct Done
{
};
using Status = Result<Done>;

} // namespace ef
