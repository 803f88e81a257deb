"""`gongkai serve` answers over a real WSGI server on IPv4 and IPv6."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _ipv6() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.read()
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_it_serves_the_site_and_static_files_on_ipv4_and_ipv6(tmp_path: Path):
    port = _free_port()
    env = dict(os.environ, GONGKAI_DATA_DIR=str(tmp_path), GONGKAI_TESTING="0", GONGKAI_DEBUG="0")
    env["DATABASE_URL"] = f"sqlite:///{tmp_path}/serve.sqlite3"
    env["GONGKAI_SECRET_KEY"] = "serve-test-key-" + "x" * 40
    subprocess.run(
        [sys.executable, "-m", "gongkai.cli", "migrate", "-v0"], env=env, check=True, timeout=120
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "gongkai.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        assert b'"status": "ok"' in _get(f"http://127.0.0.1:{port}/healthz", deadline)
        assert b"--red" in _get(f"http://127.0.0.1:{port}/static/gongkai/site.css", deadline)
        if _ipv6():
            assert b"ok" in _get(f"http://[::1]:{port}/healthz", deadline)
        else:
            pytest.skip("本机无 IPv6 / no IPv6 on this machine")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
