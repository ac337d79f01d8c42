"""Differences layer: what one version lacks (unmatched segments, partial clauses)."""

from .flags import FlagParams, partial_flags, unmatched_flags

__all__ = ["FlagParams", "partial_flags", "unmatched_flags"]
