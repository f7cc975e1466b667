#include "ui/WindowEndpoint.h"

#include "ui/EngineSession.h"

#include <QHttpServerRequest>

namespace ef::ui {

QString WindowEndpoint::clientsNodeName() { return QStringLiteral("HTTP endpoint clients"); }

WindowEndpoint::WindowEndpoint(EngineSession *session, QObject *parent)
    : api::ApiServer(session->engine(), parent), m_session(session)
{
}

void WindowEndpoint::showClientsNode()
{
    m_session->origin(clientsNodeName());
    m_session->notifyScenarioChanged();
}

bool WindowEndpoint::handleRequest(const QHttpServerRequest &request, QTcpSocket *socket)
{
    // The endpoint answers on this thread, inside this call: the events it
    // puts are accepted before it returns, so the sender is known to the
    // session for exactly that long.
    QString sender = clientsNodeName();
    const QString path = request.url().path();
    if (path != QLatin1String("/") && path.endsWith(QLatin1String("/events"))) {
        const auto producers = m_session->engine().producers();
        if (!producers.empty())
            sender = producers.front().name;
    }
    m_session->setSender(sender);
    const bool handled = api::ApiServer::handleRequest(request, socket);
    m_session->setSender(QString());
    return handled;
}

} // namespace ef::ui
