#pragma once

// The local endpoint as the window runs it. Events its clients put (the aws
// CLI, an SDK, curl) start their tokens at an "HTTP endpoint clients"
// producer node, as the load generator's start at its own; requests to the
// scenario's producer route (POST /events, /<stage>/events) start at that
// producer's node, as a click on the producer panel does.

#include "core/api/ApiServer.h"

namespace ef::ui {

class EngineSession;

class WindowEndpoint : public api::ApiServer
{
    Q_OBJECT
public:
    static QString clientsNodeName();

    explicit WindowEndpoint(EngineSession *session, QObject *parent = nullptr);
    // Puts the clients' node on the canvas before any client has sent.
    void showClientsNode();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    EngineSession *m_session;
};

} // namespace ef::ui
