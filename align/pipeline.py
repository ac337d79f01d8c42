"""The whole pipeline from two texts to a :class:`Comparison`: :func:`compare` (``align.compare``).

text (check, detect language, segment) → encoders (embed every unit once)
→ matching (margin scores, order-free links) → differences (flags)
→ :class:`~align.result.Comparison`.
"""

from __future__ import annotations

import logging
import time

from .config import AlignConfig, Settings
from .differences.containment import WindowEvidence
from .differences.evidence import explain_flags
from .differences.flags import partial_flags, unmatched_flags
from .differences.phrases import WindowIndex
from .encoders import CachedEncoder, Encoder
from .encoders.shared import shared_encoder
from .event import judge_embedded, statement_floor
from .matching.anchors import SegmentAnchors
from .matching.assignment import link_segments
from .matching.scores import score_units
from .matching.units import build_units, embed_units
from .result import Comparison
from .text import check_text, resolve_language, segment_text
from .text.document import Document
from .text.limits import DEFAULT_MAX_CHARS, check_size
from .types import Flag, link_partners

logger = logging.getLogger(__name__)


def compare(
    text_a: str,
    text_b: str,
    config: AlignConfig | None = None,
    *,
    src_lang: str | None = None,
    tgt_lang: str | None = None,
    encoder: str | Encoder | None = None,
    link_margin: float | None = None,
    link_z: float | None = None,
    partial_margin: float | None = None,
    partial_z: float | None = None,
    margin_k: int | None = None,
    max_window: int | None = None,
    window_embedding: str | None = None,
    batch_size: int = 64,
    show_progress_bar: bool | None = None,
    max_chars: int | None = DEFAULT_MAX_CHARS,
) -> Comparison:
    """Align two reports of the same event and flag what each version lacks.

    Args:
        text_a: the first report (usually the source, e.g. Arabic); side ``"a"``.
        text_b: the second report; side ``"b"``.
        config: every setting that changes the output (:class:`~align.config.AlignConfig`);
            ``None`` gives the defaults, chosen on synthetic NTREX pairs and
            STS 2017 (see ``benchmarks/``).
        src_lang, tgt_lang: ISO codes of the two texts; detected from the
            script when not given.
        encoder: a registered encoder name (``"use-m"``, the default;
            ``"st:<path>"``, ...) or any object with ``name``, ``dim`` and
            ``encode()``; overrides ``config.encoder``.
        link_margin: ratio margin a pair needs to link (``config.linking.margin``);
            higher links less and flags more.
        link_z: robust z-score of the cosine a pair needs to link (``config.linking.z``).
        partial_margin, partial_z: below both, a clause of a linked segment
            has no counterpart (``config.flags``).
        margin_k: neighbours in the ratio margin (``config.scoring.margin_k``).
        max_window: longest run of sentences tried as one side of a merge
            (``config.scoring.max_window``).
        window_embedding: ``"mean"`` (a window is the mean of its sentences'
            vectors) or ``"encode"`` (its text is encoded).
        batch_size, show_progress_bar: passed to the encoder; they do not
            change the output.
        max_chars: a longer text is refused with an AlignInputError before
            any work (``None``: no limit; :mod:`align.text.limits`).

    The keyword thresholds are shortcuts: ``compare(a, b, link_margin=1.1)``
    is ``compare(a, b, AlignConfig().replace(link_margin=1.1))``. The result's
    ``settings`` and ``signature`` record the configuration that ran.

    Example:
        >>> cmp = compare("قال الرئيس إن الاجتماع كان مثمراً.", "The president said the meeting was fruitful.")
        >>> len(cmp.link_list), len(cmp.flag_list)
        (1, 0)
    """
    text_a = check_text(text_a, "text_a")
    text_b = check_text(text_b, "text_b")
    check_size(text_a, "text_a", max_chars)
    check_size(text_b, "text_b", max_chars)
    lang_a = resolve_language(text_a, src_lang, "text_a")
    lang_b = resolve_language(text_b, tgt_lang, "text_b")
    shortcuts = {name: value for name, value in (
        ("link_margin", link_margin), ("link_z", link_z), ("partial_margin", partial_margin),
        ("partial_z", partial_z), ("margin_k", margin_k), ("max_window", max_window),
        ("window_embedding", window_embedding)) if value is not None}
    config = (config or AlignConfig()).replace(**shortcuts)
    if encoder is None:
        encoder = config.encoder
    enc = shared_encoder(encoder)
    return _run(text_a, text_b, lang_a, lang_b, config, enc, batch_size, show_progress_bar)


