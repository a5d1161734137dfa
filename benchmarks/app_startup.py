"""The Textual app in a real 80x24 terminal (tmux): process start to first paint and first reply.

Usage: .venv/bin/python benchmarks/app_startup.py [--runs 5]

Each run starts a detached tmux session of 80x24 on a private tmux socket (other tmux sessions
are never touched) that launches ``.venv/bin/companion --user bench --db sqlite:///HOME/runN.db``
directly, no shell in between. The clock starts right before ``tmux new-session``; the screen is
read with ``tmux capture-pane -p`` every 20 ms:

* first paint: until the persona name "Samantha" is on screen;
* first reply: "Who directed Her?" and Enter are typed at once, then until "Spike Jonze" is on
  screen, still from process start (matched on "Jonze": the chat may wrap the name over two
  lines). This includes the app's typing-indicator pause (reply length / the persona's
  typing_chars_per_second, at most 2 s).

Then C-q quits and the session is killed if it is still there. A first run fills the embedding
cache in a temporary COMPANION_HOME (it waits until the "waking up" status clears) and is reported
apart; the measured runs reuse that warm cache, each with a new database, so no earlier reply is
on screen. Needs tmux and Linux (/proc, for the CPU used by other processes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from _common import REPO, OtherLoad

COMPANION = REPO / ".venv" / "bin" / "companion"
SOCKET = "companion-bench"  # a tmux server of our own
SESSION = f"bench-{os.getpid()}"
POLL_SECONDS = 0.02
NAME, QUESTION = "Samantha", "Who directed Her?"
ANSWER = "Jonze"  # of "Spike Jonze", which may wrap over two lines


@dataclass(frozen=True)
class Run:
    paint: float  # seconds from process start to the name on screen
    reply: float  # seconds from process start to the answer on screen
    other: float  # share of the machine's CPU used by other processes


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", "-L", SOCKET, *args], capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"tmux {args[0]}: {done.stderr.strip() or 'failed'}")
    return done.stdout


def wait_for(test: Callable[[str], bool], timeout: float) -> float:
    """The perf_counter time at which the screen first passes ``test``."""
    deadline, screen = time.perf_counter() + timeout, ""
    while time.perf_counter() < deadline:
        try:
            screen = tmux("capture-pane", "-p", "-t", SESSION)
        except RuntimeError as error:
            raise RuntimeError(f"companion is gone before the screen was ready ({error})") from None
        if test(screen):
            return time.perf_counter()
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"screen not ready after {timeout:.0f} s:\n{screen}")


def tmux_gone() -> bool:
    check = subprocess.run(
        ["tmux", "-L", SOCKET, "has-session", "-t", SESSION], capture_output=True
    )
    return check.returncode != 0


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (all its threads), from /proc/PID/stat."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_once(home: Path, database: Path, fill_cache: bool = False) -> Run:
    env = dict(os.environ, COMPANION_HOME=str(home), HF_HUB_OFFLINE="1")
    env.pop("COMPANION_DB", None)
    command = [str(COMPANION), "--user", "bench", "--db", f"sqlite:///{database}"]
    size = ["-x", "80", "-y", "24"]
    settings = ["-e", f"COMPANION_HOME={home}", "-e", "HF_HUB_OFFLINE=1"]
    load = OtherLoad()
    started = time.perf_counter()
    subprocess.run(
        ["tmux", "-L", SOCKET, "new-session", "-d", "-s", SESSION, *size, *settings, *command],
        env=env,
        check=True,
    )
    try:
        # the app and the tmux server run outside this process tree: their CPU is ours too
        pids = [int(p) for p in tmux("display", "-p", "-t", SESSION, "#{pane_pid} #{pid}").split()]
        paint = wait_for(lambda screen: NAME in screen, 60) - started
        tmux("send-keys", "-t", SESSION, QUESTION, "Enter")
        reply = wait_for(lambda screen: ANSWER in screen, 120) - started
        if fill_cache:
            ready = wait_for(lambda screen: "waking up" not in screen, 900) - started
            print(f"embedding cache filled; the model was ready {ready:.1f} s after start")
        other = load.share(ours=sum(cpu_seconds(pid) for pid in pids))
        tmux("send-keys", "-t", SESSION, "C-q")
        deadline = time.perf_counter() + 10
        while time.perf_counter() < deadline and not tmux_gone():
            time.sleep(0.1)
    finally:
        if not tmux_gone():
            tmux("kill-session", "-t", SESSION)
    return Run(paint, reply, other)


def show(label: str, run: Run) -> None:
    print(
        f"{label:<24} first paint {run.paint:5.2f} s   first reply {run.reply:5.2f} s   "
        f"CPU used by other processes {run.other:.0%}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="companion-app-"))
    print(f"COMPANION_HOME={home} (terminal 80x24, tmux {tmux('-V').split()[-1]})")

    show("cold cache (fills it)", run_once(home, home / "run0.db", fill_cache=True))
    runs = []
    for number in range(1, args.runs + 1):
        runs.append(run_once(home, home / f"run{number}.db"))
        show(f"warm cache, run {number}", runs[-1])

    for label, values in [
        ("first paint", [r.paint for r in runs]),
        ("first reply", [r.reply for r in runs]),
    ]:
        print(
            f"{label}, warm cache, {len(runs)} runs: median {statistics.median(values):.2f} s, "
            f"max {max(values):.2f} s"
        )


if __name__ == "__main__":
    main()
