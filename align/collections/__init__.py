"""Many reports at once: pair documents across languages, compare in batches, on Dask.

- :func:`pair_documents`: which report of one collection covers the same
  meeting as which of the other (``align pair DIR_A DIR_B``).
- :func:`compare_frame`: :func:`align.compare` over a pandas DataFrame of
  pairs, links and flags keyed by id, optional on-disk embedding cache.
- :func:`compare_dask`: the same over a Dask DataFrame on a
  ``dask.distributed`` cluster (imports Dask only when called).
"""

from __future__ import annotations

from .batch import BatchResult, compare_frame
from .pairing import DocumentPair, Pairing, pair_documents


def compare_dask(ddf, **kwargs):
    """:func:`align.collections.dask.compare_dask` (Dask is imported on call)."""
    from .dask import compare_dask as _compare_dask

    return _compare_dask(ddf, **kwargs)


__all__ = ["BatchResult", "DocumentPair", "Pairing", "compare_dask", "compare_frame",
           "pair_documents"]
