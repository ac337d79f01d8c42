"""The batch API over a Dask DataFrame: ``compare_dask``, on any ``dask.distributed`` cluster.

Each partition of the Dask DataFrame is compared by :func:`compare_frame` on
a worker; the worker builds its encoder once (by name, so no model is
shipped over the network) and, with ``cache_dir`` on a disk the workers
share, reads and writes the same embedding cache. Dask is imported here
only, never at ``import align``.

Example (a real cluster)::

    from dask.distributed import Client
    import dask.dataframe as dd
    import align

    if __name__ == "__main__":          # needed by scripts that start workers
        client = Client("tcp://scheduler:8786")
        ddf = dd.read_parquet("s3://bucket/pairs/")    # columns id, ar, en
        res = align.compare_dask(ddf, a_col="ar", b_col="en", cache_dir="/shared/align-cache")
        res.flags.to_parquet("flags.parquet")
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from ..encoders import Encoder
from ..errors import AlignInputError
from .batch import (FLAG_COLUMNS, LINK_COLUMNS, SUMMARY_COLUMNS, BatchResult, _check_columns,
                    compare_frame, empty_frame)

if TYPE_CHECKING:
    import pandas as pd


def _require_dask():
    try:
        import dask
        import dask.dataframe as dd
    except ImportError as exc:
        raise ImportError("compare_dask needs Dask: pip install 'align[dask]'") from exc
    return dask, dd


def _compare_partition(part: "pd.DataFrame", kwargs: dict) -> BatchResult:
    return compare_frame(part, **kwargs)


def compare_dask(
    ddf,
    *,
    id_col: str = "id",
    a_col: str = "a",
    b_col: str = "b",
    encoder: str | Encoder | None = None,
    cache_dir: str | os.PathLike | None = None,
    encoder_kwargs: dict | None = None,
    errors: str = "raise",
    client=None,
    compute: bool = True,
    **compare_kwargs: Any,
) -> BatchResult:
    """:func:`compare_frame` over a Dask DataFrame, one task per partition.

    Runs on ``client`` if given, else on the current Dask scheduler (the
    default ``Client`` when one exists). With ``compute=True`` (default) the
    result holds pandas DataFrames; with ``compute=False`` it holds lazy Dask
    DataFrames sharing one task per partition (compute them together with
    ``dask.compute(res.links, res.flags, res.summary)``).

    Give the encoder by name (default: the library default) so each worker
    loads its own model; ``encoder_kwargs`` such as ``{"threads": 1}`` suit
    workers that share a machine. ``cache_dir`` must be a path every worker
    can reach.

    Example:
        >>> from dask.distributed import Client, LocalCluster       # doctest: +SKIP
        >>> client = Client(LocalCluster(n_workers=2, threads_per_worker=1))  # doctest: +SKIP
        >>> res = compare_dask(dd.from_pandas(df, npartitions=4), a_col="ar", b_col="en")  # doctest: +SKIP
    """
    dask, dd = _require_dask()
    if not isinstance(ddf, dd.DataFrame):
        raise AlignInputError(f"expected a Dask DataFrame, got {type(ddf).__name__}")
    _check_columns(ddf, id_col, a_col, b_col)
    if errors not in ("raise", "record"):
        raise ValueError(f"errors must be 'raise' or 'record', got {errors!r}")
    kwargs = dict(id_col=id_col, a_col=a_col, b_col=b_col, encoder=encoder,
                  cache_dir=str(cache_dir) if cache_dir is not None else None,
                  encoder_kwargs=encoder_kwargs, errors=errors, show_progress_bar=False,
                  **compare_kwargs)
    parts = [dask.delayed(_compare_partition)(p, kwargs)
             for p in ddf[[id_col, a_col, b_col]].to_delayed()]
    if compute:
        results = client.gather(client.compute(parts)) if client is not None else dask.compute(*parts)
        import pandas as pd

        def cat(attr: str, columns: list[str]) -> "pd.DataFrame":
            frames = [getattr(r, attr) for r in results if len(getattr(r, attr))]
            return pd.concat(frames, ignore_index=True) if frames else empty_frame(columns)

        return BatchResult(cat("links", ["id"] + LINK_COLUMNS), cat("flags", ["id"] + FLAG_COLUMNS),
                           cat("summary", ["id"] + SUMMARY_COLUMNS))
    links = dd.from_delayed([dask.delayed(getattr)(p, "links") for p in parts],
                            meta=empty_frame(["id"] + LINK_COLUMNS), verify_meta=False)
    flags = dd.from_delayed([dask.delayed(getattr)(p, "flags") for p in parts],
                            meta=empty_frame(["id"] + FLAG_COLUMNS), verify_meta=False)
    summary = dd.from_delayed([dask.delayed(getattr)(p, "summary") for p in parts],
                              meta=empty_frame(["id"] + SUMMARY_COLUMNS), verify_meta=False)
    return BatchResult(links, flags, summary)
