"""Sentence encoders: a protocol, a registry and the built-in backends.

Built-ins: ``"use-m"`` (the default; USE multilingual v3 in numpy, offline),
``"st:<model>"`` (any sentence-transformers model by name or local path; needs
``pip install align[st]``) and any others registered below.
"""

from __future__ import annotations

from .base import (
    CachedEncoder,
    Encoder,
    available_encoders,
    get_encoder,
    l2_normalise,
    register_encoder,
)
from .use import USEEncoder

#: The encoder used when none is named; chosen by benchmarks/encoders.py.
DEFAULT_ENCODER = "use-m"

register_encoder("use-m", USEEncoder)

__all__ = [
    "CachedEncoder",
    "DEFAULT_ENCODER",
    "Encoder",
    "USEEncoder",
    "available_encoders",
    "get_encoder",
    "l2_normalise",
    "register_encoder",
]
