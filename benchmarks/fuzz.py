"""Fuzz benchmark: random report texts by input class through the API and the CLI.

For every input class of ``benchmarks/fuzz_inputs.py`` (Arabic and English
reports with digits, emoji, zero-width and bidi controls, NUL bytes, CRLF,
tabs, very long words, HTML, lone surrogates, arbitrary code points) it runs

* ``align.compare`` (both slot orders) and ``align.check``, each twice;
* ``align.compare_frame(..., errors="record")`` on all pairs of the class at once;
* the CLI in process (``align compare --format json`` and ``align check
  --format junit``) on the pair written to files as UTF-8, UTF-8 with a BOM,
  CRLF, or UTF-16 with a BOM, and, with ``--subprocess N``, N real
  ``python -m align`` runs per class;

and prints, per class, how many runs ended in a result, in an
``AlignInputError`` (CLI: exit 2 with one line on stderr), or in anything
else, how many non-space characters were lost (in no linked segment and no
flag, or an offset that does not index the file as stored) and how many
outputs differed between two identical runs. The issue-12 target is 0 in the
last three columns.

    python benchmarks/fuzz.py [--seeds 40] [--subprocess 1]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import logging
import random
import subprocess
import sys
import tempfile
import time
import traceback
import warnings
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.cli import main as cli_main  # noqa: E402
from align.errors import AlignInputError, AlignWarning  # noqa: E402
from benchmarks.fuzz_inputs import CLASSES, make_pair  # noqa: E402

#: How a pair is written to disk for the CLI: name -> (bytes of a text).
FILE_ENCODINGS = {
    "utf-8": lambda t: t.encode("utf-8", "surrogatepass"),
    "utf-8-bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8", "surrogatepass"),
    "crlf": lambda t: t.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8", "surrogatepass"),
    "utf-16-bom": lambda t: t.encode("utf-16", "surrogatepass"),
}


def lost_characters(cmp, side: str) -> int:
    """Non-space characters of one side in no linked segment and no flag."""
    doc = cmp.document(side)
    covered = bytearray(len(doc.text))
    linked = {i for link in cmp.link_list for i in (link.a if side == "a" else link.b)}
    for seg in doc.segments:
        if seg.id in linked:
            covered[seg.start:seg.end] = b"\x01" * (seg.end - seg.start)
    for flag in cmp.flag_list:
        if flag.side == side:
            if doc.text[flag.start:flag.end] != flag.text:
                return len(flag.text) or 1
            covered[flag.start:flag.end] = b"\x01" * (flag.end - flag.start)
    return sum(1 for k, ch in enumerate(doc.text) if not covered[k] and not ch.isspace())


def stored_text(data: bytes) -> str | None:
    """The text a file's offsets index (a leading BOM dropped, line ends kept), if it decodes."""
    try:
        if data.startswith(b"\xef\xbb\xbf"):
            return data[3:].decode("utf-8")
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16")
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def json_offsets_wrong(out: dict, raw_a: str, raw_b: str) -> int:
    """Segments and flags of CLI JSON whose offsets do not cut their text from the file."""
    raws = {"a": raw_a, "b": raw_b}
    wrong = sum(raws[side][s["start"]:s["end"]] != s["text"]
                for side in "ab" for s in out[side]["segments"])
    return wrong + sum(raws[f["side"]][f["start"]:f["end"]] != f["text"] for f in out["flags"])


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """Exit status, stdout and stderr of the ``align`` command run in this process."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = cli_main(argv)
        except SystemExit as exc:  # argparse usage errors
            status = exc.code if isinstance(exc.code, int) else 2
    return status, out.getvalue(), err.getvalue()


def check_cli_result(status: int, stdout: str, stderr: str, fmt: str, raws) -> str:
    """``"ok"``, ``"input-error"``, ``"lost"`` or ``"contract"`` (broken exit/stderr/output)."""
    errors = [line for line in stderr.splitlines() if not line.startswith("align: warning:")]
    if status == 2:
        return "input-error" if len(errors) == 1 and not stdout else "contract"
    if status not in (0, 1) or errors or (status == 1 and fmt == "json"):
        return "contract"
    try:
        if fmt == "json":
            if raws is None or json_offsets_wrong(json.loads(stdout), *raws):
                return "lost"
        else:
            ET.fromstring(stdout)
    except (ValueError, ET.ParseError):
        return "contract"
    return "ok"


def fuzz_class(kind: str, seeds: int, n_subprocess: int, tmp: Path) -> Counter:
    counts: Counter = Counter()
    pairs = [make_pair(kind, random.Random(seed)) for seed in range(seeds)]

    def api(name: str, call) -> None:
        outputs = []
        for _ in range(2):
            try:
                outputs.append(call())
            except AlignInputError as exc:
                outputs.append(("input-error", str(exc)))
            except Exception:  # the fuzz target: anything else is a bug to count and show
                counts["other"] += 1
                print(f"  {kind} {name}: {traceback.format_exc(limit=-3)}", file=sys.stderr)
                return
        counts["runs"] += 1
        first, second = outputs
        if isinstance(first, tuple):
            counts["input-error"] += 1
            if first != second:
                counts["nondeterministic"] += 1
            return
        counts["ok"] += 1
        if name.startswith("compare"):
            counts["lost"] += lost_characters(first, "a") + lost_characters(first, "b")
            same = first.to_json() == second.to_json()
        else:
            same = json.dumps(first.to_dict(), sort_keys=True) == json.dumps(second.to_dict(), sort_keys=True)
        counts["nondeterministic"] += not same

    for a, b in pairs:
        api("compare", lambda: align.compare(a, b))
        api("compare swapped", lambda: align.compare(b, a))
        api("check", lambda: align.check(a, b))

    import pandas as pd

    frame = pd.DataFrame({"id": [f"p{k}" for k in range(seeds)], "a": [a for a, _ in pairs],
                          "b": [b for _, b in pairs]}, dtype=object)
    try:
        res = align.compare_frame(frame, errors="record")
        counts["runs"] += 1
        recorded = res.summary["error"].notna().sum() if "error" in res.summary else 0
        counts["ok" if len(res.summary) == seeds else "other"] += 1
        counts["frame rows recorded"] += int(recorded)
    except AlignInputError:
        counts["runs"] += 1
        counts["other"] += 1  # errors="record" must not stop the batch on one pair
    except Exception:
        counts["other"] += 1
        print(f"  {kind} compare_frame: {traceback.format_exc(limit=-3)}", file=sys.stderr)

    for k, (a, b) in enumerate(pairs):
        encoding = list(FILE_ENCODINGS)[k % len(FILE_ENCODINGS)]
        data = [FILE_ENCODINGS[encoding](t) for t in (a, b)]
        paths = [tmp / f"{kind}-{k}-{side}.txt" for side in "ab"]
        for path, blob in zip(paths, data):
            path.write_bytes(blob)
        raws = tuple(stored_text(blob) for blob in data)
        raws = raws if None not in raws else None
        for fmt, argv in (("json", ["compare", *map(str, paths), "--format", "json"]),
                          ("junit", ["check", *map(str, paths), "--format", "junit"])):
            results = [run_cli(argv) for _ in range(2)]
            counts["cli runs"] += 1
            verdict = check_cli_result(*results[0], fmt, raws)
            counts[f"cli {verdict}"] += 1
            if verdict in ("contract", "lost"):
                print(f"  {kind} CLI {' '.join(argv)}: {verdict}: {results[0][2].strip()[:300]}",
                      file=sys.stderr)
            counts["nondeterministic"] += results[0] != results[1]
        if k < n_subprocess:
            proc = subprocess.run([sys.executable, "-m", "align", "compare", *map(str, paths),
                                   "--format", "json"], capture_output=True, text=True, cwd=REPO)
            counts["cli runs"] += 1
            verdict = check_cli_result(proc.returncode, proc.stdout, proc.stderr, "json", raws)
            counts[f"cli {verdict}"] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=40, help="random pairs per input class")
    parser.add_argument("--subprocess", type=int, default=1,
                        help="real `python -m align` runs per class (each loads the model)")
    parser.add_argument("--classes", nargs="*", default=list(CLASSES), choices=list(CLASSES))
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore", AlignWarning)
    logging.getLogger("align").setLevel(logging.ERROR)  # recorded batch rows are counted, not logged
    started = time.perf_counter()
    columns = ("runs", "ok", "input-error", "other", "lost", "nondeterministic",
               "frame rows recorded", "cli runs", "cli ok", "cli input-error", "cli contract", "cli lost")
    print(f"{'class':<12} " + " ".join(f"{c:>9}" for c in (
        "api runs", "ok", "inp-err", "OTHER", "LOST", "NONDET", "frame-rec",
        "cli runs", "cli ok", "cli inp", "CLI BAD", "CLI LOST")))
    total: Counter = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.classes:
            counts = fuzz_class(kind, args.seeds, args.subprocess, Path(tmp))
            total.update(counts)
            print(f"{kind:<12} " + " ".join(f"{counts[c]:>9}" for c in columns), flush=True)
    print(f"{'total':<12} " + " ".join(f"{total[c]:>9}" for c in columns))
    bad = total["other"] + total["lost"] + total["nondeterministic"] + total["cli contract"] + total["cli lost"]
    print(f"\n{total['runs'] + total['cli runs']} runs in {time.perf_counter() - started:.0f} s; "
          f"exceptions other than AlignInputError: {total['other']}, lost characters: "
          f"{total['lost'] + total['cli lost']}, outputs differing between identical runs: "
          f"{total['nondeterministic']}, broken CLI contract: {total['cli contract']}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
