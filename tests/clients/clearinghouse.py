"""Runs the real `clearinghouse` binary for the client tests: a temp data dir, a
configuration on a free loopback port, seeded by `clearinghouse harvest`, and `serve`
stopped and started again on the same port.

Used by `oai_clients.py` and `api_contract.py`; `.ci/run` calls them after the Rust tests.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request

N_TU = 250
N_LYON = 40
DELETED_TU = [3, 17, 42, 99, 100, 101, 249]


def free_port():
    """A loopback port nobody listens on now (the server binds it again at start)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tu_record(i):
    return {
        "id": f"tu-{i}",
        "title": {"en": f"Course {i} <&> \"q\" ]]>", "de": f"Kurs {i}"},
        "credits": {"value": 5, "scheme": "ects"},
        "eqf_level": 6,
        "learning_outcomes": [{"text": {"en": f"Outcome {i}"}}],
        "awarding_body": {"name": {"en": "TU Demo"}, "country": "DE"},
    }


class Clearinghouse:
    """One clearinghouse: its files, and the `serve` process while it runs."""

    def __init__(self, binary):
        self.binary = os.path.abspath(binary)
        self.dir = tempfile.mkdtemp(prefix="clearinghouse-clients-")
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.feed_tu = os.path.join(self.dir, "tu.json")
        self.feed_lyon = os.path.join(self.dir, "lyon.jsonl")
        self.config = os.path.join(self.dir, "clearinghouse.toml")
        with open(self.config, "w") as out:
            out.write(
                f"""data_dir = "data"
[server]
listen = "127.0.0.1:{self.port}"
workers = 2
# The clients and schemathesis send many requests at once, some without a valid token.
rate_limit_per_minute = 0
failed_auth_per_minute = 0
[harvest]
harvest_on_start = false
[index]
writer_heap_bytes = 20000000

[[sources]]
id = "demo-tu"
institution = "TU Demo"
country = "DE"
protocol = "file"
url = "tu.json"
format = "clearinghouse-json"

[[sources]]
id = "demo-lyon"
institution = "Université Démo de Lyon"
country = "FR"
protocol = "file"
url = "lyon.jsonl"
format = "clearinghouse-json"
"""
            )

    def seed(self):
        """Harvests both feeds, then the TU feed again without `DELETED_TU`: tombstones.
        Returns the upstream ids expected live and deleted."""
        with open(self.feed_tu, "w") as out:
            json.dump([tu_record(i) for i in range(N_TU)], out)
        with open(self.feed_lyon, "w") as out:
            for i in range(N_LYON):
                record = {"id": f"ly-{i}", "title": {"fr": f"Cours {i}"}, "eqf_level": 5}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.harvest()
        with open(self.feed_tu, "w") as out:
            json.dump([tu_record(i) for i in range(N_TU) if i not in DELETED_TU], out)
        self.harvest()

    def harvest(self):
        subprocess.run(
            [self.binary, "harvest", "--config", self.config],
            check=True,
            stdout=subprocess.DEVNULL,
            env=self.env(),
        )

    def env(self):
        return {**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")}

    def start(self):
        self.process = subprocess.Popen(
            [self.binary, "serve", "--config", self.config],
            stdout=subprocess.DEVNULL,
            env=self.env(),
        )
        deadline = time.time() + 60
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"clearinghouse serve exited with {self.process.returncode}")
            try:
                with urllib.request.urlopen(self.base_url + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("clearinghouse serve did not answer /health within 60 s")

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=30)
            self.process = None

    def restart(self):
        self.stop()
        self.start()

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)
