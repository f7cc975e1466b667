#pragma once

#include <QString>

#include <functional>
#include <vector>

// A sub-command of the `eventflow` executable (`eventflow test-pattern ...`).
// Each command lives in its own .cpp file and registers itself with a static
// CommandRegistration, so main.cpp never changes when a command is added.
// run() receives the full argv (argv[0] the program, argv[1] the command name)
// and creates the Q*Application it needs itself.
struct Command
{
    QString name;     // empty name: the default (no sub-command) entry, i.e. the window
    QString summary;  // one line for `eventflow --help`
    std::function<int(int argc, char **argv)> run;
};

class CommandRegistry
{
public:
    static std::vector<Command> &commands();
    static const Command *find(const QString &name);
};

struct CommandRegistration
{
    explicit CommandRegistration(Command command)
    {
        CommandRegistry::commands().push_back(std::move(command));
    }
};
