"""Gap pairing: leftover sentences between the same two links are linked when close enough."""

import numpy as np
import pytest

from align.matching.gaps import GapParams, gap_links
from align.types import Link


class _Cosines:
    """The one thing gap pairing reads from the scores: sentence cosines."""

    def __init__(self, matrix):
        self.matrix = np.asarray(matrix, dtype=np.float32)

    def cosine_at(self, i, j):
        return self.matrix[i, j]


def _diagonal_links(n, skip):
    return tuple(Link((i,), (i,), 0.9) for i in range(n) if i not in skip)


def _pairs(links):
    return [(l.a, l.b) for l in links]


def test_a_loose_rendering_between_two_links_is_paired():
    cos = np.full((5, 5), 0.05)
    cos[2, 2] = 0.3
    got = gap_links(_Cosines(cos), _diagonal_links(5, {2}), 5, 5)
    assert _pairs(got) == [((2,), (2,))]
    assert got[0].score == GapParams().score


def test_unrelated_statements_in_the_same_place_stay_apart():
    cos = np.full((5, 5), 0.05)
    cos[2, 2] = 0.1
    assert gap_links(_Cosines(cos), _diagonal_links(5, {2}), 5, 5) == ()


def test_a_sentence_outside_the_gap_is_not_paired():
    # a2 sits between a1 and a3, which link to b1 and b2: b4 lies outside.
    cos = np.full((4, 5), 0.05)
    cos[2, 4] = 0.6
    links = (Link((0,), (0,), 0.9), Link((1,), (1,), 0.9), Link((3,), (2,), 0.9))
    assert gap_links(_Cosines(cos), links, 4, 5) == ()


def test_wide_gaps_are_not_trusted():
    cos = np.full((8, 8), 0.05)
    np.fill_diagonal(cos, 0.3)
    gap = {2, 3, 4, 5}
    assert gap_links(_Cosines(cos), _diagonal_links(8, gap), 8, 8,
                     GapParams(max_gap=2)) == ()
    wide = gap_links(_Cosines(cos), _diagonal_links(8, gap), 8, 8, GapParams(max_gap=4))
    assert _pairs(wide) == [((i,), (i,)) for i in sorted(gap)]


def test_pairs_are_mutual_best_and_pairing_repeats_as_gaps_narrow():
    cos = np.full((6, 6), 0.05)
    cos[2, 2], cos[2, 3] = 0.5, 0.3
    cos[3, 3], cos[3, 2] = 0.4, 0.45   # a3's best is b2, taken by a2: paired with b3 next
    got = gap_links(_Cosines(cos), _diagonal_links(6, {2, 3}), 6, 6)
    assert _pairs(got) == [((2,), (2,)), ((3,), (3,))]


def test_without_links_there_is_no_order_to_lean_on():
    cos = np.full((2, 2), 0.9)
    assert gap_links(_Cosines(cos), (), 2, 2) == ()


def test_max_gap_is_validated():
    with pytest.raises(ValueError):
        GapParams(max_gap=0)
