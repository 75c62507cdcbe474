"""The search machinery every searchable list shares: German words and their forms.

``words`` turns a visitor's text into terms (stems, umlaut and ß folding, typing errors,
compounds); ``bits`` holds sets of ids as the bits of a Python int; ``clauses`` combines the
bits of each term into tiers (all words in the title, in the head, anywhere). The offers
(``offers.search``) look the terms up in the database's full-text index; the directory
(``directory.search``) in a ``MemoryIndex`` (``memory``) of a district's few hundred
organisations. Nothing here knows a domain app.
"""
