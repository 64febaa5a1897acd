#!/usr/bin/python3
"""Times the original OONI fastpath (Python) on measurement samples, for a side-by-side bench.

Imports `fastpath/fastpath/core.py` from an ooni/backend checkout (OONI_BACKEND_SRC or --src)
and runs its own `process_measurement` (ujson.loads, unwrap, score_measurement with the given
fingerprints, wrong-date check) with `no_write_to_db` set. The modules the scoring path never
executes (ClickHouse, S3 and HTTP feeders, StatsD metrics) are replaced by no-op stubs, which
only makes the original faster. Needs Debian's python3-ujson, python3-yaml, python3-packaging.

Protocol on stdin/stdout, one line each, so that rounds can interleave with another runner:
  round <seconds>  ->  {"rows": N, "seconds": S, "cpu_seconds": C, "errors": E}
  scores           ->  {"scores": [the `scores` column each sample gets, or null if discarded]}
  quit
"""
import argparse
import json
import logging
import os
import sys
import time
import types


class NullMetrics:
    """StatsD stand-in: counts `incr` names, times nothing."""

    def __init__(self):
        self.counts = {}

    def incr(self, name, *args, **kwargs):
        self.counts[name] = self.counts.get(name, 0) + 1

    def gauge(self, *args, **kwargs):
        pass

    def timer(self, name):
        return NullTimer()


class NullTimer:
    def __call__(self, fn):
        return fn

    def start(self):
        return self

    def stop(self, *args, **kwargs):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def stub_module(name, **attrs):
    module = types.ModuleType(name)
    module.__dict__.update(attrs)
    sys.modules[name] = module


def import_original(src):
    pkg_parent = os.path.join(src, "fastpath")
    if not os.path.isfile(os.path.join(pkg_parent, "fastpath", "core.py")):
        sys.exit(f"no fastpath/fastpath/core.py under {src}")
    sys.path.insert(0, pkg_parent)
    metrics = NullMetrics()
    stub_module("fastpath.metrics", setup_metrics=lambda *a, **k: metrics)
    stub_module("fastpath.db")
    stub_module("fastpath.s3feeder")
    stub_module("fastpath.localhttpfeeder", start_http_api=None)
    import fastpath.core as core  # noqa: E402 (after the stubs)

    core.conf.no_write_to_db = True
    return core, metrics


def load_samples(samples_dir):
    names = sorted(n for n in os.listdir(samples_dir) if n.endswith(".json"))
    return [open(os.path.join(samples_dir, n), "rb").read() for n in names]


# The columns, in order, of the original's `db.fetch_fingerprints` query: the key order of the
# fingerprints it puts in `scores`.
FINGERPRINT_COLUMNS = (
    "name",
    "scope",
    "other_names",
    "location_found",
    "pattern_type",
    "pattern",
    "confidence_no_fp",
    "expected_countries",
)


def load_fingerprints(core, fp_dir):
    def read(name):
        with open(os.path.join(fp_dir, name)) as f:
            return [{k: fp[k] for k in FINGERPRINT_COLUMNS} for fp in json.load(f)]

    core.fingerprints = core.prepare_fingerprints(read("fingerprints_dns.json"), read("fingerprints_http.json"))


def run_round(core, metrics, samples, uid, seconds):
    errors_before = metrics.counts.get("unhandled_exception", 0)
    rows = 0
    cpu_start = time.process_time()
    start = time.perf_counter()
    deadline = start + seconds
    now = start
    while now < deadline:
        for raw in samples:
            core.process_measurement((raw, None, uid))
        rows += len(samples)
        now = time.perf_counter()
    errors = metrics.counts.get("unhandled_exception", 0) - errors_before
    cpu = time.process_time() - cpu_start
    return {"rows": rows, "seconds": now - start, "cpu_seconds": cpu, "errors": errors}


def sample_scores(core, samples, uid):
    """What the original would store in `fastpath.scores` for each sample (None: discarded)."""
    import ujson

    flag = core.flag_measurements_with_wrong_date
    seen = []

    def capture(msm, msmt_uid, scores):
        flag(msm, msmt_uid, scores)
        seen.append(scores)

    core.flag_measurements_with_wrong_date = capture
    try:
        out = []
        for raw in samples:
            seen.clear()
            core.process_measurement((raw, None, uid))
            out.append(ujson.dumps(seen[0]) if seen else None)
        return out
    finally:
        core.flag_measurements_with_wrong_date = flag


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", default=os.environ.get("OONI_BACKEND_SRC"), help="ooni/backend checkout")
    ap.add_argument("--samples", required=True, help="directory of *.json measurements")
    ap.add_argument("--fingerprints", required=True, help="directory of fingerprints_{dns,http}.json")
    ap.add_argument("--uid", default="20240101000000.000000_IT_webconnectivity_0123456789abcdef")
    args = ap.parse_args()
    if not args.src:
        sys.exit("set OONI_BACKEND_SRC or --src to an ooni/backend checkout")
    logging.disable(logging.CRITICAL)
    core, metrics = import_original(args.src)
    load_fingerprints(core, args.fingerprints)
    samples = load_samples(args.samples)
    print(json.dumps({"ready": True, "samples": len(samples)}), flush=True)
    for line in sys.stdin:
        cmd = line.split()
        if not cmd or cmd[0] == "quit":
            break
        if cmd[0] == "round":
            print(json.dumps(run_round(core, metrics, samples, args.uid, float(cmd[1]))), flush=True)
        elif cmd[0] == "scores":
            print(json.dumps({"scores": sample_scores(core, samples, args.uid)}), flush=True)


if __name__ == "__main__":
    main()
