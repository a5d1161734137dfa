"""Looking at an SQLite file before companion touches it: is it ours, is it whole, is it private.

Opening a database through the engine switches it to WAL and migrates it, which writes. A file
that belongs to another program, or that ``PRAGMA quick_check`` finds damaged, must be refused
with one line and left byte for byte as it was, so it is first read here, read-only.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

from companion.errors import StoreError
from companion.files import PRIVATE_FILE

# Every companion database has Alembic's table, at one of our revisions ("0001", "0002", ...);
# a file with tables and no such revision belongs to another program.
_OUR_REVISION = re.compile(r"\d{4}")
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")


def sqlite_files(database: Path) -> list[Path]:
    """The database file and the side files SQLite keeps beside it."""
    return [database, *(database.with_name(database.name + s) for s in SIDE_SUFFIXES)]


def create_private(database: Path) -> None:
    """Create an empty database file as 0600, so SQLite makes its -wal and -shm 0600 too."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))


def check_sqlite_file(database: Path, shown: str) -> None:
    """Raise StoreError for a file that is not a companion database or is damaged."""
    if not database.exists() or database.stat().st_size == 0:
        return  # a new database
    if not database.is_file():
        raise StoreError(f"cannot open database {shown}: it is not a regular file")
    with _read_only(database) as connection:
        try:
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revisions = (
                [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
                if "alembic_version" in tables
                else []
            )
            ours = "alembic_version" in tables and all(
                _OUR_REVISION.fullmatch(str(r)) for r in revisions
            )
            if tables and not ours:
                listed = ", ".join(sorted(tables)[:4]) + (", ..." if len(tables) > 4 else "")
                raise StoreError(
                    f"{shown} is not a companion database (another program's SQLite file,"
                    f" tables: {listed}); it was left untouched"
                )
            verdict = [row[0] for row in connection.execute("PRAGMA quick_check")]
        except sqlite3.DatabaseError as error:
            if "locked" in str(error) or "busy" in str(error):
                return  # another process is setting it up: the engine's busy timeout takes over
            what = "damaged" if "malformed" in str(error) else "not SQLite"
            raise StoreError(
                f"{shown} is not a companion database ({what}: {error}); it was left untouched"
            ) from None
        if verdict != ["ok"]:
            raise StoreError(
                f"{shown} is not a usable companion database (damaged, quick_check: "
                f"{verdict[0][:80]}); it was left untouched: restore a copy, or move it away"
            )


@contextlib.contextmanager
def _read_only(database: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection. If what it finds is refused, the side files the read made (a WAL
    file's ``-shm``) are removed, so a file that is not ours is left as it was. A database that
    is ours keeps them: another companion process may be using them this very moment."""
    existed = {path for path in sqlite_files(database)[1:] if path.exists()}
    uri = f"file:{quote(str(database.resolve()))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise StoreError(f"cannot read database {database}: {error}") from None
    refused = False
    try:
        yield connection
    except StoreError:
        refused = True
        raise
    finally:
        connection.close()
        if refused:
            for path in sqlite_files(database)[1:]:
                if path not in existed:
                    with contextlib.suppress(OSError):
                        path.unlink()
