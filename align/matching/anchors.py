"""Lexical anchors of each segment: names and numbers both versions can share.

A sentence embedding hardly moves when a clause is reworded, so two
paraphrases of one fact in two different sentences can score no better than
two sentences on the same topic. Names and numbers give independent
evidence: a segment of one version and a segment of the other that both name
"Erdogan" («أردوغان») or both say "40" share a fact, whatever their wording.

Names are compared by consonant skeleton (:mod:`align.text.names`): the
names of a Latin-script document (capitalised words that are not common
words) against every word of an Arabic-script one. Two documents of one
script share a name when the skeletons are equal; two Arabic documents
compare numbers only (every Arabic word gives a key, so equal keys say
little). Numbers are the values of :func:`align.differences.numbers.extract`
(counts, amounts, percentages, years; not dates or times), from 2 upwards
(1 is also "a", "one").

Example:
    >>> from align.text import segment_text
    >>> a = SegmentAnchors.of(segment_text("قال أردوغان إن 40 شخصا قتلوا.", "ar"))
    >>> b = SegmentAnchors.of(segment_text("On Monday, Erdogan said 40 people were killed.", "en"))
    >>> sorted(map(str, a.shared(b, 0, 0)))
    ['40.0', 'RDGN']
"""

from __future__ import annotations

import re

from ..text.document import Document
from ..text.names import arabic_skeletons, latin_names, readings

#: Smallest number that counts as an anchor.
MIN_NUMBER = 2
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'\u2019-]+")


class SegmentAnchors:
    """The names and numbers of each segment of one document, read on first use.

    Only the few segment pairs that reach the secondary-link tests ask for
    their anchors, so each segment's are extracted when first asked for and
    kept. A Latin-script document's names are its capitalised words that
    are not common words and that it capitalises somewhere other than at a
    sentence start (:func:`align.text.names.latin_names`), so a name that
    opens one sentence still counts there; an Arabic-script document gives
    every word's skeleton.
    """

    def __init__(self, doc: Document):
        self.doc = doc
        self.latin = not doc.lang.startswith("ar")
        self._by_word: dict[str, str] | None = None
        self._names: dict[int, frozenset[str]] = {}
        self._numbers: dict[int, frozenset[float]] = {}

    @classmethod
    def of(cls, doc: Document) -> "SegmentAnchors":
        """The anchors of ``doc``'s segments (extracted lazily)."""
        return cls(doc)

    def names(self, i: int) -> frozenset[str]:
        """Name skeletons of segment ``i`` (see the class docstring)."""
        if i not in self._names:
            text = self.doc.segments[i].text
            if self.latin:
                if self._by_word is None:
                    self._by_word = {word: skel for skel, word in latin_names(self.doc.text).items()}
                self._names[i] = frozenset(self._by_word[w] for w in _CAPITALISED.findall(text)
                                           if w in self._by_word)
            else:
                self._names[i] = arabic_skeletons(text)
        return self._names[i]

    def numbers(self, i: int) -> frozenset[float]:
        """Values of the numbers of segment ``i`` (at least :data:`MIN_NUMBER`)."""
        if i not in self._numbers:
            from ..differences.numbers import extract  # the differences layer imports this package

            self._numbers[i] = frozenset(
                round(min(m.values), 3) for m in extract(self.doc.segments[i].text, self.doc.lang)
                if m.kind in ("number", "percent") and m.values and min(m.values) >= MIN_NUMBER)
        return self._numbers[i]

    def shared(self, other: "SegmentAnchors", i: int, j: int) -> frozenset:
        """The anchors segment ``i`` of this document and segment ``j`` of ``other`` share.

        Names are given by skeleton (of the Latin side when the scripts
        differ), numbers by value.
        """
        out: set = set(self.numbers(i) & other.numbers(j))
        if self.latin and other.latin:
            out |= self.names(i) & other.names(j)
        elif self.latin != other.latin:
            latin, keys = ((self.names(i), other.names(j)) if self.latin
                           else (other.names(j), self.names(i)))
            out |= {name for name in latin if any(r in keys for r in readings(name))}
        return frozenset(out)


__all__ = ["MIN_NUMBER", "SegmentAnchors"]
