"""Writing files: never half a file after a crash, and never readable by other accounts.

What a person tells her is theirs: the folders companion creates are 0700 and the files that hold
conversations, memories, exports and personas 0600, whatever the umask (as ssh and gpg do).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
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


PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def private_folder(path: Path) -> Path:
    """Create ``path`` (and missing parents) as 0700; tighten it if it already exists."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
    for folder in [path, *missing]:
        tighten(folder, PRIVATE_FOLDER)
    return path


def tighten(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Make an existing file (or folder) ours alone; a file we cannot change is left as it is."""
    try:
        if path.exists() and (path.stat().st_mode & 0o777) != mode:
            path.chmod(mode)
    except OSError:
        pass  # not ours to change (a shared --db, a read-only mount): never fail a read for it


def write_private_text(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` as a 0600 file (an existing file is tightened first)."""
    tighten(path)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        handle.write(text)


@contextlib.contextmanager
def exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock_file`` (created 0600) across processes; waits for it."""
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
    try:
        try:
            import fcntl
        except ImportError:  # not POSIX: no lock, as before
            yield
            return
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)
