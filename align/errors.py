"""Exceptions and warnings raised for bad input.

Every problem a user can cause (empty text, wrong language, binary junk, a
missing file) surfaces as an :class:`AlignInputError` with a message that says
what is wrong and what to do, never as a traceback from deep inside numpy.
"""

from __future__ import annotations


class AlignError(Exception):
    """Base class of every error raised on purpose by ``align``."""


class AlignInputError(AlignError, ValueError):
    """The input cannot be compared as given (empty, binary, unreadable...)."""


class AlignWarning(UserWarning):
    """Something about the input looks wrong but the comparison still ran."""


class AlignEncoderError(AlignError, RuntimeError):
    """An encoder returned unusable embeddings (wrong shape, NaN or infinite values)."""
