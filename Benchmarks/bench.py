#!/usr/bin/env python3
"""`make bench`: lrlab-bench against the reference scripts in ../shared/bench, interleaved.

Each round runs, for every case, lrlab-bench and then each reference script back to back,
so the ratio of a round compares the same machine state; the table shows medians over
rounds (the ratio column is the median of the per-round ratios). Ratios are "lrlab is N×
as fast": samples/s lrlab / reference, or time reference / lrlab.

  python3 Benchmarks/bench.py --bin .build/release/lrlab-bench [--rounds 3] [--digits-epochs 100]
      [--synthetic-epochs 2] [--batch-sizes 64 256 1024] [--threads 1] [--figures 20]
      [--no-charts] [--no-torch] [--no-install] [--noise-batch-sizes 64 1024] [--noise-pairs 10]

On the synthetic (MNIST-shaped, 60,000 × 784, hidden 128) cases each round also times the step's
sgemm ceiling (`lrlab-bench ceiling`) and prints every implementation's share of it.

The noise-scale sampling overhead (issue 12: under 5% of training time) is timed on digits by
`lrlab-bench train --noise-overhead-pairs N`: in one process, N pairs of the same run with and
without sampling, back to back in alternating order, once per round; the overhead is the median
over all pairs of (CPU time with) / (CPU time without) − 1. CPU time, not wall time: on a shared
machine the wall time of a 50 ms run mostly measures the scheduler (the wall-time figure is
printed too).

Missing Python packages (numpy, torch CPU wheel, matplotlib, pillow) are installed first,
as ../shared/bench/README.md says. Raw results go to Benchmarks/out/bench-<time>.jsonl.
"""
import argparse
import importlib.util
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
REFERENCE = os.environ.get("LRLAB_BENCH_REFERENCE", os.path.join(REPO, "..", "shared", "bench"))


def ensure_packages(want_torch, want_charts):
    pip = [sys.executable, "-m", "pip", "install", "-q"]
    missing = [p for p in ["numpy"] + (["matplotlib", "PIL"] if want_charts else []) if importlib.util.find_spec(p) is None]
    if missing:
        names = ["pillow" if p == "PIL" else p for p in missing]
        print("installing:", " ".join(names), file=sys.stderr)
        subprocess.run(pip + names, check=True)
    if want_torch and importlib.util.find_spec("torch") is None:
        # PyPI's torch is the CUDA build; the CPU wheel is in /opt/wheels (pip's find-links).
        print("installing: torch (CPU wheel)", file=sys.stderr)
        subprocess.run(pip + ["--no-deps", "--find-links", "/opt/wheels", "torch==2.13.0+cpu"], check=True)
        subprocess.run(pip + ["filelock", "typing-extensions", "sympy", "networkx", "jinja2", "fsspec"], check=True)


OTHER_CORES = []  # per process run: cores' worth of other processes' CPU while it ran


def run_json(cmd, cwd=None):
    """Runs cmd; returns (list of JSON objects printed, seconds of wall time from outside)."""
    sys.path.insert(0, REFERENCE)
    from loadmeter import Meter  # ../shared/bench: CPU used by other processes meanwhile
    with Meter(children=True) as meter:
        out = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd)
    seconds = meter.wall
    OTHER_CORES.append(meter.other_cores)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{out.stderr[-3000:]}")
    lines = [json.loads(l) for l in out.stdout.splitlines() if l.startswith("{")]
    return lines, seconds


def train_cases(a):
    cases = []
    for ds, hidden, epochs in (("digits", 64, a.digits_epochs), ("synthetic", 128, a.synthetic_epochs)):
        for bs in a.batch_sizes:
            cases.append(dict(dataset=ds, hidden=hidden, epochs=epochs, bs=bs))
    return cases


def train_args(c, threads, seed=0):
    return ["--dataset", c["dataset"], "--threads", str(threads), "--batch-size", str(c["bs"]),
            "--epochs", str(c["epochs"]), "--hidden", str(c["hidden"]), "--seed", str(seed)]


