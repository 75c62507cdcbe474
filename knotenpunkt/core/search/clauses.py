"""Combine the bits of each search term into tiers, as a full-text query would."""

TITLE, HEAD, REST = 2, 1, 0


def match_clauses(clauses, having, counted=None):
    """Return ``{tier: bits}`` of the rows that match ``clauses`` (``words.parse``).

    ``having(index, tiers)``: the bits of the rows in which term ``index`` (numbered across
    all clauses) occurs in one of ``tiers`` (2 title, 1 summary or head, 0 rest).
    ``counted``: the term indexes that count (None: all; PostgreSQL drops stop words). A
    clause's words must all occur (anywhere for a match, in the title or head for tier 1,
    in the title for tier 2), its negated words not there. Tiers without rows are left out.
    """
    matching, in_head, in_title = 0, 0, 0
    index = 0
    for clause in clauses:
        # -1 has every bit set, so that a clause starts excluding nothing.
        found, head, title, wanted = -1, -1, -1, False
        for term in clause:
            if counted is None or index in counted:
                anywhere, head_or_title, in_its_title = (
                    having(index, (REST, HEAD, TITLE)),
                    having(index, (HEAD, TITLE)),
                    having(index, (TITLE,)),
                )
                if term.negated:
                    found &= ~anywhere
                    head &= ~head_or_title
                    title &= ~in_its_title
                else:
                    wanted = True
                    found &= anywhere
                    head &= head_or_title
                    title &= in_its_title
            index += 1
        if wanted:
            matching |= found
            in_head |= head
            in_title |= title
    title = matching & in_title
    head = matching & in_head & ~title
    rest = matching & ~in_head & ~title
    return {tier: found for tier, found in ((TITLE, title), (HEAD, head), (REST, rest)) if found}
