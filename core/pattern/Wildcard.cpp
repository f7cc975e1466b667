#include "core/pattern/Wildcard.h"

namespace ef::pattern {

bool parseWildcard(std::string_view text, Wildcard &out, std::string &error)
{
    out.pieces.assign(1, std::string());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '*') {
            if (i + 1 < text.size() && text[i + 1] == '*') {
                error = "Consecutive wildcard characters at pos " + std::to_string(i + 1);
                return false;
            }
            out.pieces.emplace_back();
        } else if (c == '\\') {
            if (i + 1 < text.size() && (text[i + 1] == '*' || text[i + 1] == '\\')) {
                out.pieces.back().push_back(text[++i]);
            } else {
                error = "Invalid escape character at pos " + std::to_string(i + 1);
                return false;
            }
        } else {
            out.pieces.back().push_back(c);
        }
    }
    return true;
}

bool Wildcard::matches(std::string_view s) const
{
    if (pieces.size() == 1)
        return s == pieces[0];
    const std::string &first = pieces.front();
    const std::string &last = pieces.back();
    if (s.size() < first.size() + last.size() || s.substr(0, first.size()) != first ||
        s.substr(s.size() - last.size()) != last)
        return false;
    // Between the anchored ends, taking each middle piece at its leftmost
    // occurrence is optimal for star-only globs: linear in practice, no backtracking.
    std::size_t pos = first.size();
    const std::size_t limit = s.size() - last.size();
    for (std::size_t k = 1; k + 1 < pieces.size(); ++k) {
        const std::string &piece = pieces[k];
        if (piece.empty())
            continue;
        const std::size_t found = s.substr(0, limit).find(piece, pos);
        if (found == std::string_view::npos)
            return false;
        pos = found + piece.size();
    }
    return true;
}

} // namespace ef::pattern
