"""Matching layer: units, similarity with hubness correction, order-free links."""

from .assignment import LinkingParams, link_segments
from .scores import PairScores, score_units
from .similarity import cosine_matrix, knn_mean, ratio_margin
from .units import Unit, Units, build_units

__all__ = [
    "LinkingParams", "PairScores", "Unit", "Units", "build_units", "cosine_matrix",
    "knn_mean", "link_segments", "ratio_margin", "score_units",
]
