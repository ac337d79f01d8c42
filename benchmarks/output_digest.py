"""Digest of the JSON output on fixed inputs: proof that a restructuring changed nothing.

Runs ``align.compare`` on the seed pair, on 20 NTREX synthetic pairs (builder
seed 0) and on the real development pairs when ``../shared/data`` is there,
and prints one SHA-256 per input plus one over all of them, and one over the
QA reports of the same comparisons (``qa-all``: issues, severities, ids). Run it before and
after a change that must not alter behaviour: the digests must be equal.
``--save FILE`` writes the digests, ``--check FILE`` compares with them and
exits 1 on any difference (naming the inputs that differ).

    python -m benchmarks.output_digest --save /tmp/before.json
    python -m benchmarks.output_digest --check /tmp/before.json

``--ignore-evidence`` hashes the JSON without each flag's ``evidence``: a
change that only explains flags must leave the flags themselves identical.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

import align  # noqa: E402
from align.errors import AlignInputError  # noqa: E402
from benchmarks.common import load_seed_pair, parse_settings  # noqa: E402


def inputs(n_ntrex: int = 20) -> list[tuple[str, str, str]]:
    """``(name, Arabic text, English text)`` for every input the digest covers."""
    text_a, text_b, _ = load_seed_pair()
    out = [("seed", text_a, text_b)]
    try:
        from benchmarks.synthetic import build_pairs

        out += [(f"ntrex-{k}", p.ar, p.en) for k, p in
                enumerate(build_pairs(seed=0, limit=n_ntrex))]
    except (FileNotFoundError, OSError, AlignInputError):  # no ../shared/data here
        pass
    try:
        from benchmarks.real_pairs import load_real_pairs

        out += [(f"real-{pid}", a, b) for pid, a, b, _ in load_real_pairs()]
    except (FileNotFoundError, OSError, AlignInputError):  # no ../shared/data here
        pass
    return out


def digests(kwargs: dict) -> dict[str, str]:
    """SHA-256 of each input's JSON output, and ``"all"`` over them in order;
    ``"qa-all"`` over the QA reports (``align.qa.check``) of the same comparisons."""
    from align.qa import check

    out: dict[str, str] = {}
    total, qa_total = hashlib.sha256(), hashlib.sha256()
    for name, text_a, text_b in inputs():
        cmp = align.compare(text_a, text_b, src_lang="ar", tgt_lang="en", **kwargs)
        data = cmp.to_json().encode("utf-8")
        out[name] = hashlib.sha256(data).hexdigest()
        total.update(data)
        qa_total.update(json.dumps(check(cmp).to_dict(), ensure_ascii=False,
                                   sort_keys=True).encode("utf-8"))
    out["all"] = total.hexdigest()
    out["qa-all"] = qa_total.hexdigest()
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--save", help="write the digests to this JSON file")
    parser.add_argument("--check", help="compare with digests saved earlier")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="keyword argument for align.compare (repeatable)")
    parser.add_argument("--ignore-signature", action="store_true",
                        help="blank the signature before hashing (a change that only renames settings)")
    parser.add_argument("--ignore-evidence", action="store_true",
                        help="drop each flag's evidence before hashing (a change that only "
                             "explains flags: the flags themselves must not move)")
    args = parser.parse_args(argv)
    kwargs = parse_settings(args.set)
    if args.ignore_signature or args.ignore_evidence:
        _strip(signature=args.ignore_signature, evidence=args.ignore_evidence)
    found = digests(kwargs)
    for name, digest in found.items():
        print(f"{name:<10} {digest}")
    if args.save:
        Path(args.save).write_text(json.dumps(found, indent=1), encoding="utf-8")
    if args.check:
        saved = json.loads(Path(args.check).read_text(encoding="utf-8"))
        differ = [name for name in saved if saved[name] != found.get(name)]
        if differ:
            print(f"DIFFERENT: {', '.join(differ)}")
            return 1
        print(f"identical: {len(saved)} digests")
    return 0


def _strip(signature: bool, evidence: bool) -> None:
    """Hash the JSON without its signature and/or without the flags' evidence."""
    from align.result import Comparison

    original = Comparison.to_json

    def to_json(self, indent=2):
        data = json.loads(original(self, indent=indent))
        if signature:
            data["signature"] = ""
        if evidence:
            for flag in data["flags"]:
                flag.pop("evidence", None)
        return json.dumps(data, ensure_ascii=False, indent=indent)

    Comparison.to_json = to_json


if __name__ == "__main__":
    raise SystemExit(main())
