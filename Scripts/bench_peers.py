"""The peers `Scripts/bench` runs on its own generated book, in the same run as ours:
pymerkle 7.0.0 (tree build and inclusion proofs, Scripts/pymerkle-peer) and beancount
3.2.3's bean-check (on the book Scripts/to-beancount writes). Both come from PyPI, pinned,
installed by `peer_python` when missing."""
import json, os, re, statistics, subprocess, sys, sysconfig, time

SCRIPTS = os.path.dirname(os.path.abspath(__file__))
PINS = {"pymerkle": "7.0.0", "beancount": "3.2.3"}
PROOFS = 1000


def pinned(python):
    """True when `python` exists and imports exactly the pinned versions."""
    if not os.path.exists(python):
        return False
    check = ("import importlib.metadata as m, json; "
             f"print(json.dumps({{n: m.version(n) for n in {sorted(PINS)!r}}}))")
    result = subprocess.run([python, "-c", check], capture_output=True, text=True)
    return result.returncode == 0 and json.loads(result.stdout) == PINS


def pip_install(python, *extra):
    specs = [f"{name}=={version}" for name, version in sorted(PINS.items())]
    print(f"bench: installing {' '.join(specs)} for {python} ...", file=sys.stderr)
    subprocess.run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *extra, *specs], check=True)


def peer_python(venv):
    """A Python interpreter that has the pinned peers: a virtual environment at `venv` (made
    and filled when missing or out of date), or, where venvs cannot be made (Debian's python3
    without python3-venv), this interpreter's user site. A venv also sidesteps PEP 668
    (an externally managed system Python refuses plain `pip install`)."""
    python = os.path.join(venv, "bin", "python")
    if pinned(python):
        return python
    made = subprocess.run([sys.executable, "-m", "venv", "--clear", venv], capture_output=True, text=True)
    if made.returncode == 0:
        pip_install(python)
    else:
        print(f"bench: no venv ({made.stderr.strip()[-200:]}); installing into the user site", file=sys.stderr)
        python = sys.executable
        managed = os.path.exists(os.path.join(sysconfig.get_paths()["stdlib"], "EXTERNALLY-MANAGED"))
        pip_install(python, "--user", *(["--break-system-packages"] if managed else []))
    if not pinned(python):
        sys.exit(f"bench: {python} still lacks {PINS} after installing them")
    return python


def newest_checkpoint(ledger):
    """(size, base64 root) of the ledger's newest checkpoint (Ledger/SPEC.md, Checkpoints)."""
    folder = os.path.join(ledger, "checkpoints")
    name = max(n for n in os.listdir(folder) if re.fullmatch(r"\d{20}", n))
    with open(os.path.join(folder, name), encoding="utf-8") as note:
        lines = note.read().split("\n")
    if int(lines[1]) != int(name):
        sys.exit(f"bench: checkpoint {name} names size {lines[1]}")
    return int(lines[1]), lines[2]


def run_pymerkle(python, log, root, runs):
    samples = []
    for _ in range(runs):
        result = subprocess.run([python, os.path.join(SCRIPTS, "pymerkle-peer"), log, root, "--proofs", str(PROOFS)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            sys.exit(f"bench: Scripts/pymerkle-peer failed (exit {result.returncode}): {result.stderr.strip()[-600:]}")
        samples.append(json.loads(result.stdout))
    return {"pymerkle_version": samples[0]["pymerkle"], "pymerkle_leaves": samples[0]["leaves"],
            "pymerkle_proofs": samples[0]["proofs"], "pymerkle_root_matches": True,
            "pymerkle_build_s": statistics.median(s["build_s"] for s in samples),
            "pymerkle_proofs_s": statistics.median(s["proofs_s"] for s in samples),
            "pymerkle_rss_kib": max(s["peak_rss_kib"] for s in samples)}


def run_beancount(python, log, book, runs, median_run):
    start = time.perf_counter()
    converted = subprocess.run([sys.executable, os.path.join(SCRIPTS, "to-beancount"), log, "--out", book],
                               capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if converted.returncode != 0:
        sys.exit(f"bench: to-beancount failed: {converted.stderr.strip()[-600:]}")
    counts = re.search(r"(\d+) transactions, (\d+) balance assertions", converted.stderr)
    # median_run fails the bench on a non-zero exit: the converted book must pass bean-check.
    check_s, rss = median_run([python, "-m", "beancount.scripts.check", "--no-cache", book], runs)
    return {"beancount_version": PINS["beancount"], "to_beancount_s": seconds, "beancount_transactions": int(counts.group(1)),
            "beancount_balance_assertions": int(counts.group(2)), "bean_check_s": check_s, "bean_check_rss_kib": rss}


def run_peers(python, civic, ledger, work, r, median_run):
    """Both peers on `ledger`; adds their figures and our ratios to them."""
    log = os.path.join(work, "log.jsonl")
    with open(log, "w") as out:
        subprocess.run([civic, "log", ledger], stdout=out, check=True)
    size, root = newest_checkpoint(ledger)
    with open(log, "rb") as lines:
        logged = sum(1 for _ in lines)
    if logged != size:
        sys.exit(f"bench: civic log printed {logged} entries, the newest checkpoint has {size}")
    out = run_pymerkle(python, log, root, r["runs"])
    out.update(run_beancount(python, log, os.path.join(work, "book.beancount"), r["runs"], median_run))
    ours_per_entry = r["import_jsonl_s"] / r["entries"]
    out["import_speedup_vs_pymerkle_build"] = (out["pymerkle_build_s"] / out["pymerkle_leaves"]) / ours_per_entry
    out["audit_speedup_vs_bean_check"] = out["bean_check_s"] / r["audit_s"]
    return out
