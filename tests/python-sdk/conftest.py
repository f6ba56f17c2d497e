"""Fixtures: a Nightfall client pointed at the leakhound server started by run.sh."""

import json
import os
import queue
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from nightfall import Nightfall

BASE = os.environ.get("LEAKHOUND_URL", "http://127.0.0.1:8080")
KEY = os.environ.get("LEAKHOUND_KEY", "NF-sdkTestKey0000000000000000000001")
SECRET = os.environ.get("LEAKHOUND_SIGNING_SECRET", "sdk-test-signing-secret")


def point_at(nf: Nightfall, base: str) -> Nightfall:
    """The SDK's host is fixed in class attributes (spec §6.1): override all five on the
    instance, changing nothing but the base URL."""
    nf.TEXT_SCAN_ENDPOINT_V3 = base + "/v3/scan"
    nf.FILE_SCAN_INITIALIZE_ENDPOINT = base + "/v3/upload"
    nf.FILE_SCAN_UPLOAD_ENDPOINT = base + "/v3/upload/{0}"
    nf.FILE_SCAN_COMPLETE_ENDPOINT = base + "/v3/upload/{0}/finish"
    nf.FILE_SCAN_SCAN_ENDPOINT = base + "/v3/upload/{0}/scan"
    return nf


@pytest.fixture
def nf():
    client = point_at(Nightfall(key=KEY), BASE)
    client.signing_secret = SECRET
    return client


@pytest.fixture
def bad_nf():
    return point_at(Nightfall(key="NF-notAnAcceptedKey"), BASE)


class Webhook:
    """A webhook receiver on loopback: answers challenges, queues notifications."""

    def __init__(self):
        self.notifications = queue.Queue()
        self.challenges = 0
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                raw = self.rfile.read(length).decode("utf-8")
                try:
                    body = json.loads(raw)
                except ValueError:
                    body = {}
                if isinstance(body, dict) and "challenge" in body:
                    hook.challenges += 1
                    reply = body["challenge"].encode()
                else:
                    hook.notifications.put(
                        (
                            self.headers.get("X-Nightfall-Signature"),
                            self.headers.get("X-Nightfall-Timestamp"),
                            raw,
                        )
                    )
                    reply = b""
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/ingest" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def webhook():
    hook = Webhook()
    yield hook
    hook.close()
