"""Session fixtures: one `leakhound emulate` process shared by all official-client tests.

The binary is `$LEAKHOUND_BIN` (default: `target/debug/leakhound` under the repository root).
It is started on ephemeral ports; the URLs and credentials are parsed from the lines it prints:

    hubspot: http://127.0.0.1:PORT token=TOKEN
    zendesk: http://127.0.0.1:PORT email=EMAIL token=TOKEN oauth_token=TOKEN
    ready
"""

import json
import os
import pathlib
import re
import signal
import subprocess
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import pytest

REPO_ROOT = pathlib.Path(__file__).resolve().parents[4]
TICKETS = 250
SEED = 7
STARTUP_TIMEOUT_SECONDS = 120

HUBSPOT_LINE = re.compile(r"^hubspot: (?P<url>http://\S+) token=(?P<token>\S+)$")
ZENDESK_LINE = re.compile(
    r"^zendesk: (?P<url>http://\S+) email=(?P<email>\S+) token=(?P<token>\S+) oauth_token=(?P<oauth>\S+)$"
)


@dataclass
class Emulator:
    """A running `leakhound emulate` and what it accepts."""

    hubspot_url: str
    hubspot_token: str
    zendesk_url: str
    zendesk_email: str
    zendesk_token: str
    zendesk_oauth_token: str
    tickets: int = TICKETS
    seed: int = SEED
    process: subprocess.Popen = field(default=None, repr=False)

    @property
    def zendesk_host(self) -> str:
        """`127.0.0.1:PORT`, for ZENPY_FORCE_NETLOC."""
        return self.zendesk_url.split("://", 1)[1]

    def admin(self, helpdesk: str, method: str, path: str, json_body=None):
        """Calls `/_admin/...` on one emulator; returns decoded JSON, text (JSONL) or None."""
        base = self.hubspot_url if helpdesk == "hubspot" else self.zendesk_url
        data = None if json_body is None else json.dumps(json_body).encode()
        request = urllib.request.Request(base + path, data=data, method=method)
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with urllib.request.urlopen(request, timeout=30) as response:
            body = response.read()
            if not body:
                return None
            if response.headers.get("Content-Type", "").startswith("application/json"):
                return json.loads(body)
            return body.decode()


def _binary() -> pathlib.Path:
    configured = os.environ.get("LEAKHOUND_BIN")
    path = pathlib.Path(configured) if configured else REPO_ROOT / "target" / "debug" / "leakhound"
    if not path.is_absolute():
        path = REPO_ROOT / path
    if not path.exists():
        pytest.exit(f"leakhound binary not found at {path}; build it or set LEAKHOUND_BIN", returncode=2)
    return path


@pytest.fixture(scope="session")
def emulator():
    command = [
        str(_binary()),
        "emulate",
        "--hubspot-port", "0",
        "--zendesk-port", "0",
        "--tickets", str(TICKETS),
        "--seed", str(SEED),
    ]
    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=None,  # progress goes to the test output
        text=True,
        cwd=REPO_ROOT,
    )
    lines = []
    ready = threading.Event()

    def read_banner():
        for line in process.stdout:
            lines.append(line.rstrip("\n"))
            if line.strip() == "ready":
                ready.set()
                break
        ready.set()

    reader = threading.Thread(target=read_banner, daemon=True)
    reader.start()
    if not ready.wait(STARTUP_TIMEOUT_SECONDS) or not lines or lines[-1] != "ready":
        process.kill()
        pytest.exit(f"leakhound emulate did not start: {lines!r} (exit {process.poll()})", returncode=2)
    hubspot = next(m for m in map(HUBSPOT_LINE.match, lines) if m)
    zendesk = next(m for m in map(ZENDESK_LINE.match, lines) if m)
    running = Emulator(
        hubspot_url=hubspot["url"],
        hubspot_token=hubspot["token"],
        zendesk_url=zendesk["url"],
        zendesk_email=zendesk["email"],
        zendesk_token=zendesk["token"],
        zendesk_oauth_token=zendesk["oauth"],
        process=process,
    )
    try:
        yield running
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def zenpy_env(emulator):
    """Points zenpy at the Zendesk emulator (spec §2.11) for the session."""
    saved = {k: os.environ.get(k) for k in ("ZENPY_FORCE_SCHEME", "ZENPY_FORCE_NETLOC")}
    os.environ["ZENPY_FORCE_SCHEME"] = "http"
    os.environ["ZENPY_FORCE_NETLOC"] = emulator.zendesk_host
    try:
        yield emulator
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


@pytest.fixture
def reset_faults(emulator):
    """Restores both emulators' fault knobs after a test that changes them."""
    saved = {h: emulator.admin(h, "GET", "/_admin/faults") for h in ("hubspot", "zendesk")}
    yield
    for helpdesk, config in saved.items():
        emulator.admin(helpdesk, "PUT", "/_admin/faults", config)


__all__ = ["Emulator", "urllib"]
