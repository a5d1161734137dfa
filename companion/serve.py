"""``companion serve``: the app in a browser, for its owner only.

textual-serve starts one app process per websocket and checks nothing: any page the browser
visits could open that websocket (and read the conversation, and type into it), and so could any
other account on the machine. This server adds what it lacks:

- a login: a secret token in the address printed at start (as Jupyter does); the page swaps it
  for an HttpOnly, SameSite=Strict cookie, and every request but the static files needs it;
- the websocket's Origin and every request's Host must be the served address (no foreign page,
  no DNS rebinding);
- loopback by default; a wider bind needs ``--public``, warns, and serves its real public URL;
- at most ``--max-sessions`` app processes at once, and each ends with its connection: one that
  does not quit within a few seconds is killed;
- no secret on a command line: the database URL reaches the app processes in the environment,
  and the banner never shows it.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import logging
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from companion.errors import CompanionError

COOKIE = "companion_token"
STOP_SECONDS = 5.0
log = logging.getLogger("companion.serve")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def served_url(host: str, port: int, public: bool, public_url: str | None) -> str:
    """The address browsers use; a wider bind must say it explicitly (one line otherwise)."""
    if not is_loopback(host) and not public:
        raise CompanionError(
            f"--host {host} would serve your conversations beyond this machine; add --public "
            "to mean it (a login token is still required)"
        )
    if public_url:
        parts = urlsplit(public_url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise CompanionError(
                f"--public-url must look like http://HOST:PORT, not {public_url!r}"
            )
        return f"{parts.scheme}://{parts.netloc}"
    if host in {"0.0.0.0", "::", ""}:
        raise CompanionError(
            f"--host {host} listens on every interface; say which address browsers will use "
            "with --public-url http://HOST:PORT"
        )
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


# How long the banner waits for the port to accept connections (250 x 20 ms = 5 s).
LISTEN_POLLS = 250
LISTEN_POLL_SECONDS = 0.02


class PrivateServer(Server):
    """textual-serve's Server with a login, Origin and Host checks, and a session cap."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        public_url: str,
        token: str | None = None,
        max_sessions: int = 4,
    ) -> None:
        super().__init__(command, host=host, port=port, title="companion", public_url=public_url)
        self.token = token or secrets.token_urlsafe(32)
        self.max_sessions = max_sessions
        self.sessions = 0
        parts = urlsplit(public_url)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.allowed_hosts = {parts.netloc.lower()}
        if is_loopback(host):  # the same loopback server, however the browser names it
            self.allowed_hosts |= {f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}"}
            self.allowed_origins = {f"http://{h}" for h in self.allowed_hosts}
        else:
            self.allowed_origins = {self.origin}

    @property
    def login_url(self) -> str:
        return f"{self.public_url}/?token={self.token}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        return app

    def _has_token(self, request: web.Request) -> bool:
        offered = request.cookies.get(COOKIE) or request.query.get("token") or ""
        return hmac.compare_digest(offered.encode(), self.token.encode())

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.host.lower() not in self.allowed_hosts:
            return web.Response(status=421, text="companion: wrong host for this server\n")
        if request.path.startswith("/static/"):
            return await handler(request)  # the page's own scripts and styles; no user data
        if not self._has_token(request):
            return web.Response(
                status=403,
                text="companion: open the address printed when the server started; "
                "it carries the login token\n",
            )
        if request.path == "/ws":
            if request.headers.get("Origin", "") not in self.allowed_origins:
                return web.Response(status=403, text="companion: websocket from another page\n")
            if self.sessions >= self.max_sessions:
                return web.Response(status=503, text="companion: too many open sessions\n")
        if request.path == "/" and "token" in request.query:
            # Swap the token in the address for a cookie, so it leaves the address bar.
            response = web.HTTPFound("/")
            response.set_cookie(
                COOKIE,
                self.token,
                httponly=True,
                samesite="Strict",
                secure=self.public_url.startswith("https"),
            )
            return response
        return await handler(request)

    async def on_startup(self, app: web.Application) -> None:
        # aiohttp runs on_startup before it binds the port: the banner waits until the port
        # accepts connections, so the address it prints works the moment it is shown.
        self._announcing = asyncio.get_running_loop().create_task(self._announce_when_listening())

    async def _announce_when_listening(self) -> None:
        wildcard = {"0.0.0.0": "127.0.0.1", "": "127.0.0.1", "::": "::1"}
        host = wildcard.get(self.host, self.host)
        for _ in range(LISTEN_POLLS):
            try:
                _, writer = await asyncio.open_connection(host, self.port)
            except OSError:
                await asyncio.sleep(LISTEN_POLL_SECONDS)
                continue
            writer.close()
            break
        # The upstream banner prints the whole command line, which may hold a database URL.
        print(f"companion is serving on {self.public_url}", flush=True)
        print(f"open {self.login_url} (the token is your login; keep it private)", flush=True)
        print("Ctrl-C stops the server", flush=True)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """Upstream's handler, counted, and sure to end its app process."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        self.sessions += 1
        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as upstream passes it
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            self.sessions -= 1
            if app_service is not None:
                await stop_app(app_service)
        return websocket


async def stop_app(app_service: AppService) -> None:
    """Ask the app process to quit; kill it if it has not ended within STOP_SECONDS.

    A tab closed while the app is starting can leave a process that ignores its quit and its
    SIGTERM and spins (upstream, in Textual's web driver): it must not outlive its connection.
    """
    with contextlib.suppress(Exception):
        await asyncio.wait_for(app_service.stop(), STOP_SECONDS)
    process: Any = getattr(app_service, "_process", None)
    if process is not None and process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.kill()
        with contextlib.suppress(Exception):
            await asyncio.wait_for(process.wait(), STOP_SECONDS)
