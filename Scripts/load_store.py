"""The PostgreSQL part of Scripts/load-test (`--store`): two `civic serve` nodes on one
PostgreSQL ledger.

1. Throughput: C clients split over the two nodes (one wrk a node, run at once) post
   single-entry requests, then 1,000-entry requests, for D seconds each. Prints the
   acknowledged entries/s of both nodes together and each node's p50/p99.
2. Fault trials: 8 writers post small requests (1-5 entries, unique ids) to both nodes and
   record every acknowledgement (id -> seq). Each trial either kills one node with SIGKILL
   (the other keeps writing) and restarts it, or, with a throwaway cluster, stops
   PostgreSQL at once (`pg_ctl stop -m immediate`, a crash) while both nodes write, then
   starts it again (crash recovery). After each: every acknowledged id is in the log once,
   at its acknowledged seq (read from the database), `civic verify` passes, and a retry of
   acknowledged requests, sent to either node, returns the same seqs.
"""
import json
import os
import subprocess
import sys
import time

import civic_harness as harness
from load_common import FUND, Server, Writers, donation, free_port, log_problems, request, start_wrk, wrk_summary

PG_CLUSTER = os.path.join(harness.ROOT, "Scripts", "pg-cluster")


class Cluster:
    """A throwaway cluster (Scripts/pg-cluster) in the harness's work folder."""

    def __init__(self, work):
        self.dir = os.path.join(work, "cluster")
        done = subprocess.run([PG_CLUSTER, "start", self.dir], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit("load-test: could not start a PostgreSQL cluster:\n" + done.stderr)
        self.base = done.stdout.strip().splitlines()[-1]

    def crash(self):
        subprocess.run([PG_CLUSTER, "crash", self.dir], check=True, capture_output=True)

    def restart(self):
        subprocess.run([PG_CLUSTER, "restart", self.dir], check=True, capture_output=True)

    def stop(self):
        subprocess.run([PG_CLUSTER, "stop", self.dir], capture_output=True)


class PgLedger:
    """A ledger in a PostgreSQL database, with its key file and verifier key."""

    def __init__(self, civic, base, name, work):
        self.civic, self.base, self.name = civic, base, name
        self.location = f"{base}?ledger={name}"
        self.key = os.path.join(work, name + ".key")
        result = civic.run("init", self.location, "--origin", harness.ORIGIN, "--org-name", "Harness Foundation",
                           "--uscc", "53100000500021676K", "--org-type", "foundation",
                           "--public-fundraising", "--key", self.key)
        if result.rc != 0:
            sys.exit(f"load-test: civic init {name} in PostgreSQL failed: {result}")
        self.vkey = result.out.strip()

    def token(self):
        result = self.civic.run("token", "add", self.location, "--name", "load")
        if result.rc != 0:
            sys.exit(f"load-test: civic token add on PostgreSQL failed: {result}")
        return result.out.strip()

    def verify(self):
        return self.civic.run("verify", self.location, "--vkey", self.vkey)

    def size(self):
        return int(self.psql(f"SELECT size FROM civic_ledgers WHERE name = '{self.name}'").strip())

    def id_seqs(self):
        """id -> [seqs] of the committed log, read from the database itself."""
        out = self.psql(f"""SELECT convert_from(e.entry_id, 'UTF8'), e.seq FROM civic_entries e
            JOIN civic_ledgers l ON l.ledger_id = e.ledger_id
            WHERE l.name = '{self.name}' AND e.entry_id IS NOT NULL""")
        seen = {}
        for line in out.splitlines():
            id_, _, seq = line.rpartition("|")
            seen.setdefault(id_, []).append(int(seq))
        return seen

    def sessions(self):
        """What every session of the database is doing (for a failure message)."""
        return self.psql("""SELECT pid, state, wait_event_type, wait_event, left(query, 70) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()""")

    def psql(self, query):
        done = subprocess.run(["psql", "-X", "-q", "-At", self.base, "-c", query], capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"load-test: psql failed: {done.stderr.strip()}")
        return done.stdout


def open_fund(node, token):
    status, body = request(node.port, "POST", "/ledgers/main/entries", FUND.encode(), token)
    if status != 200:
        sys.exit(f"load-test: opening the fund failed: {status} {body[:200]!r}")


def two_nodes(civic, ledger):
    return [Server(civic, ledger.location, ledger.key, free_port()) for _ in range(2)]


def throughput(civic, base, work, clients, seconds, entries_per_request, tag):
    """Both nodes loaded at once, clients/2 each; one wrk thread a node (2 cores)."""
    ledger = PgLedger(civic, base, f"{tag}-{os.getpid()}", work)
    token = ledger.token()
    nodes = two_nodes(civic, ledger)
    open_fund(nodes[0], token)
    runs = [start_wrk(node.port, token, max(1, clients // 2), 1, seconds, entries_per_request, f"{tag}-n{index}")
            for index, node in enumerate(nodes)]
    results = [wrk_summary(run) for run in runs]
    rss = [node.peak_rss_kib() for node in nodes]
    stopped = [node.stop() for node in nodes]
    acknowledged = sum(result[0] for result in results)
    other = sum(result[1] for result in results)
    elapsed = max(result[2] for result in results)
    size = ledger.size()
    verified = ledger.verify().rc == 0
    # Every acknowledged entry is in the log (more may be: requests cut off by wrk's end).
    ok = size - 2 >= acknowledged * entries_per_request and verified and stopped == [0, 0]
    latency = ", ".join(f"node {index + 1} p50 {result[3]:.1f} ms p99 {result[4]:.1f} ms max {result[5]:.1f} ms"
                        for index, result in enumerate(results))
    print(f"PostgreSQL, two nodes, {clients} clients, {entries_per_request}-entry requests, {seconds} s: "
          f"{acknowledged * entries_per_request / elapsed:,.0f} acknowledged entries/s ({acknowledged:,} requests, "
          f"{other} not 200); {latency}; peak RSS {rss[0] // 1024} and {rss[1] // 1024} MiB; log {size:,} entries, "
          f"verify {'passed' if verified else 'FAILED'}, SIGTERM exits {stopped}")
    return ok and other == 0


def wait_writable(nodes, token, probe, ledger, deadline_seconds=60):
    """Posts one entry to each node until it acknowledges (after a restart or a database
    crash); returns the acknowledgements, which count like any other."""
    acks = {}
    for index, node in enumerate(nodes):
        id_ = f"{probe}-n{index}"
        deadline = time.monotonic() + deadline_seconds
        while True:
            try:
                status, reply = request(node.port, "POST", "/ledgers/main/entries", donation(id_).encode(), token,
                                        timeout=10)
            except OSError as error:
                status, reply = f"none ({error.__class__.__name__}: {error})", b""
            if status == 200:
                acks[id_] = json.loads(reply)["entries"][0]["seq"]
                break
            if time.monotonic() > deadline:
                sys.exit(f"load-test: node {index + 1} accepted no write within {deadline_seconds} s after "
                         f"the fault (last status {status}); its log ends:\n{node.log_tail()}\n"
                         f"the database's sessions:\n{ledger.sessions()}")
            time.sleep(0.1)
    return acks


def fault(trial, nodes, cluster, writers, rng):
    """Injects one fault while the writers run; returns its name and the restarted nodes."""
    if cluster is not None and trial % 2 == 1:
        writers.tolerate_500 = True  # a write whose database went away fails; none is acknowledged
        cluster.crash()
        time.sleep(rng.uniform(0.1, 0.5))
        cluster.restart()
        return "PostgreSQL stopped -m immediate", nodes
    victim = rng.randrange(len(nodes))
    nodes[victim].kill()
    time.sleep(rng.uniform(0.05, 0.3))  # the other node keeps writing alone
    nodes = list(nodes)
    nodes[victim] = nodes[victim].restarted()
    return f"node {victim + 1} killed -9", nodes


def fault_trials(civic, base, cluster, work, trials, rng):
    ledger = PgLedger(civic, base, f"faults-{os.getpid()}", work)
    token = ledger.token()
    nodes = two_nodes(civic, ledger)
    open_fund(nodes[0], token)
    all_acks, failures, kinds = {}, 0, {}
    for trial in range(trials):
        writers = Writers([node.port for node in nodes], token, 8, trial, rng)
        time.sleep(rng.uniform(0.05, 0.6))
        name, nodes = fault(trial, nodes, cluster, writers, rng)
        all_acks.update(wait_writable(nodes, token, f"probe-{trial}", ledger))
        writers.stop()
        kinds[name.split(" ")[0]] = kinds.get(name.split(" ")[0], 0) + 1
        all_acks.update(writers.acks)
        retries = rng.sample(writers.requests, min(3, len(writers.requests)))
        problems = log_problems(ledger.id_seqs(), all_acks, ledger.verify(),
                                lambda body: request(rng.choice(nodes).port, "POST", "/ledgers/main/entries", body, token),
                                retries)
        if writers.unexpected:
            problems.append(f"{writers.unexpected} unexpected statuses")
        if problems:
            failures += 1
            print(f"trial {trial + 1} ({name}): " + "; ".join(problems), file=sys.stderr)
    stopped = [node.stop() for node in nodes]
    size = ledger.size()
    print(f"PostgreSQL fault trials: {trials} ({kinds.get('node', 0)} node kills, {kinds.get('PostgreSQL', 0)} "
          f"database crashes), acknowledged entries {len(all_acks):,}, log {size:,} entries, failed trials "
          f"{failures}; SIGTERM exits {stopped}")
    return failures == 0 and stopped == [0] * len(nodes)


def run(civic, store, work, clients, seconds, trials, rng):
    """The PostgreSQL phases; `store` is `postgresql` (a throwaway cluster, with database
    crash trials) or a database URL (node kills only: the harness cannot crash it)."""
    cluster = Cluster(work) if store == "postgresql" else None
    base = cluster.base if cluster else store
    try:
        ok = throughput(civic, base, work, clients, seconds, 1, "single")
        ok = throughput(civic, base, work, max(1, clients // 8), seconds, 1000, "bulk") and ok
        return fault_trials(civic, base, cluster, work, trials, rng) and ok
    finally:
        if cluster:
            cluster.stop()
