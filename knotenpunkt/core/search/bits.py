"""Sets of ids as the bits of a Python int: bit n stands for the row (an offer, an
organisation) with id n.

The database ORs the ids into 64-bit words (32-bit on SQLite), so that no id passes
through Python one by one; these helpers turn such words into a set, a set into ids, and
walk an order of ids for a page of a set.
"""

import re

WORD_BITS = 64
_WORD = (1 << WORD_BITS) - 1


def _bits(ids):
    """Return the set of ``ids`` (non-negative integers) as the bits of an int."""
    ids = list(ids)
    if not ids:
        return 0
    data = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        data[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(data, "little")


def _bits_from_words(words):
    """Return the bits of ``[(index, word)]``: word ``index`` holds ids
    ``64 * index`` to ``64 * index + 63``."""
    words = list(words)
    if not words:
        return 0
    data = bytearray(8 * (max(index for index, _word in words) + 1))
    for index, word in words:
        data[8 * index : 8 * index + 8] = (int(word) & _WORD).to_bytes(8, "little")
    return int.from_bytes(data, "little")


# The positions of the set bits of each byte value.
_BYTE_BITS = [tuple(bit for bit in range(8) if value >> bit & 1) for value in range(256)]
_NON_ZERO = re.compile(rb"[^\x00]")


def _ids(bits):
    """Return the ids in ``bits``, smallest first."""
    found = []
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    # The regular expression skips the empty bytes in C: most are, for a narrow search.
    for match in _NON_ZERO.finditer(data):
        index = match.start()
        base = index << 3
        found.extend(base + bit for bit in _BYTE_BITS[data[index]])
    return found


def _blocks(order):
    """Split ``order`` (ids) into about 64 runs; return ``[(start, end, bits of its ids)]``.

    A page of a sorted search then skips, with one AND per run, the runs that hold none of
    the results (or fewer than the page skips), instead of looking at each id in turn: the
    results of a search often sit together in name order ("Deutschkurs …").
    """
    size = max(1024, len(order) // 64 + 1)
    return [
        (start, min(start + size, len(order)), _bits(order[start : start + size]))
        for start in range(0, len(order), size)
    ]


def _walk(order, blocks, bits, skip, take):
    """Return the ids of ``order`` that are in ``bits``, after the first ``skip``."""
    data = bits.to_bytes((bits.bit_length() + 7) // 8, "little")
    size, found = len(data) * 8, []
    for start, end, block in blocks:
        count = (block & bits).bit_count()
        if count <= skip:
            skip -= count
            continue
        for pk in order[start:end]:
            if pk < size and data[pk >> 3] >> (pk & 7) & 1:
                if skip:
                    skip -= 1
                    continue
                found.append(pk)
                if len(found) == take:
                    return found
    return found


def _pairs_of_words(rows):
    """Turn ``[(index, word)]`` of 32-bit words into 64-bit words for ``_bits_from_words``."""
    words = {}
    for index, word in rows:
        words[index // 2] = words.get(index // 2, 0) | word << (32 * (index % 2))
    return words.items()
