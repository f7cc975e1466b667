#include "Command.h"

#include <QCoreApplication>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstring>

std::vector<Command> &CommandRegistry::commands()
{
    static std::vector<Command> all;
    return all;
}

const Command *CommandRegistry::find(const QString &name)
{
    const auto &all = commands();
    auto it = std::find_if(all.begin(), all.end(),
                           [&](const Command &c) { return c.name == name; });
    return it == all.end() ? nullptr : &*it;
}

static int printUsage(FILE *to)
{
    QTextStream out(to);
    out << "Usage: eventflow [SCENARIO] [options]      open the window\n"
           "       eventflow <command> [options]       run a command\n\n"
           "Commands:\n";
    auto all = CommandRegistry::commands();
    std::sort(all.begin(), all.end(),
              [](const Command &a, const Command &b) { return a.name < b.name; });
    for (const Command &c : all) {
        if (!c.name.isEmpty())
            out << "  " << c.name.leftJustified(16) << c.summary << "\n";
    }
    out << "\nRun `eventflow <command> --help` for a command's options.\n";
    return to == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && argv[1][0] != '-') {
        if (const Command *command = CommandRegistry::find(QString::fromLocal8Bit(argv[1])))
            return command->run(argc, argv);
    }
    if (argc >= 2 && (!std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")))
        return printUsage(stdout);
    // No sub-command: the window, when it is built in; its entry has an empty name.
    if (const Command *window = CommandRegistry::find(QString()))
        return window->run(argc, argv);
    return printUsage(stderr);
}