def fmt(v, unit):
    if unit == "samples/s":
        return f"{v / 1e6:.2f}M" if v >= 1e6 else f"{v / 1e3:.0f}k"
    if unit == "ms":
        return f"{v:.1f} ms"
    if unit == "s":
        return f"{v:.3f} s"
    return f"{v:.0f}"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--bin", required=True, help="path to the release lrlab-bench")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--digits-epochs", type=int, default=100)
    p.add_argument("--synthetic-epochs", type=int, default=2)
    p.add_argument("--batch-sizes", type=int, nargs="+", default=[64, 256, 1024])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--figures", type=int, default=20)
    p.add_argument("--no-charts", action="store_true")
    p.add_argument("--report-runs", type=int, nargs="*", default=[100, 1000, 10000],
                   help="report build time for these run counts (synthesised records; none to skip)")
    p.add_argument("--noise-batch-sizes", type=int, nargs="*", default=[64, 1024],
                   help="digits batch sizes whose noise-scale sampling overhead is timed (none to skip)")
    p.add_argument("--noise-pairs", type=int, default=10, help="sampling on/off pairs per round and batch size")
    p.add_argument("--no-mnist-grid", action="store_true",
                   help="skip the seed's 9-run grid on MNIST-shaped data, 10 epochs, end to end")
    p.add_argument("--no-torch", action="store_true")
    p.add_argument("--no-install", action="store_true")
    a = p.parse_args()
    a.bin = os.path.abspath(a.bin)
    if not a.no_install:
        ensure_packages(not a.no_torch, not a.no_charts)
    refs = ["numpy"] + ([] if a.no_torch else ["torch"])
    os.makedirs(os.path.join(HERE, "out"), exist_ok=True)
    raw_path = os.path.join(HERE, "out", time.strftime("bench-%Y%m%d-%H%M%S.jsonl"))
    rows = {}  # (case, metric, impl) -> [value per round]

    def add(case, impl, value, rnd):
        rows.setdefault(case, {}).setdefault(impl, {})[rnd] = value

    report_dirs = {}
    for n in a.report_runs:
        # Made once (the folder is kept between `make bench` runs): N synthesised run records.
        report_dirs[n] = os.path.join(HERE, "out", f"report-{n}")
        run_json([a.bin, "report", "--runs", str(n), "-o", report_dirs[n], "--generate-only"])
    report_times = {}  # runs -> [seconds per round]
    ceilings = {}  # synthetic case -> per-round ceilings and each implementation's share of them
    noise = {}  # batch size -> {"on": [train s], "off": [train s], "ratios": [on / off per pair], "samples": n}

    with open(raw_path, "w") as raw:
        for rnd in range(a.rounds):
            for n in a.report_runs:
                (rec, *_), _ = run_json([a.bin, "report", "--runs", str(n), "-o", report_dirs[n]])
                rec.update(round=rnd)
                raw.write(json.dumps(rec) + "\n")
                report_times.setdefault(n, []).append(rec)
            if a.report_runs:
                print(f"round {rnd + 1}: reports done", file=sys.stderr)
            for c in train_cases(a):
                case = (f"{c['dataset']} h{c['hidden']} bs {c['bs']}, {c['epochs']} ep, {a.threads} thr", "samples/s")
                for impl in ["lrlab"] + refs:
                    cmd = ([a.bin, "train"] if impl == "lrlab"
                           else [sys.executable, os.path.join(REFERENCE, f"mlp_{impl}.py")]) + train_args(c, a.threads)
                    (rec, *_), _ = run_json(cmd, cwd=REFERENCE)
                    rec.update(round=rnd, case=case[0])
                    raw.write(json.dumps(rec) + "\n")
                    raw.flush()
                    add(case, impl, rec["samples_per_second"], rnd)
                    add((case[0], "test accuracy"), impl, rec["test_accuracy"], rnd)
                if c["dataset"] == "synthetic":
                    # The same round's sgemm ceiling of this step (its products alone, hot).
                    (rec, *_), _ = run_json([a.bin, "ceiling", "--batch-size", str(c["bs"]), "--hidden", str(c["hidden"]),
                                             "--threads", str(a.threads)])
                    rec.update(round=rnd, case=case[0])
                    raw.write(json.dumps(rec) + "\n")
                    t = ceilings.setdefault(case[0], {"bs": c["bs"], "ceiling": [], "square": []})
                    t["ceiling"].append(rec["ceiling_samples_per_second"])
                    t["square"].append(rec["square_2048_gflops"] * 1e9 / rec["flops_per_sample"])
                    for impl in ["lrlab"] + refs:
                        t.setdefault(impl, []).append(rows[case][impl][rnd] / rec["ceiling_samples_per_second"])
                        t.setdefault(impl + " square", []).append(rows[case][impl][rnd] / t["square"][-1])
                print(f"round {rnd + 1}: {case[0]} done", file=sys.stderr)
            for bs in a.noise_batch_sizes:
                c = dict(dataset="digits", hidden=64, epochs=a.digits_epochs, bs=bs)
                (rec, *_), _ = run_json([a.bin, "train"] + train_args(c, a.threads)
                                        + ["--noise-overhead-pairs", str(a.noise_pairs)])
                rec.update(round=rnd, case=f"noise overhead digits bs {bs}")
                raw.write(json.dumps(rec) + "\n")
                raw.flush()
                t = noise.setdefault(bs, {"on": [], "off": [], "ratios": [], "wall_ratios": [], "samples": 0})
                t["on"].append(rec["cpu_seconds_on"])
                t["off"].append(rec["cpu_seconds_off"])
                t["ratios"] += rec["cpu_ratios"]
                t["wall_ratios"] += rec["ratios"]
                t["samples"] = rec["noise_samples"]
                print(f"round {rnd + 1}: noise-scale overhead, digits bs {bs} done", file=sys.stderr)
            if not a.no_charts:
                for kind in ("line", "multiples"):
                    (rec, *_), _ = run_json([a.bin, "chart", "--kind", kind, "--figures", str(a.figures),
                                             "-o", os.path.join(HERE, "out")])
                    _, cold = run_json([a.bin, "chart", "--kind", kind, "--figures", "1", "-o", os.path.join(HERE, "out")])
                    rec.update(round=rnd, cold_process_seconds=cold)
                    raw.write(json.dumps(rec) + "\n")
                    add((f"chart {kind}, per figure (warm)", "ms"), "lrlab", rec["ms_per_figure"], rnd)
                    add((f"chart {kind}, cold process", "s"), "lrlab", cold, rnd)
                recs, _ = run_json([sys.executable, os.path.join(REFERENCE, "chart_bench.py"),
                                    "--figures", str(a.figures), "--cold-runs", "3"], cwd=REFERENCE)
                for rec in recs:
                    rec.update(round=rnd, impl="matplotlib")
                    raw.write(json.dumps(rec) + "\n")
                    add((f"chart {rec['chart']}, per figure (warm)", "ms"), "matplotlib", rec["warm_ms_per_figure_median"], rnd)
                    add((f"chart {rec['chart']}, cold process", "s"), "matplotlib", rec["cold_process_seconds_median"], rnd)
                print(f"round {rnd + 1}: charts done", file=sys.stderr)

    print(f"\nlrlab-bench vs ../shared/bench, {a.rounds} rounds, medians; ratio = how many times as fast lrlab is "
          f"(median of per-round ratios). Raw: {os.path.relpath(raw_path, REPO)}")
    print(f"Other processes kept a median of {statistics.median(OTHER_CORES):.2f} cores busy "
          f"(max {max(OTHER_CORES):.2f}) of the {os.cpu_count()} while we measured.\n")
    print("| case | lrlab | reference | reference figure | ratio |")
    print("|---|---|---|---|---|")
    for (case, unit), impls in rows.items():
        lr = impls.get("lrlab", {})
        for ref, values in impls.items():
            if ref == "lrlab":
                continue
            common = sorted(set(lr) & set(values))
            if unit == "test accuracy":
                continue
            if unit == "samples/s":
                ratios = [lr[r] / values[r] for r in common]
            else:
                ratios = [values[r] / lr[r] for r in common]
            print(f"| {case} ({unit}) | {fmt(statistics.median(lr.values()), unit)} | {ref} | "
                  f"{fmt(statistics.median(values.values()), unit)} | {statistics.median(ratios):.2f}× |")
    if ceilings:
        print("\nShare of the single-thread sgemm ceiling on MNIST-shaped data (784-128-10): samples/s over "
              "what the step's five matrix products alone reach, each timed alone with hot operands in the same "
              "round (`lrlab-bench ceiling`); in brackets, over the 2048³ product's rate × the step's FLOPs. "
              "Medians of per-round shares; issue 13's target is 90% at batch 256 and 1024, 80% at 64.\n")
        print("| case | ceiling | lrlab | target | " + " | ".join(refs) + " |")
        print("|---|---|---|---|" + "---|" * len(refs))
        for case, t in ceilings.items():
            target = 0.8 if t["bs"] < 256 else 0.9
            share = statistics.median(t["lrlab"])
            verdict = "met" if share >= target else "not met"
            cells = [f"{statistics.median(t[r]) * 100:.0f}% ({statistics.median(t[r + ' square']) * 100:.0f}%)" for r in refs]
            print(f"| {case} | {fmt(statistics.median(t['ceiling']), 'samples/s')} "
                  f"({fmt(statistics.median(t['square']), 'samples/s')}) | {share * 100:.0f}% "
                  f"({statistics.median(t['lrlab square']) * 100:.0f}%) | {target * 100:.0f}%: {verdict} | " + " | ".join(cells) + " |")
    for bs, t in noise.items():
        overhead = statistics.median(t["ratios"]) - 1
        print(f"| noise-scale sampling overhead, digits bs {bs}, {a.digits_epochs} ep, {a.threads} thr (CPU s) | "
              f"{fmt(statistics.median(t['on']), 's')} | lrlab, no sampling | {fmt(statistics.median(t['off']), 's')} | "
              f"{overhead * 100:+.1f}% |")
    for bs, t in noise.items():
        ratios = sorted(t["ratios"])
        overhead = statistics.median(ratios) - 1
        q = statistics.quantiles(ratios, n=4) if len(ratios) >= 2 else [ratios[0]] * 3
        wall = statistics.median(t["wall_ratios"]) - 1
        verdict = "under" if overhead < 0.05 else "OVER"
        print(f"\nnoise-scale sampling overhead: {overhead * 100:+.1f}% of CPU time (digits bs {bs}, {t['samples']} "
              f"samples a run; median of {len(ratios)} on/off pairs, middle half {(q[0] - 1) * 100:+.1f}%…"
              f"{(q[2] - 1) * 100:+.1f}%; by the loop's wall time {wall * 100:+.1f}%; {verdict} the 5% budget)")
    if report_times:
        print("\n`lrlab report` on synthesised runs (medians; a 10 × 10 grid, runs / 100 seeds each):\n")
        print("| runs | seconds | reading runs | max RSS | index.html | results.json | seconds per 1,000 runs |")
        print("|---|---|---|---|---|---|---|")
        per = {}
        for n, recs in sorted(report_times.items()):
            sec = statistics.median(r["seconds"] for r in recs)
            per[n] = sec / n * 1000
            print(f"| {n:,} | {sec:.2f} | {statistics.median(r['read_seconds'] for r in recs):.2f} | "
                  f"{statistics.median(r['max_rss_mb'] for r in recs):.0f} MB | {recs[0]['index_html_bytes'] / 1e3:.0f} kB | "
                  f"{recs[0]['results_json_bytes'] / 1e6:.1f} MB | {per[n]:.2f} |")
        big = [n for n in per if n >= 1000]
        if len(big) >= 2:
            lo, hi = min(big), max(big)
            ratio = per[hi] / per[lo]
            verdict = "linear" if ratio < 1.5 else "worse than linear"
            print(f"\nGrowth from {lo:,} to {hi:,} runs: {ratio:.2f}× the time per run ({verdict}; "
                  "under 1.5× counts as linear, fixed costs such as the charts make small folders dearer per run).")
    if not a.no_mnist_grid:
        mnist_grid(a)
    accuracy = [(case, impls) for (case, unit), impls in rows.items() if unit == "test accuracy"]
    if accuracy:
        print("\n| case | test accuracy (" + " / ".join(["lrlab"] + refs) + ") |")
        print("|---|---|")
        for case, impls in accuracy:
            print(f"| {case} | " + " / ".join(f"{statistics.median(impls[i].values()):.3f}" for i in ["lrlab"] + refs if i in impls) + " |")


