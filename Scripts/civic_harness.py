"""Shared helpers of the reliability harnesses (crash-test, tamper-test, concurrency-test,
secrets-test): build and locate the release `civic`, run it, make small ledgers.

The build folder is $CIVIC_SCRATCH_PATH (default .build), as `swift build --scratch-path`.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ORIGIN = "reliability.example.org/harness"


def build():
    """Builds the release `civic` (incremental) and returns its path; with CIVIC_BINARY set
    (CI: the debug binary Scripts/test built), uses that binary and builds nothing."""
    given = os.environ.get("CIVIC_BINARY")
    if given:
        if not os.access(given, os.X_OK):
            sys.exit("CIVIC_BINARY does not name an executable file")
        return given
    scratch = os.environ.get("CIVIC_SCRATCH_PATH", ".build")
    subprocess.run([os.path.join(ROOT, "Scripts", "ensure-deps")], check=True, stdout=subprocess.DEVNULL)
    subprocess.run(["swift", "build", "--scratch-path", scratch, "-c", "release", "--product", "civic"],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    path = os.path.join(scratch if os.path.isabs(scratch) else os.path.join(ROOT, scratch), "release", "civic")
    if not os.access(path, os.X_OK):
        sys.exit(f"no civic binary at {path}")
    return path


class Result:
    def __init__(self, rc, out, err):
        self.rc, self.out, self.err = rc, out, err

    def __repr__(self):
        return f"exit {self.rc}: {self.err.strip() or self.out.strip()[:200]}"


class Civic:
    def __init__(self, binary):
        self.binary = binary
        self.transcript = []  # every output, for the secrets check

    def run(self, *args, stdin=None):
        done = subprocess.run([self.binary, *args], capture_output=True, input=stdin)
        result = Result(done.returncode, done.stdout.decode("utf-8", "replace"), done.stderr.decode("utf-8", "replace"))
        self.transcript.append(result.out + result.err)
        return result

    def popen(self, *args):
        return subprocess.Popen([self.binary, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def workdir(name):
    return tempfile.mkdtemp(prefix=f"civic-{name}.")


def entries(count, prefix, skip=0, seed=2026):
    """Lines of Scripts/gen-entries: a valid stream; `skip` continues an earlier one."""
    out = subprocess.run([sys.executable, os.path.join(ROOT, "Scripts", "gen-entries"), str(count),
                          "--prefix", prefix, "--skip", str(skip), "--seed", str(seed)],
                         check=True, capture_output=True).stdout.decode()
    return out.splitlines(keepends=True)


def write_csv(lines, csv_path):
    """Flattens generated entries (JSON Lines) into the CSV import format (Ledger/SPEC.md):
    one column per writer field path, money as a decimal of two places and a `currency`
    column (Scripts/gen-entries writes CNY only). Used by the bench and the crash test."""
    import csv
    money = {"amount", "in_kind.valuation", "wage_base"}
    rows, columns = [], ["kind", "id", "date", "currency"]
    for line in lines:
        entry, row = json.loads(line), {}

        def walk(prefix, value):
            if isinstance(value, dict) and not (prefix in money):
                for key, inner in value.items():
                    walk(f"{prefix}.{key}" if prefix else key, inner)
            elif prefix in money:
                row[prefix] = f"{value['value'] // 100}.{value['value'] % 100:02d}"
                row["currency"] = value["currency"]
            elif isinstance(value, bool):
                row[prefix] = "true" if value else "false"
            else:
                row[prefix] = str(value)
        walk("", entry)
        for key in row:
            if key not in columns:
                columns.append(key)
        rows.append(row)
    with open(csv_path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(c, "") for c in columns])
    return csv_path


def entry_id(line):
    return json.loads(line)["id"]


class Ledger:
    """A ledger directory with its key file and verifier key."""

    def __init__(self, civic, directory, key, vkey):
        self.civic, self.dir, self.key, self.vkey = civic, directory, key, vkey

    @staticmethod
    def create(civic, parent, name="ledger"):
        directory, key = os.path.join(parent, name), os.path.join(parent, name + ".key")
        result = civic.run("init", directory, "--origin", ORIGIN, "--org-name", "Harness Foundation",
                           "--uscc", "53100000500021676K", "--org-type", "foundation",
                           "--public-fundraising", "--key", key)
        if result.rc != 0:
            sys.exit(f"civic init failed: {result}")
        return Ledger(civic, directory, key, result.out.strip())

    def copy(self, directory):
        shutil.copytree(self.dir, directory)
        return Ledger(self.civic, directory, self.key, self.vkey)

    def write_batch(self, lines, path):
        with open(path, "w") as file:
            file.writelines(lines)
        return path

    def import_lines(self, lines, path):
        return self.civic.run("import", self.dir, self.write_batch(lines, path), "--key", self.key)

    def verify(self, *extra):
        return self.civic.run("verify", self.dir, "--vkey", self.vkey, *extra)

    def log_ids(self):
        """The ids of `civic log`, in order (None when log fails)."""
        result = self.civic.run("log", self.dir)
        if result.rc != 0:
            return None
        return [json.loads(line)["id"] for line in result.out.splitlines()]

    def checkpoint_sizes(self):
        return sorted(int(name) for name in os.listdir(os.path.join(self.dir, "checkpoints")) if name.isdigit())

    @property
    def segment(self):
        folder = os.path.join(self.dir, "entries")
        return os.path.join(folder, sorted(os.listdir(folder))[-1])

    def read(self, relative):
        with open(os.path.join(self.dir, relative), "rb") as file:
            return file.read()

    def write(self, relative, data):
        with open(os.path.join(self.dir, relative), "wb") as file:
            file.write(data)


def acknowledged(stdout):
    """A write is acknowledged once it printed its signed checkpoint (the signature line)."""
    return "\n\u2014 " in stdout or stdout.startswith("\u2014 ")
