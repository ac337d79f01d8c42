"""One encoder instance per name and process, shared by compare, batches and pairing.

Loading a model costs seconds and its in-run cache saves re-encoding texts
that recur (a report compared with several others, sentences inside
windows), so every entry point asks here for its encoder.
"""

from __future__ import annotations

import os
from typing import Any

from .base import CachedEncoder, Encoder, get_encoder
from .disk_cache import DiskCachedEncoder

# One per (name, cache directory, options): a Dask worker builds its model
# once and reuses it for every partition it receives.
_SHARED: dict[tuple, CachedEncoder] = {}


def shared_encoder(encoder: str | Encoder | None = None, cache_dir: str | os.PathLike | None = None,
                   encoder_kwargs: dict[str, Any] | None = None) -> CachedEncoder:
    """The cached encoder for ``encoder``: named ones built once per process, optionally disk-cached.

    A :class:`CachedEncoder` is used as it is (unless a ``cache_dir`` is
    asked for); another instance is wrapped afresh, since it is the
    caller's to keep.

    Example:
        >>> shared_encoder("use-m") is shared_encoder("use-m")
        True
    """
    kwargs = dict(encoder_kwargs or {})
    if isinstance(encoder, CachedEncoder) and cache_dir is None:
        return encoder
    named = encoder is None or isinstance(encoder, str)
    key = (encoder if named else id(encoder), str(cache_dir) if cache_dir else None,
           tuple(sorted(kwargs.items())))
    if key in _SHARED:
        return _SHARED[key]
    base = get_encoder(encoder, **kwargs) if named else get_encoder(encoder)
    if cache_dir is not None:
        base = DiskCachedEncoder(base, cache_dir)
    enc = CachedEncoder(base)
    if named:
        _SHARED[key] = enc
    return enc
