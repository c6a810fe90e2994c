"""What Scripts/load-test's directory and PostgreSQL phases share: wrk, free ports, the
entries posted, `civic serve` processes, HTTP requests, and the writers of the fault trials."""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

import civic_harness as harness

LUA = os.path.join(harness.ROOT, "Scripts", "load-test.lua")


def ensure_wrk():
    if shutil.which("wrk"):
        return
    print("installing wrk (Debian) ...", file=sys.stderr)
    prefix = [] if os.geteuid() == 0 else ["sudo"]
    subprocess.run(prefix + ["apt-get", "update", "-qq"], check=True)
    subprocess.run(prefix + ["apt-get", "install", "-y", "-qq", "wrk"], check=True,
                   env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def donation(id_):
    return json.dumps({"kind": "donation", "id": id_, "date": "2025-03-01", "fund": "GEN",
                       "amount": {"value": 100, "currency": "CNY"}, "donor": {"anonymous": True},
                       "form": "online", "receipt": {"declined": True}, "category": "assistance"},
                      separators=(",", ":")) + "\n"


FUND = json.dumps({"kind": "fund", "id": "fund-GEN", "date": "2025-01-02",
                   "fund": {"code": "GEN", "name": "General fund", "restriction": "unrestricted"}},
                  separators=(",", ":")) + "\n"


SERVERS = []  # every server started, so that none outlives the harness


class Server:
    """`civic serve` over one ledger, named `main`: `location` is a directory or a
    PostgreSQL URL."""

    def __init__(self, civic, location, key, port, window_ms=2):
        self.arguments = (civic, location, key, port, window_ms)
        self.port = port
        # The server's log goes to a file, never to a pipe nobody reads while it runs: a full
        # pipe would stop the server at its next log line.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [civic.binary, "serve", "--listen", f"127.0.0.1:{port}", "--ledger", f"main={location}",
             "--key", f"main={key}", "--pool-window-ms", str(window_ms)],
            stdout=subprocess.DEVNULL, stderr=self.log)
        SERVERS.append(self)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit("load-test: civic serve exited: " + self.log_tail())
            try:
                status, _ = request(port, "GET", "/healthz")
                if status == 200:
                    return
            except OSError:
                time.sleep(0.02)
        sys.exit("load-test: civic serve did not become healthy in 30 s")

    def peak_rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def log_tail(self, count=4000):
        """The end of the server's log, for a failure message."""
        self.log.seek(0)
        return self.log.read()[-count:].decode(errors="replace")

    def restarted(self):
        """The same server started again, on the same port."""
        return Server(*self.arguments)

    def kill(self):
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def request(port, method, path, body=None, token=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


class Writers:
    """Threads posting small requests until stopped, recording acknowledgements; writer n
    posts to ports[n % len(ports)] (one port a server node)."""

    def __init__(self, ports, token, count, trial, rng):
        self.ports, self.token, self.trial = ports, token, trial
        self.unexpected = 0  # statuses other than 200 and 503 (and 500 while a database is down)
        self.tolerate_500 = False
        self.acks = {}  # id -> seq
        self.requests = []  # (body, seqs) of acknowledged requests
        self.lock = threading.Lock()
        self.stopped = threading.Event()
        self.sizes = [rng.randint(1, 5) for _ in range(100_000)]
        # Daemon threads: a harness that gives up (sys.exit) does not wait for them.
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(count)]
        for thread in self.threads:
            thread.start()

    def run(self, number):
        counter = 0
        while not self.stopped.is_set():
            size = self.sizes[(number * 7919 + counter) % len(self.sizes)]
            ids = [f"t{self.trial}-w{number}-{counter}-{i}" for i in range(size)]
            counter += 1
            body = "".join(donation(id_) for id_ in ids).encode()
            try:
                status, reply = request(self.ports[number % len(self.ports)], "POST", "/ledgers/main/entries", body,
                                        self.token, timeout=10)
            except (OSError, http.client.HTTPException):
                time.sleep(0.01)  # the server is down: no acknowledgement (and no busy loop)
                continue
            if status == 200:
                seqs = [entry["seq"] for entry in json.loads(reply)["entries"]]
                with self.lock:
                    for id_, seq in zip(ids, seqs):
                        self.acks[id_] = seq
                    self.requests.append((body, seqs))
            elif status != 503 and not (status == 500 and self.tolerate_500):
                with self.lock:
                    self.unexpected += 1
                print(f"load-test: unexpected status {status}: {reply[:200]!r}", file=sys.stderr)

    def stop(self):
        self.stopped.set()
        for thread in self.threads:
            thread.join()




SUMMARY = re.compile(r"CIVIC acknowledged=(\d+) other=(\d+) seconds=([\d.]+) p50=([\d.]+) p99=([\d.]+) max=([\d.]+)")


def start_wrk(port, token, clients, threads, seconds, entries_per_request, tag):
    """One wrk process posting ENTRIES-entry requests to a node (Scripts/load-test.lua)."""
    env = dict(os.environ, CIVIC_ENTRIES=str(entries_per_request), CIVIC_TOKEN=token, CIVIC_TAG=tag)
    return subprocess.Popen(["wrk", "-t", str(threads), "-c", str(clients), "-d", f"{seconds}s", "--timeout", "30s",
                             "-s", LUA, f"http://127.0.0.1:{port}/ledgers/main/entries"],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wrk_summary(process):
    """(acknowledged, other, seconds, p50, p99, max) of a finished wrk."""
    out, err = process.communicate()
    if process.returncode != 0:
        sys.exit(f"load-test: wrk failed ({process.returncode}):\n{out}{err}")
    match = SUMMARY.search(out)
    if not match:
        sys.exit("load-test: no summary from wrk:\n" + out)
    return int(match[1]), int(match[2]), *(float(match[i]) for i in range(3, 7))


def log_problems(log, acks, verify, post, retries):
    """What is wrong after a fault: `log` is id -> [seqs] of the committed log, `acks` every
    acknowledged id -> seq, `verify` the result of `civic verify`, and each (body, seqs) of
    `retries` is posted again with `post(body)`, which must answer the same seqs."""
    problems = []
    twice = [id_ for id_, seqs in log.items() if len(seqs) > 1]
    if twice:
        problems.append(f"{len(twice)} ids in the log twice")
    lost = [id_ for id_, seq in acks.items() if log.get(id_) != [seq]]
    if lost:
        problems.append(f"{len(lost)} acknowledged entries missing or at another seq")
    if verify.rc != 0:
        problems.append(f"verify: {verify}")
    for body, seqs in retries:
        status, reply = post(body)
        if status != 200 or [e["seq"] for e in json.loads(reply)["entries"]] != seqs:
            problems.append(f"a retry of an acknowledged request answered {status}, not its seqs")
    return problems
