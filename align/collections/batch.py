"""Compare many report pairs held in a pandas DataFrame: ``compare_frame``.

A DataFrame with one row per pair (an id, the text of side a, the text of
side b) goes in; the links and flags of every pair come out as two
DataFrames keyed by that id, plus a one-row-per-pair summary. With
``cache_dir`` the sentence embeddings are kept on disk
(:class:`~align.encoders.DiskCachedEncoder`: ``.npy`` shards, no pickle), so
a rerun over the same texts skips the encoder.

Example:
    >>> import pandas as pd, align
    >>> df = pd.DataFrame({"id": ["p1"], "ar": [arabic_text], "en": [english_text]})  # doctest: +SKIP
    >>> res = align.compare_frame(df, a_col="ar", b_col="en", cache_dir="~/.cache/align")  # doctest: +SKIP
    >>> res.flags.groupby("id").size()                                                  # doctest: +SKIP
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..encoders import Encoder
from ..encoders.shared import shared_encoder
from ..errors import AlignInputError
from ..result import FLAG_COLUMNS, LINK_COLUMNS
from .runner import run_pairs

if TYPE_CHECKING:
    import pandas as pd

    from ..result import Comparison

SUMMARY_COLUMNS = ["n_links", "n_flags", "matched_share_a", "matched_share_b", "signature", "error"]

@dataclass(frozen=True)
class BatchResult:
    """Links, flags and a per-pair summary of many comparisons, keyed by id.

    ``links`` and ``flags`` have the columns of :attr:`Comparison.links` and
    :attr:`Comparison.flags` preceded by ``id``; ``summary`` has one row per
    input pair (``id``, counts, matched shares, settings signature, and the
    error message of a pair that could not be compared, else None).
    """

    links: "pd.DataFrame"
    flags: "pd.DataFrame"
    summary: "pd.DataFrame"


def empty_frame(columns: list[str]) -> "pd.DataFrame":
    """A frame with these columns and no rows (object dtype), e.g. Dask's meta."""
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})


def _check_columns(df, id_col: str, a_col: str, b_col: str) -> None:
    missing = [c for c in (id_col, a_col, b_col) if c not in df.columns]
    if missing:
        raise AlignInputError(
            f"DataFrame lacks column(s) {missing}; it has {list(df.columns)} "
            f"(set id_col, a_col and b_col)")


def frames_from_comparisons(items: list[tuple[Any, "Comparison | None", str | None]]) -> BatchResult:
    """Assemble a :class:`BatchResult` from ``(id, comparison or None, error or None)``."""
    import pandas as pd

    links, flags, summary = [], [], []
    for pid, cmp, error in items:
        if cmp is None:
            summary.append({"id": pid, "n_links": 0, "n_flags": 0, "matched_share_a": None,
                            "matched_share_b": None, "signature": None, "error": error})
            continue
        if len(cmp.link_list):
            links.append(cmp.links.assign(id=pid))
        if len(cmp.flag_list):
            flags.append(cmp.flags.assign(id=pid))
        summary.append({"id": pid, "n_links": len(cmp.link_list), "n_flags": len(cmp.flag_list),
                        "matched_share_a": cmp.matched_share("a"),
                        "matched_share_b": cmp.matched_share("b"),
                        "signature": cmp.signature, "error": None})
    link_df = pd.concat(links, ignore_index=True)[["id"] + LINK_COLUMNS] if links else empty_frame(["id"] + LINK_COLUMNS)
    flag_df = pd.concat(flags, ignore_index=True)[["id"] + FLAG_COLUMNS] if flags else empty_frame(["id"] + FLAG_COLUMNS)
    summary_df = pd.DataFrame(summary, columns=["id"] + SUMMARY_COLUMNS)
    return BatchResult(link_df, flag_df, summary_df)


def compare_frame(
    df: "pd.DataFrame",
    *,
    id_col: str = "id",
    a_col: str = "a",
    b_col: str = "b",
    encoder: str | Encoder | None = None,
    cache_dir: str | os.PathLike | None = None,
    encoder_kwargs: dict | None = None,
    errors: str = "raise",
    show_progress_bar: bool | None = None,
    **compare_kwargs: Any,
) -> BatchResult:
    """Run :func:`align.compare` on every row of ``df``; links and flags keyed by id.

    ``df[a_col]`` and ``df[b_col]`` hold the texts (side a, e.g. Arabic, and
    side b); ``df[id_col]`` the pair ids, which must be unique. Extra keyword
    arguments (``src_lang``, ``tgt_lang``, ``config``, ``link_margin``...) go to
    :func:`align.compare`. ``cache_dir`` keeps embeddings on disk so reruns
    skip encoding; ``errors="record"`` notes a pair that cannot be compared
    in ``summary.error`` and goes on, ``"raise"`` (default) stops.

    Passing a Dask DataFrame hands the work to :func:`align.compare_dask`.

    Example:
        >>> res = compare_frame(df, a_col="ar", b_col="en", src_lang="ar", tgt_lang="en")  # doctest: +SKIP
        >>> res.links[["id", "a_text", "b_text", "score"]]                                 # doctest: +SKIP
    """
    if type(df).__module__.startswith("dask"):
        from .dask import compare_dask

        return compare_dask(df, id_col=id_col, a_col=a_col, b_col=b_col, encoder=encoder,
                            cache_dir=cache_dir, encoder_kwargs=encoder_kwargs, errors=errors,
                            **compare_kwargs)
    if errors not in ("raise", "record"):  # before any work
        raise ValueError(f"errors must be 'raise' or 'record', got {errors!r}")
    if not hasattr(df, "columns") or not hasattr(df, "itertuples"):
        raise AlignInputError(f"expected a pandas DataFrame, got {type(df).__name__}")
    _check_columns(df, id_col, a_col, b_col)
    ids = df[id_col]
    if ids.duplicated().any():
        dup = ids[ids.duplicated()].iloc[0]
        raise AlignInputError(f"column {id_col!r} has duplicate id {dup!r}; ids must be unique")
    from ..pipeline import compare

    if encoder is None and compare_kwargs.get("config") is not None:
        encoder = compare_kwargs["config"].encoder  # the configuration names the encoder
    enc = shared_encoder(encoder, cache_dir, encoder_kwargs)
    compare_kwargs.setdefault("show_progress_bar", False)
    rows = zip(ids.tolist(), df[a_col].tolist(), df[b_col].tolist())
    outcomes = run_pairs(rows, lambda pid, a, b: compare(a, b, encoder=enc, **compare_kwargs),
                         errors=errors, show_progress_bar=show_progress_bar, total=len(df))
    return frames_from_comparisons([(o.id, o.result, o.error) for o in outcomes])