def _run(text_a: str, text_b: str, lang_a: str, lang_b: str, config: AlignConfig,
         enc: CachedEncoder, batch_size: int, show_progress_bar: bool | None) -> Comparison:
    scoring, link_params, flag_params = config.scoring, config.linking, config.flags
    started = time.perf_counter()
    doc_a = segment_text(text_a, lang_a)
    doc_b = segment_text(text_b, lang_b)
    units_a = build_units(doc_a, max_window=scoring.max_window)
    units_b = build_units(doc_b, max_window=scoring.max_window)

    emb_a, emb_b = (
        embed_units(units, enc, scoring.window_embedding, batch_size=batch_size,
                    show_progress_bar=show_progress_bar)
        for units in (units_a, units_b)
    )
    calibration = config.calibration_of(enc)
    scores = score_units(units_a, units_b, emb_a, emb_b, k=scoring.margin_k,
                         null_cosine=scoring.null_cosine, null_spread=scoring.null_spread,
                         calibration=calibration)
    anchors = ((SegmentAnchors.of(doc_a), SegmentAnchors.of(doc_b))
               if link_params.secondary is not None else None)
    links = link_segments(scores, link_params, anchors)
    windows = ({"a": _windows(units_a, emb_a, doc_b, enc, scores, scoring, calibration),
                "b": _windows(units_b, emb_b, doc_a, enc, scores, scoring, calibration)}
               if flag_params.use_windows else {})
    # The word windows of linked segments, embedded once for the phrase flags and their evidence.
    phrases = flag_params.phrases
    phrase_index = (WindowIndex({"a": doc_a, "b": doc_b}, links, enc)
                    if windows and phrases is not None and phrases.use_windows else None)
    flags = _flags(doc_a, doc_b, scores, links, config, windows, phrase_index)
    # Sentence units come first, one per segment, in order.
    sentences = {"a": emb_a[: len(doc_a.segments)], "b": emb_b[: len(doc_b.segments)]}
    # Decided above, explained here: evidence never changes a flag.
    flags = explain_flags(flags, doc_a, doc_b, links, enc, phrases, index=phrase_index,
                          sentence_vectors=sentences)
    logger.info(
        "compared %d+%d segments: %d links, %d flags in %.2fs",
        len(doc_a), len(doc_b), len(links), len(flags), time.perf_counter() - started,
    )
    # The event-level judgement reads the sentence vectors already embedded.
    same_event = judge_embedded(text_a, text_b, sentences["a"], sentences["b"],
                                lang_a=lang_a, lang_b=lang_b,
                                cosine_floor=statement_floor(config), calibration=calibration)
    settings = Settings(encoder=enc.name, config=config, calibration=calibration)
    return Comparison(a=doc_a, b=doc_b, link_list=links, flag_list=flags, settings=settings,
                      same_event=same_event)


def _windows(own_units, own_emb, other: Document, enc, scores, scoring,
             calibration) -> WindowEvidence:
    """Word-window evidence for the clauses of one side against the other document."""
    base = own_units.indices("sentence", "clause")
    return WindowEvidence(other, enc, own_emb, own_emb[base], scoring.margin_k,
                          scoring.null_cosine, scores.mu, scores.sigma, calibration)


def _flags(doc_a: Document, doc_b: Document, scores, links, config: AlignConfig,
           windows, phrase_index) -> tuple[Flag, ...]:
    link_params, flag_params = config.linking, config.flags
    flags: list[Flag] = []
    for side, doc, side_scores in (("a", doc_a, scores), ("b", doc_b, scores.transposed())):
        linked = set(link_partners(links, side))
        flags += unmatched_flags(doc, side, side_scores, linked, link_params)
        flags += partial_flags(doc, side, side_scores, links, flag_params, link_params,
                               windows.get(side), phrase_index)
    return tuple(sorted(flags, key=lambda f: (f.side, f.start)))