def mnist_grid(a):
    """The seed's sweep (Samples/batch-size.yaml: batch 64/256/1024 × lr 0.01/0.1/1) with
    `dataset: mnist` and 10 epochs, run by `lrlab run` from an empty cache: the four files come
    through lrlab's real download code from a server on 127.0.0.1 (there is no internet here)
    serving MNIST-shaped stand-ins (Benchmarks/mnist_shaped.py), then 9 trainings and the report."""
    import re
    import shutil
    import tempfile
    lrlab = os.path.join(os.path.dirname(a.bin), "lrlab")
    files = os.path.join(HERE, "out", "mnist-shaped")
    if not os.path.exists(os.path.join(files, "checksums.txt")):
        subprocess.run([sys.executable, os.path.join(HERE, "mnist_shaped.py"), files], check=True)
    sweep = open(os.path.join(REPO, "Samples", "batch-size.yaml")).read()
    sweep = re.sub(r"dataset: digits.*", "dataset: mnist", sweep)
    sweep = re.sub(r"epochs: \d+", "epochs: 10", sweep)
    sweep = re.sub(r"^title: .*", "title: Batch size 64 / 256 / 1024 on MNIST-shaped data", sweep, flags=re.M)
    work = tempfile.mkdtemp(prefix="lrlab-mnist-grid-")
    server = subprocess.Popen([sys.executable, os.path.join(REPO, "Tests", "Fixtures", "data-server", "serve.py"), files],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        port = server.stdout.readline().strip()
        with open(os.path.join(work, "sweep.yaml"), "w") as f:
            f.write(sweep)
        env = dict(os.environ, LRLAB_DATA_MIRROR=f"http://127.0.0.1:{port}/",
                   LRLAB_DATA_CHECKSUMS=os.path.join(files, "checksums.txt"), XDG_CACHE_HOME=os.path.join(work, "cache"))
        started = time.perf_counter()
        out = subprocess.run([lrlab, "run", os.path.join(work, "sweep.yaml"), "-o", os.path.join(work, "report")],
                             capture_output=True, text=True, env=env)
        seconds = time.perf_counter() - started
        if out.returncode != 0:
            raise RuntimeError(f"lrlab run on MNIST-shaped data failed:\n{out.stderr[-3000:]}")
        runs = json.load(open(os.path.join(work, "report", "results.json")))["runs"]
        best = max((r.get("finalTestAccuracy") or 0) for r in runs)
        summary = (out.stderr.strip().splitlines() or [""])[-1]
        print(f"\nThe seed's 9-run grid on MNIST-shaped data (60,000 + 10,000 × 784, hidden 64, 10 epochs), "
              f"`lrlab run` from an empty cache through the local server, report included: {seconds:.1f} s wall "
              f"on {os.cpu_count()} cores ({summary}); best final test accuracy {best:.3f}.")
    finally:
        server.kill()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
