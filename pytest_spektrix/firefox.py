"""Firefox ESR (Debian's `firefox-esr`, or any Firefox on the machine) driven by Playwright over
WebDriver BiDi, for machines where Playwright's own Firefox cannot be downloaded.

Playwright launches a system Firefox over BiDi with the channel "moz-firefox". It sends a few
emulation commands when it makes a browser context that this ESR does not know yet (its BiDi
targets Firefox's newest release), and would fail the context. Playwright launches this module
instead of Firefox (`launch_options()` writes the launcher): it starts Firefox, relays BiDi
between the two on loopback, and answers only those commands, each with the empty success the
protocol defines for them, so a context gets the browser's defaults (no colour scheme, screen or
download override). Every other command and answer passes unchanged, errors included.

    browser = playwright.firefox.launch(**launch_options())
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

# BiDi commands Playwright 1.65 sends when it makes a context, unknown to Firefox ESR 153: each
# returns an empty result in the BiDi specification, which is what the relay answers.
EMPTY_RESULT_COMMANDS = frozenset({
    "emulation.setMediaFeaturesOverride",
    "emulation.setScreenSettingsOverride",
    "emulation.setScreenOrientationOverride",
    "browser.setDownloadBehavior",
})
FIREFOX_CANDIDATES = ("firefox-esr", "firefox")
LISTENING = re.compile(r"WebDriver BiDi listening on (ws://\S+)")
UNKNOWN_COMMAND = "unknown command"


def firefox_path() -> str | None:
    """FIREFOX_PATH, else the first Firefox on PATH."""
    override = os.environ.get("FIREFOX_PATH")
    if override:
        return override
    return next(filter(None, map(shutil.which, FIREFOX_CANDIDATES)), None)


def launch_options() -> dict[str, Any]:
    """Keyword arguments for `playwright.firefox.launch()` that drive the system Firefox through
    this relay."""
    firefox = firefox_path()
    if firefox is None:
        raise RuntimeError("No Firefox found: install firefox-esr (Debian) or set FIREFOX_PATH.")
    launcher = Path(tempfile.gettempdir()) / f"spektrix-firefox-{os.getuid()}.sh"
    script = f'#!/bin/sh\nexec "{sys.executable}" -m pytest_spektrix.firefox "{firefox}" "$@"\n'
    if not launcher.exists() or launcher.read_text() != script:
        # Written whole, then moved into place: a parallel run may be starting it meanwhile.
        written = launcher.with_name(f"{launcher.name}.{os.getpid()}")
        written.write_text(script)
        written.chmod(0o700)
        os.replace(written, launcher)
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return {"channel": "moz-firefox", "executable_path": str(launcher), "env": env}


def answered_here(message: dict[str, Any], sent: dict[int, str]) -> dict[str, Any]:
    """Firefox's `message`, or the success to send instead when it is an unknown-command error
    for one of EMPTY_RESULT_COMMANDS (`sent`: command ids -> methods)."""
    method = sent.pop(message.get("id"), None) if "id" in message else None
    unknown = message.get("type") == "error" and message.get("error") == UNKNOWN_COMMAND
    if unknown and method in EMPTY_RESULT_COMMANDS:
        return {"type": "success", "id": message["id"], "result": {}}
    return message


async def _relay(firefox: str, arguments: list[str]) -> int:
    import websockets  # only the relay's own process needs it

    process = await asyncio.create_subprocess_exec(firefox, *arguments, stderr=asyncio.subprocess.PIPE)
    upstream = await _listening(process)

    async def connect(client: Any) -> None:
        sent: dict[int, str] = {}
        async with websockets.connect(upstream + client.request.path, max_size=None) as firefox_socket:

            async def to_firefox() -> None:
                async for text in client:
                    command = json.loads(text)
                    sent[command.get("id")] = command.get("method", "")
                    await firefox_socket.send(text)

            async def to_playwright() -> None:
                async for text in firefox_socket:
                    message = json.loads(text)
                    answer = answered_here(message, sent)
                    await client.send(text if answer is message else json.dumps(answer))

            await asyncio.gather(to_firefox(), to_playwright())

    async with websockets.serve(connect, "127.0.0.1", 0, max_size=None) as server:
        port = server.sockets[0].getsockname()[1]
        print(f"WebDriver BiDi listening on ws://127.0.0.1:{port}", file=sys.stderr, flush=True)
        return await process.wait()


async def _listening(process: asyncio.subprocess.Process) -> str:
    """Firefox's BiDi address, from its stderr (which keeps flowing to ours)."""
    assert process.stderr is not None
    while line := await process.stderr.readline():
        found = LISTENING.search(line.decode(errors="replace"))
        if found:
            asyncio.get_running_loop().create_task(_copy(process.stderr))
            return found.group(1).removesuffix("/session")
        sys.stderr.write(line.decode(errors="replace"))
    raise SystemExit(await process.wait() or 1)


async def _copy(stream: asyncio.StreamReader) -> None:
    while line := await stream.readline():
        sys.stderr.write(line.decode(errors="replace"))


if __name__ == "__main__":
    sys.exit(asyncio.run(_relay(sys.argv[1], sys.argv[2:])))
