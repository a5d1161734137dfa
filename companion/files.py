"""Writing a file so that a crash or a full disk never leaves half of it behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def write_atomically(
    target: Path,
    write: Callable[[Path], object],
    *,
    suffix: str = ".tmp",
    ignore: tuple[type[BaseException], ...] = (),
) -> bool:
    """Call ``write`` on a temporary file beside ``target``, then put it in ``target``'s place in
    one step. The temporary file never outlives the call. Errors from writing or replacing that
    are in ``ignore`` return False (the old file, if any, is untouched); others propagate."""
    target.parent.mkdir(parents=True, exist_ok=True)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, suffix=suffix)
    os.close(descriptor)
    try:
        write(Path(temporary))
        os.replace(temporary, target)
        return True
    except ignore:
        return False
    finally:
        Path(temporary).unlink(missing_ok=True)
