"""``align compare``: two reports, or every pair of a manifest.

    align compare A B [--src-lang ar --tgt-lang en] [--format table|json|html] [-o FILE]
    align compare --manifest pairs.csv --format json -o out/   (one result per pair)
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from ..errors import AlignInputError
from ..files import read_manifest, read_text_file
from .common import add_max_chars_option, add_pair_inputs, manifest_run, print_error, write_output


def add_compare_parser(subparsers, parents: list[argparse.ArgumentParser]) -> None:
    """Add the ``compare`` subcommand to an ``argparse`` subparsers object."""
    p = subparsers.add_parser(
        "compare", parents=parents,
        help="align two reports and flag what each version lacks",
        description="Align the statements of two reports (any order, n:m) and flag, with a "
        "confidence, the statements present in one version only.",
    )
    add_pair_inputs(p, "a", "b", help_a="first report (UTF-8 text file), e.g. the Arabic one",
                    help_b="second report (UTF-8 text file), e.g. the English one",
                    help_manifest="compare many pairs (columns: id, path a, path b); "
                                  "one file per pair in -o DIR")
    p.add_argument("--format", choices=("table", "json", "html"),
                   help="output format (default: table; json with --manifest)")
    p.add_argument("-o", "--output", help="write to this file instead of standard output")
    p.add_argument("--title", help="title of the HTML report")
    p.add_argument("--link-margin", type=float, help="ratio-margin threshold of a link")
    p.add_argument("--partial-margin", type=float, help="margin below which a clause may be partial")
    add_max_chars_option(p)
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="progress bars on stderr (default: only on a terminal, for long inputs)")
    p.set_defaults(func=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    """Run ``align compare`` with parsed ``args``; returns the exit status (0 or 2)."""
    from ..pipeline import compare

    if manifest_run(args):
        return run_compare_manifest(args)
    options = {}
    if args.link_margin is not None:
        options["link_margin"] = args.link_margin
    if args.partial_margin is not None:
        options["partial_margin"] = args.partial_margin
    cmp = compare(read_text_file(args.a), read_text_file(args.b), src_lang=args.src_lang,
                  tgt_lang=args.tgt_lang, encoder=args.encoder, max_chars=args.max_chars,
                  show_progress_bar=args.progress, **options)
    if args.format == "json":
        out = cmp.to_json() + "\n"
    elif args.format == "html":
        out = cmp.to_html(title=args.title or f"{Path(args.a).name} ↔ {Path(args.b).name}")
    else:
        out = table(cmp)
    write_output(out, args.output)
    return 0


def table(cmp) -> str:
    """A readable plain-text rendering: what each side lacks, then the links."""
    lines = [f"# {cmp.signature}",
             f"# a: {cmp.a.lang}, {len(cmp.a.segments)} segments, "
             f"{cmp.matched_share('a'):.0%} matched; b: {cmp.b.lang}, "
             f"{len(cmp.b.segments)} segments, {cmp.matched_share('b'):.0%} matched"]
    if cmp.same_event is not None:
        lines.append(f"# {cmp.same_event.headline()}")
    lines.append("")
    lines.append(f"ONLY IN ONE VERSION ({len(cmp.flag_list)})")
    for f in sorted(cmp.flag_list, key=lambda f: (f.side, f.start)):
        lines.append(f"  [{f.side}:{f.start}-{f.end}] {f.kind:<9} confidence {f.confidence:.2f}  {_short(f.text)}")
    lines.append("")
    lines.append(f"LINKS ({len(cmp.link_list)})")
    for link in cmp.link_list:
        a_text = " ".join(cmp.a.segments[i].text for i in link.a)
        b_text = " ".join(cmp.b.segments[j].text for j in link.b)
        lines.append(f"  a{list(link.a)} <-> b{list(link.b)}  score {link.score:.2f}")
        lines.append(f"    a: {_short(a_text)}")
        lines.append(f"    b: {_short(b_text)}")
    return "\n".join(lines) + "\n"


def _short(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _safe_name(pid: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", pid).strip("._") or "pair"
    return name[:120]


def run_compare_manifest(args: argparse.Namespace) -> int:
    """``align compare --manifest pairs.csv --format json -o out/``: one file per pair.

    Reads the manifest (id, path of side a, path of side b; as ``align check
    --manifest``), compares every pair and writes ``out/<id>.json`` with
    :meth:`Comparison.to_json` (``--format html``: ``out/<id>.html``). A pair
    that cannot be compared is reported on stderr and the run goes on; the
    exit status is then 2.
    """
    from ..collections.runner import run_pairs
    from ..encoders.shared import shared_encoder
    from ..pipeline import compare

    fmt = args.format or "json"
    if fmt not in ("json", "html"):
        raise ValueError(f"--manifest writes one file per pair: use --format json or html, not {fmt}")
    if not args.output:
        raise ValueError("--manifest needs -o OUTPUT_DIR for the per-pair JSON files")
    rows = read_manifest(args.manifest)
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise AlignInputError(f"-o must be a directory with --manifest: {out}")
    out.mkdir(parents=True, exist_ok=True)
    names = {pid: _safe_name(pid) for pid, _, _ in rows}
    if len(set(names.values())) != len(names):
        raise AlignInputError("pair ids map to clashing file names; use ids of letters, digits, . _ -")
    enc = shared_encoder(args.encoder)

    def compare_pair(pid: str, path_a: Path, path_b: Path) -> None:
        cmp = compare(read_text_file(path_a), read_text_file(path_b), src_lang=args.src_lang,
                      tgt_lang=args.tgt_lang, encoder=enc, show_progress_bar=False,
                      max_chars=args.max_chars)
        if fmt == "json":
            (out / f"{names[pid]}.json").write_text(cmp.to_json(), encoding="utf-8")
        else:
            cmp.to_html(str(out / f"{names[pid]}.html"), title=str(pid))

    status = 0
    for outcome in run_pairs(rows, compare_pair, show_progress_bar=args.progress):
        if outcome.error is not None:
            print_error("compare", f"pair {outcome.id}: {outcome.error}")
            status = 2
    return status
