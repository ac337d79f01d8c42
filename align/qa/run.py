"""Check two texts, or every pair of a manifest, in one call."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..files import read_manifest, read_text_file
from .ids import ignore_set
from .issues import check
from .report import PairInfo, QAIssue, QAReport
from .severity import THRESHOLD_KEYWORDS, Thresholds, thresholds_with

logger = logging.getLogger(__name__)


def check_texts(text_a: str, text_b: str, *, src_lang: str | None = None,
                tgt_lang: str | None = None, encoder: Any = None,
                thresholds: Thresholds | None = None, ignore: Any = None, numbers: bool = True,
                same_event: bool = True, **compare_kwargs: Any) -> QAReport:
    """Compare a source and a target text and check the result (``align.check``).

    Threshold keywords (``error_confidence``...) go to :func:`check`; any other
    keyword goes to :func:`align.compare`.

    Example:
        >>> import align
        >>> report = align.check(arabic_text, english_text, src_lang="ar", tgt_lang="en")  # doctest: +SKIP
    """
    from ..pipeline import compare

    th = thresholds_with(thresholds, **{k: compare_kwargs.pop(k, None) for k in THRESHOLD_KEYWORDS})
    ignored = ignore_set(ignore)
    cmp = compare(text_a, text_b, src_lang=src_lang, tgt_lang=tgt_lang, encoder=encoder,
                  **compare_kwargs)
    return check(cmp, thresholds=th, ignore=ignored, numbers=numbers, same_event=same_event)


def check_manifest(
    path: str | Path,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    encoder: Any = None,
    thresholds: Thresholds | None = None,
    ignore: Any = None,
    numbers: bool = True,
    same_event: bool = True,
    show_progress_bar: bool | None = None,
    **compare_kwargs: Any,
) -> QAReport:
    """Check every pair of a manifest CSV (id, source path, target path) into one report.

    The manifest is validated before any comparison. A pair whose texts
    cannot be compared (empty, binary, wrong language) is recorded in the
    report's ``pairs`` with its ``error`` and the run goes on; the report's
    exit status is then 2. A tqdm bar shows progress on terminals when
    ``show_progress_bar`` is None (auto) or True.

    Example:
        >>> report = check_manifest("pairs.csv", src_lang="ar", tgt_lang="en")  # doctest: +SKIP
        >>> report.frame.groupby("pair").size()                                 # doctest: +SKIP
    """
    from ..collections.runner import run_pairs
    from ..pipeline import compare

    th = thresholds_with(thresholds, **{k: compare_kwargs.pop(k, None) for k in THRESHOLD_KEYWORDS})
    ignored = ignore_set(ignore)
    rows = read_manifest(path)
    logger.info("checking %d pairs from %s", len(rows), path)
    issues: list[QAIssue] = []
    pairs: list[PairInfo] = []
    suppressed = 0

    def check_pair(pid: str, src: Path, tgt: Path) -> QAReport:
        cmp = compare(read_text_file(src), read_text_file(tgt), src_lang=src_lang,
                      tgt_lang=tgt_lang, encoder=encoder, show_progress_bar=False,
                      **compare_kwargs)
        return check(cmp, thresholds=th, ignore=ignored, numbers=numbers,
                     pair=PairInfo(id=pid, source=str(src), target=str(tgt)),
                     same_event=same_event)

    if show_progress_bar is None and len(rows) < 2:
        show_progress_bar = False
    paths = {pid: (src, tgt) for pid, src, tgt in rows}
    for outcome in run_pairs(rows, check_pair, show_progress_bar=show_progress_bar,
                             desc="align check"):
        rep = outcome.result
        if rep is None:
            src, tgt = paths[outcome.id]
            pairs.append(PairInfo(id=outcome.id, source=str(src), target=str(tgt),
                                  error=outcome.error))
            continue
        logger.debug("pair %s: %d issues", outcome.id, len(rep.issues))
        issues += rep.issues
        pairs += rep.pairs
        suppressed += rep.suppressed
    return QAReport(issues=tuple(issues), pairs=tuple(pairs), thresholds=th,
                    suppressed=suppressed)
