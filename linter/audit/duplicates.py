"""Near-duplicate articles: MinHash signatures over word shingles, grouped with LSH banding.

Spun copies (a text re-posted with a few words swapped) share most of their runs of three
words, so the Jaccard similarity of their 3-word shingle sets stays high while two different
articles on the same topic share few. A worker computes each article's signature
(:func:`signature`, 128 minimum hashes, about a millisecond) while it holds the text; the
signature travels back with the findings and is cached with them. The main process keeps
only the signatures and groups them at the end (:func:`find_groups`): articles whose
signatures agree on all rows of at least one band are candidates, and a candidate pair
counts when its estimated similarity (the share of equal minimum hashes) reaches the
threshold. Groups are the connected sets of such pairs, largest first.

No dependency beyond NumPy (which spaCy already needs): each of the 128 hash functions
is multiply-shift hashing (the top 32 bits of ``a * x + b`` modulo 2**64) over 32-bit shingle
hashes built from CRC-32 word hashes, with fixed seeds so that signatures are the same in
every process and every run.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

NUM_PERM = 128
# 64 bands of 2 rows: a pair at similarity 0.3 is a candidate with probability 0.998, at 0.2
# with 0.93; candidates are then verified, so a low threshold costs time, never precision.
BANDS, ROWS = 64, 2
SHINGLE = 3  # words per shingle
SEED = 20241203
_WORD = re.compile(r"\w+")
DEFAULT_THRESHOLD = 0.3
MIN_WORDS = 20  # a snippet ("Read more", a title) is too short to call anything a copy of it


@lru_cache(maxsize=1)
def _hash_family():
    """NumPy (imported on first use: the command line starts without it) and the fixed hash parameters."""
    import numpy as np

    rng = np.random.default_rng(SEED)
    a = rng.integers(0, 2**64 - 1, size=NUM_PERM, dtype=np.uint64, endpoint=True) | np.uint64(1)  # odd
    b = rng.integers(0, 2**64 - 1, size=NUM_PERM, dtype=np.uint64, endpoint=True)
    mix = (np.uint64(0x9E3779B1), np.uint64(0x85EBCA77), np.uint64(0xC2B2AE3D))  # odd 32-bit constants
    return np, a, b, mix


def signature(text: str) -> list[int] | None:
    """The MinHash signature of a text's 3-word shingles (lower-cased words); None for a snippet."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return None
    np, a, b, mix = _hash_family()
    word_hash = np.fromiter((zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words))
    n = len(words) - SHINGLE + 1
    mixed = sum(word_hash[k:k + n] * mix[k] for k in range(SHINGLE))  # a shingle's hash, order-sensitive
    hashes = np.unique((mixed ^ (mixed >> np.uint64(29))) & np.uint64(0xFFFFFFFF))
    # multiply-shift hashing, one (a, b) per permutation: the top 32 bits of a * x + b (mod 2**64)
    values = np.multiply.outer(a, hashes)
    values += b[:, None]
    values >>= np.uint64(32)
    return values.min(axis=1).tolist()


def similarity(first, second) -> float:
    """Estimated Jaccard similarity of two signatures: the share of equal minimum hashes."""
    return sum(x == y for x, y in zip(first, second)) / NUM_PERM


@dataclass
class Group:
    """A set of near-duplicate articles; ``members`` are (key, similarity to the first member)."""

    number: int
    members: list[tuple[str, float]] = field(default_factory=list)

    @property
    def low(self) -> float:
        return min(s for _, s in self.members[1:])


class _Sets:
    """Union-find over indices."""

    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)  # the earlier article stays the root


def find_groups(items: list[tuple[str, list[int]]], threshold: float = DEFAULT_THRESHOLD) -> list[Group]:
    """Groups of near-duplicates among ``(key, signature)`` items, largest first.

    Within a group the first member is the earliest item (callers pass them in the order
    they want the "original" to win, e.g. oldest first) and every other member carries its
    estimated similarity to it.
    """
    if len(items) < 2:
        return []
    np = _hash_family()[0]
    matrix = np.asarray([sig for _, sig in items], dtype=np.uint64)
    sets = _Sets(len(items))
    for band in range(BANDS):
        buckets: dict[bytes, list[int]] = {}
        for i, row in enumerate(matrix[:, band * ROWS:(band + 1) * ROWS]):
            buckets.setdefault(row.tobytes(), []).append(i)
        for members in buckets.values():
            if len(members) < 2:
                continue
            # Compare each with the bucket's first member (linear, even for 300 exact copies); the
            # rest are compared pairwise only when few (they failed against the first one).
            head, left = members[0], []
            for j in members[1:]:
                if sets.find(j) == sets.find(head):
                    continue
                if np.count_nonzero(matrix[head] == matrix[j]) / NUM_PERM >= threshold:
                    sets.union(head, j)
                else:
                    left.append(j)
            if 1 < len(left) <= 50:
                for x, i in enumerate(left):
                    for j in left[x + 1:]:
                        if sets.find(i) != sets.find(j) and \
                                np.count_nonzero(matrix[i] == matrix[j]) / NUM_PERM >= threshold:
                            sets.union(i, j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(items)):
        clusters.setdefault(sets.find(i), []).append(i)
    found = sorted((m for m in clusters.values() if len(m) > 1), key=lambda m: (-len(m), m[0]))
    groups = []
    for number, members in enumerate(found, 1):
        first = members[0]
        groups.append(Group(number, [(items[first][0], 1.0)] + [
            (items[i][0], round(float(np.count_nonzero(matrix[first] == matrix[i])) / NUM_PERM, 2))
            for i in members[1:]]))
    return groups
