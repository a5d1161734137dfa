"""``companion serve`` is for its owner: a login token, Origin and Host checks, loopback unless
--public, a session cap, no app process outliving its connection, no secret on a command line."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from tests.conftest import run_env
from tests.test_serve import free_port


class Served:
    def __init__(self, process: subprocess.Popen[str], port: int, token: str) -> None:
        self.process = process
        self.port = port
        self.token = token
        self.base = f"http://127.0.0.1:{port}"


@pytest.fixture
def served(isolated_home: Path, tmp_path: Path) -> Iterator[Served]:
    port = free_port()
    env = run_env(isolated_home)
    env["COMPANION_DB"] = f"sqlite:///{tmp_path / 'web.db'}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "companion",
            "serve",
            "--port",
            str(port),
            "--user",
            "web",
            "--max-sessions",
            "1",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    token = ""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not token:
        line = process.stdout.readline()
        if found := re.search(r"token=(\S+)", line):
            token = found.group(1)
    assert token, "no login address printed"
    try:
        yield Served(process, port, token)
    finally:
        process.terminate()
        process.wait(timeout=15)


def app_processes() -> list[str]:
    listing = subprocess.run(["ps", "-eo", "pid,args"], capture_output=True, text=True).stdout
    return [line for line in listing.splitlines() if "-m companion --user web" in line]


async def _status(url: str, **kwargs: object) -> int:
    async with aiohttp.ClientSession() as session, session.get(url, **kwargs) as response:  # type: ignore[arg-type]
        return response.status


async def _websocket(served: Served, origin: str, token: str | None) -> int:
    headers = {"Origin": origin}
    cookies = {"companion_token": token} if token else {}
    async with aiohttp.ClientSession(cookies=cookies) as session:
        try:
            async with session.ws_connect(
                f"{served.base}/ws?width=80&height=24", headers=headers
            ) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_page_needs_the_token_and_swaps_it_for_a_cookie(served: Served) -> None:
    assert asyncio.run(_status(f"{served.base}/")) == 403
    assert asyncio.run(_status(f"{served.base}/?token=wrong")) == 403
    assert (
        asyncio.run(_status(f"{served.base}/?token={served.token}", allow_redirects=False)) == 302
    )
    assert asyncio.run(_status(f"{served.base}/", cookies={"companion_token": served.token})) == 200


def test_foreign_origin_host_or_no_login_is_refused(served: Served) -> None:
    assert asyncio.run(_websocket(served, "http://evil.example", served.token)) == 403
    assert asyncio.run(_websocket(served, served.base, None)) == 403
    rebinding = asyncio.run(
        _status(
            f"{served.base}/",
            headers={"Host": f"evil.example:{served.port}"},
            cookies={"companion_token": served.token},
        )
    )
    assert rebinding == 421


def test_app_process_ends_with_its_connection(served: Served) -> None:
    assert asyncio.run(_websocket(served, served.base, served.token)) == 101
    deadline = time.monotonic() + 15
    while app_processes() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert app_processes() == []


def test_sessions_are_capped_and_no_database_url_is_on_a_command_line(served: Served) -> None:
    async def hold() -> tuple[list[str], int]:
        cookies = {"companion_token": served.token}
        url = f"{served.base}/ws?width=80&height=24"
        async with (
            aiohttp.ClientSession(cookies=cookies) as session,
            session.ws_connect(url, headers={"Origin": served.base}) as ws,
        ):
            await asyncio.sleep(2)
            seen = app_processes()
            second = await _websocket(served, served.base, served.token)  # over --max-sessions 1
            await ws.close()
            return seen, second

    seen, second = asyncio.run(hold())
    assert second == 503
    assert seen and not any("sqlite" in line or "--db" in line for line in seen)


def test_binding_beyond_loopback_needs_public(isolated_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "companion", "serve", "--host", "0.0.0.0", "--port", "1"],
        env=run_env(isolated_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "--public" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    wildcard = subprocess.run(
        [
            sys.executable,
            "-m",
            "companion",
            "serve",
            "--host",
            "0.0.0.0",
            "--public",
            "--port",
            "1",
        ],
        env=run_env(isolated_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert wildcard.returncode == 2 and "--public-url" in wildcard.stderr
