"""The interchange JSON of a comparison (format version 1, see README)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..result import Comparison

FORMAT_VERSION = 1


def _side(doc) -> dict:
    return {
        "lang": doc.lang,
        "segments": [
            {"id": s.id, "start": s.start, "end": s.end, "text": s.text} for s in doc.segments
        ],
    }


def comparison_to_dict(cmp: "Comparison") -> dict:
    """Plain-Python structure of ``cmp``: version, signature, a, b, links, flags."""
    return {
        "version": FORMAT_VERSION,
        "signature": cmp.signature,
        "a": _side(cmp.a),
        "b": _side(cmp.b),
        "links": [
            {"a": list(link.a), "b": list(link.b), "score": round(float(link.score), 4)}
            for link in cmp.link_list
        ],
        "flags": [
            {
                "side": f.side,
                "start": f.start,
                "end": f.end,
                "text": f.text,
                "kind": f.kind,
                "confidence": round(float(f.confidence), 4),
                "segment": f.segment,
                "evidence": evidence_to_dict(f.evidence),
            }
            for f in cmp.flag_list
        ],
    }


def _span(span) -> dict:
    out = {"start": span.start, "end": span.end, "text": span.text}
    if span.value:
        out["value"] = span.value
    return out


def evidence_to_dict(ev) -> dict:
    """A flag's evidence: its missing words and, for a conflict, the values of both sides
    (spans of the flag's side, ``other_values`` of the other side); the closest
    counterpart segment of the other side with the cosine of the two."""
    counterpart = (None if ev.counterpart is None else
                   {"segment": int(ev.counterpart),
                    "score": None if ev.counterpart_score is None
                    else round(float(ev.counterpart_score), 4)})
    return {
        "missing": [_span(m) for m in ev.missing],
        "counterpart": counterpart,
        "value": ev.value,
        "other_values": [_span(m) for m in ev.other_values],
    }


def comparison_to_json(cmp: "Comparison", indent: int | None = 2) -> str:
    """``comparison_to_dict`` serialised; non-ASCII text is kept readable."""
    return json.dumps(comparison_to_dict(cmp), ensure_ascii=False, indent=indent)
