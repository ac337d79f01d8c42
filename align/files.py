"""Reading the inputs of the command line: report files and manifests.

Both fail with an :class:`~align.errors.AlignInputError` that names the file
and the problem, so the CLI prints one line instead of a traceback.
"""

from __future__ import annotations

import csv
from pathlib import Path

from .errors import AlignInputError


def read_text_file(path: str | Path) -> str:
    """A UTF-8 text file's content, or an :class:`AlignInputError` saying why not."""
    p = Path(path)
    if not p.exists():
        raise AlignInputError(f"file not found: {p}")
    if p.is_dir():
        raise AlignInputError(f"expected a text file, got a directory: {p}")
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise AlignInputError(f"{p} is not UTF-8 text") from None
    except OSError as exc:
        raise AlignInputError(f"cannot read {p}: {exc.strerror or exc}") from None


_HEADER_NAMES = {"id", "pair", "source", "target", "src", "tgt", "source_path", "target_path",
                 "source path", "target path", "a", "b"}


def read_manifest(path: str | Path) -> list[tuple[str, Path, Path]]:
    """Rows ``(id, source path, target path)`` of a manifest CSV, checked up front.

    Columns: id, source path, target path; a header row is optional. Relative
    paths are relative to the manifest's folder. Ids must be unique and every
    file must exist, so a long run never stops half-way on a typo.
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AlignInputError(f"manifest not found: {p}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise AlignInputError(f"cannot read manifest {p}: {exc}") from None
    rows = [r for r in csv.reader(raw.splitlines()) if any(c.strip() for c in r)]
    if rows and {c.strip().lower() for c in rows[0]} <= _HEADER_NAMES:
        rows = rows[1:]
    if not rows:
        raise AlignInputError(f"manifest {p} lists no pairs (columns: id, source path, target path)")
    out: list[tuple[str, Path, Path]] = []
    seen: set[str] = set()
    for n, row in enumerate(rows, 1):
        cells = [c.strip() for c in row]
        if len(cells) != 3 or not all(cells):
            raise AlignInputError(
                f"{p} row {n}: expected 3 columns (id, source path, target path), got {row!r}")
        pid, src, tgt = cells
        if pid in seen:
            raise AlignInputError(f"{p} row {n}: duplicate pair id {pid!r}")
        seen.add(pid)
        paths = []
        for f in (src, tgt):
            fp = Path(f) if Path(f).is_absolute() else p.parent / f
            if not fp.is_file():
                raise AlignInputError(f"{p} row {n} ({pid}): file not found: {f}")
            paths.append(fp)
        out.append((pid, paths[0], paths[1]))
    return out
