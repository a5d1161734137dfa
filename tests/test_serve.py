"""``companion serve`` serves the app to a browser on loopback."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import run_env


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_with_the_app_page(isolated_home: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "companion", "serve", "--port", str(port), "--user", "web"],
        env=run_env(isolated_home),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        assert server.stdout is not None
        token = ""
        deadline = time.monotonic() + 60
        while not token and time.monotonic() < deadline:
            line = server.stdout.readline().decode()
            found = re.search(r"token=(\S+)", line)
            token = found.group(1) if found else ""
        page = ""
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/", headers={"Cookie": f"companion_token={token}"}
        )
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(request, timeout=2) as response:
                    assert response.status == 200
                    page = response.read().decode("utf-8", errors="replace")
                    break
            except OSError:
                time.sleep(0.3)
        assert "companion" in page.lower() and "<html" in page.lower()
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_app_with_a_corrupt_database_exits_2_with_one_line(
    isolated_home: Path, tmp_path: Path
) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all\n" * 50)
    result = subprocess.run(
        [sys.executable, "-m", "companion", "--db", f"sqlite:///{path}"],
        env={**run_env(isolated_home), "TERM": "dumb"},
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 2
    assert "not a companion database" in (result.stdout + result.stderr)
    assert path.read_bytes() == b"not a database at all\n" * 50
