"""Every encoder's anchors on the shipped calibration corpus, and the map they give.

Prints, per encoder, the median cosines the calibration rests on (unrelated
sentences, translations, unrelated same-language sentences), the null
cosine by length (3, 5, 8-word fragments and whole sentences; rows Arabic,
columns English) and the calibration measured from them. USE-m's figures are
the reference (:data:`align.encoders.calibration.REFERENCE`).

    python -m benchmarks.calibration [--encoders use-m,e5-small-st]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as a script: make `benchmarks` importable
    sys.path.insert(0, str(REPO))

from align.encoders import available_encoders, get_encoder  # noqa: E402
from align.encoders.calibration import Calibration, measure_anchors  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--encoders", default=None, help="comma-separated names (default: all)")
    args = parser.parse_args(argv)
    for name in args.encoders.split(",") if args.encoders else available_encoders():
        anchors = measure_anchors(get_encoder(name))
        cal = Calibration.from_anchors(anchors)
        print(f"{name}: null {anchors.null:.4f} positive {anchors.positive:.4f} "
              f"same-language null {anchors.same_null:.4f} -> {cal.tag}")
        words = anchors.lengths
        print(f"  null by length (rows: {words[0]} words, columns: {words[1]} words)")
        for row in anchors.length_nulls:
            print("   ", ", ".join(f"{x:.4f}" for x in row))
        if cal.length_offsets:
            print("  length offsets on the reference scale")
            for row in cal.length_offsets:
                print("   ", ", ".join(f"{x:+.3f}" for x in row))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
