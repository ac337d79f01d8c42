"""Reading the inputs of the command line: report files and manifests.

Both fail with an :class:`~align.errors.AlignInputError` that names the file
and the problem, so the CLI prints one line instead of a traceback.
"""

from __future__ import annotations

import codecs
import csv
from pathlib import Path

from .errors import AlignInputError


#: Byte-order marks and the encodings they announce, longest first (UTF-32 LE
#: starts with the UTF-16 LE mark).
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


def decode_text(data: bytes, name: str = "input") -> str:
    r"""Text of a file's bytes, exactly as stored: line ends kept, a leading BOM dropped.

    UTF-8 without a mark is the default. A byte-order mark selects UTF-8,
    UTF-16 or UTF-32 (the mark makes the encoding unambiguous) and is not
    part of the text, so offsets count from the character after it. Line
    ends are not translated: ``\r\n`` stays two characters, so offsets
    index the text as stored.

    Example:
        >>> decode_text(b"\xef\xbb\xbfA\r\nB")
        'A\r\nB'
        >>> decode_text("A\r\nB".encode("utf-16"))
        'A\r\nB'
    """
    encoding, offset = "utf-8", 0
    for bom, codec in _BOMS:
        if data.startswith(bom):
            data, encoding, offset = data[len(bom):], codec, len(bom)
            break
    if not offset and data[:2000].count(b"\x00") > len(data[:2000]) // 4:
        raise AlignInputError(
            f"{name} looks like UTF-16 or UTF-32 without a byte-order mark (a NUL in every "
            "few bytes); save it as UTF-8, or with a byte-order mark")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = encoding.upper().replace("-LE", "").replace("-BE", "")
        raise AlignInputError(
            f"{name} is not {label} text (undecodable bytes at byte {exc.start + offset}); "
            "save it as UTF-8"
        ) from None


def read_text_file(path: str | Path) -> str:
    r"""A text file's content exactly as stored (see :func:`decode_text`), or an
    :class:`AlignInputError` saying why not.

    Offsets in every output index this string: a file with Windows line ends
    keeps its ``\r``, and a byte-order mark is dropped.
    """
    p = Path(path)
    if not p.exists():
        raise AlignInputError(f"file not found: {p}")
    if p.is_dir():
        raise AlignInputError(f"expected a text file, got a directory: {p}")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise AlignInputError(f"cannot read {p}: {exc.strerror or exc}") from None
    return decode_text(data, str(p))


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
        raw = decode_text(p.read_bytes(), f"manifest {p}")
    except FileNotFoundError:
        raise AlignInputError(f"manifest not found: {p}") from None
    except OSError as exc:
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
