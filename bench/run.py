"""`make bench`: how fast letters are made, against floors measured in the same run, then
how the production server holds up under load on this machine.

1. In process, on the example cases (tests/cases/*.json): median and p99 ms to compose a
   packet, to render each format, and for DOCX two floors, measured alongside:
   python-docx (a fresh Document with the same number of paragraphs, saved) and a bare
   zipfile write of the same document XML.
2. gunicorn (gunicorn.conf.py, 2 workers, rate limiting and worker recycling off) on
   127.0.0.1: `POST /api/v1/letters?format=zip` at concurrency 1, 8 and 32 with worker
   memory over those 10,000 requests, a 60 s run at concurrency 32, the same requests
   while 50 slow clients are held open, then `?format=pdf` (the whole packet in one PDF) at
   concurrency 8 and 32 with worker memory over 10,000 of them and /healthz polled meanwhile,
   and cold start to the first answer.
3. Reading the synthetic notifications (bench/notifications.py): fields right per kind of
   file (text PDF, scan, phone photo) and seconds per page.
4. A clinic's batch (bench/batch.py): 1,000 two-letter cases to DOCX and PDF through
   `python -m letters batch`, wall time and memory, and where a PDF letter's time goes.

Run from the repository's root: `python -m bench.run` (`make bench` does).
Options: --quick (shorter runs, to try the script), --no-server (no part 2),
--pdf-requests N (10,000 by default: at a few PDFs a second on two cores, most of the run),
--no-batch (no part 4); through make: `make bench BENCH_ARGS="--quick"`.
Nothing here is a test: the numbers depend on the machine and on what else it is doing.
"""

from __future__ import annotations

import argparse
import gc
import http.client
import io
import json
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from functools import partial
from pathlib import Path

import docx

from bench import batch, load
from bench import notifications as reading
from letters import compose_packet, parse_case
from letters.export import RENDERERS, packet_zip
from letters.render.docx import paragraphs, render_docx

ROOT = Path(__file__).resolve().parent.parent

CASES = sorted((ROOT / "tests" / "cases").glob("*.json"))
TODAY = "2026-11-29"  # the examples' "today", so they stay valid whatever the date
LOAD_CASE = ROOT / "tests" / "cases" / "caf-prime-activite-indu.json"
API = "/api/v1/letters?format=zip"
PDF_API = "/api/v1/letters?format=pdf"


# -- Timing -----------------------------------------------------------------------------

def timed(fn, budget_s: float, min_reps: int = 30, max_reps: int = 2000) -> list[float]:
    """Per-call ms of ``fn``: a few warm-up calls, then as many calls as fit ``budget_s``."""
    for _ in range(3):
        fn()
    t0 = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t0, 1e-6)
    reps = int(min(max_reps, max(min_reps, budget_s / one)))
    samples = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return samples


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def calibration_ms() -> float:
    """A fixed pure-Python loop: the machine's speed, to compare runs on different machines."""
    def work():
        s = 0
        for i in range(200_000):
            s += i * i % 7
        return s
    return p50(timed(work, 0.3, min_reps=15, max_reps=21))


# -- Part 1: in process -----------------------------------------------------------------

def floor_python_docx(texts: list[str]) -> bytes:
    """The naive way: a fresh python-docx Document, the same number of paragraphs, saved."""
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def floor_zipfile(document_xml: bytes) -> bytes:
    """The bare minimum: zipfile writing the same document XML, nothing else."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document_xml)
    return out.getvalue()


def packet_as_docx(case) -> list[bytes]:
    """Compose the packet, then every letter as DOCX."""
    return [render_docx(x) for x in compose_packet(case).letters]


def api_zip_body(data: dict) -> bytes:
    """What ?format=zip does past HTTP: validate, compose, ZIP every letter as DOCX and TXT."""
    case, _ = parse_case(data)
    return packet_zip(compose_packet(case))


def in_process(budget: float) -> dict:
    packets, per_format, floors = [], {fmt: [] for fmt in RENDERERS}, {"ours": [], "pydocx": [], "zip": []}
    for path in CASES:
        data = {"today": TODAY, **json.loads(path.read_text(encoding="utf-8"))}
        case, errors = parse_case(data)
        assert case is not None, (path.name, errors)
        packet = compose_packet(case)
        letters = packet.letters
        row = {
            "case": path.stem, "letters": len(letters),
            "paragraphs": [len(paragraphs(x)) for x in letters],
            "compose": timed(partial(compose_packet, case), budget),
            "packet_docx": timed(partial(packet_as_docx, case), budget),
            "api_zip": timed(partial(api_zip_body, data), budget),
        }
        packets.append(row)
        share = budget / len(letters)
        for fmt, renderer in RENDERERS.items():
            for x in letters:
                per_format[fmt] += timed(partial(renderer, x), share, min_reps=5 if fmt == "pdf" else 30)
        for x in letters:
            texts = [t for t, _ in paragraphs(x)]
            xml = zipfile.ZipFile(io.BytesIO(render_docx(x))).read("word/document.xml")
            ours = timed(partial(render_docx, x), share)
            naive = timed(partial(floor_python_docx, texts), share, min_reps=10)
            bare = timed(partial(floor_zipfile, xml), share)
            floors["ours"].append(ours)
            floors["pydocx"].append(naive)
            floors["zip"].append(bare)
            row.setdefault("floors", []).append((p50(ours), p50(naive), p50(bare)))
        gc.collect()
    return {"packets": packets, "formats": per_format, "floors": floors}


def print_in_process(res: dict) -> None:
    print("\n## 1. In process, one core (ms per call: median / p99)\n")
    print(f"{'case':30s} {'letters':>7s} {'paragraphs':>10s} {'compose':>15s} "
          f"{'compose+DOCX':>15s} {'API ZIP body':>15s}")
    for row in res["packets"]:
        cells = [f"{p50(row[k]):6.2f} / {p99(row[k]):6.2f}" for k in ("compose", "packet_docx", "api_zip")]
        print(f"{row['case']:30s} {row['letters']:7d} {'+'.join(map(str, row['paragraphs'])):>10s} "
              + " ".join(f"{c:>15s}" for c in cells))
    print("  compose = compose_packet(case); compose+DOCX = that, then every letter as DOCX;")
    print("  API ZIP body = parse + compose + the ZIP of DOCX and TXT that ?format=zip returns.")

    print(f"\n{'one letter, by format':30s} {'median':>8s} {'p99':>8s} {'samples':>8s}")
    for fmt, samples in res["formats"].items():
        if samples:
            print(f"{fmt:30s} {p50(samples):8.3f} {p99(samples):8.3f} {len(samples):8d}")

    print("\nDOCX against its floors, per letter (median ms; ratio = ours / floor):")
    print(f"{'case':30s} {'ours':>8s} {'python-docx':>12s} {'bare zip':>9s} {'x pydocx':>9s} {'x zip':>7s}")
    for row in res["packets"]:
        for i, (ours, naive, bare) in enumerate(row["floors"], 1):
            print(f"{row['case'] + f' #{i}':30s} {ours:8.3f} {naive:12.3f} {bare:9.3f} "
                  f"{ours / naive:9.3f} {ours / bare:7.2f}")
    flat = {k: [s for run in v for s in run] for k, v in res["floors"].items()}
    print(f"{'all letters (pooled)':30s} {p50(flat['ours']):8.3f} {p50(flat['pydocx']):12.3f} "
          f"{p50(flat['zip']):9.3f} {p50(flat['ours']) / p50(flat['pydocx']):9.3f} "
          f"{p50(flat['ours']) / p50(flat['zip']):7.2f}")
    print(f"{'  p99':30s} {p99(flat['ours']):8.3f} {p99(flat['pydocx']):12.3f} {p99(flat['zip']):9.3f}")


# -- Part 2: the server -----------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_env(port: int, workers: int) -> dict[str, str]:
    return {**os.environ, "RECOURS_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers),
            "RECOURS_RATE_LIMIT_POSTS": "0",  # 0 turns rate limiting off
            "RECOURS_MAX_REQUESTS": "0",  # no worker recycling: memory must stay flat without it
            "RECOURS_PDF_WAIT_SECONDS": "300",  # every PDF is made, however long the queue
            "RECOURS_TODAY": TODAY, "RECOURS_LOG_LEVEL": "warning"}


def start_server(port: int, workers: int = 2) -> tuple[subprocess.Popen, float]:
    """gunicorn with the repository's config; returns it and ms to the first 200 on the API."""
    body = LOAD_CASE.read_bytes()
    t0 = time.perf_counter()
    server = subprocess.Popen([str(Path(sys.executable).parent / "gunicorn"), "--config",
                               "gunicorn.conf.py", "app:app"], cwd=ROOT, env=server_env(port, workers),
                              start_new_session=True)
    while time.perf_counter() - t0 < 30:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited at start")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            conn.request("POST", API, body, {"Content-Type": "application/json"})
            response = conn.getresponse()
            data = response.read()
            conn.close()
        except OSError:
            time.sleep(0.005)
            continue
        ms = (time.perf_counter() - t0) * 1000
        if response.status != 200 or not zipfile.ZipFile(io.BytesIO(data)).namelist():
            stop_server(server)
            raise RuntimeError(f"first answer was {response.status}, not a ZIP")
        return server, ms
    stop_server(server)
    raise RuntimeError("gunicorn did not answer within 30 s")


def stop_server(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.kill(server.pid, signal.SIGTERM)  # the master; it stops its own workers
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
            server.wait()


def proc_file(*parts) -> Path:
    return Path("/proc").joinpath(*map(str, parts))


def workers_of(master: int) -> list[int]:
    return sorted(int(x) for x in proc_file(master, "task", master, "children").read_text().split())


def memory_mb(pid: int) -> tuple[float, float]:
    """Resident and proportional set size of a process, in MB."""
    rss = int(re.search(r"VmRSS:\s+(\d+)", proc_file(pid, "status").read_text()).group(1)) / 1024
    pss = int(re.search(r"Pss:\s+(\d+)", proc_file(pid, "smaps_rollup").read_text()).group(1)) / 1024
    return rss, pss


def cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    fields = proc_file(pid, "stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(master: int, url: str, body: bytes, concurrency: int, **bound) -> load.LoadResult:
    """One load run, with the CPU time the workers and the load generator spent on it."""
    pids = workers_of(master)
    before = sum(cpu_seconds(p) for p in pids)
    children = os.times()
    result = load.run(url, body, concurrency, **bound)
    after_times = os.times()
    result.server_cpu_ms = (sum(cpu_seconds(p) for p in pids) - before) * 1000 / max(result.requests, 1)
    spent = (after_times.children_user + after_times.children_system
             - children.children_user - children.children_system)
    if result.tool == "python threads":
        spent = after_times.user + after_times.system - children.user - children.system
    result.client_cpu_ms = spent * 1000 / max(result.requests, 1)
    return result


def memory(master: int) -> dict[int, tuple[float, float]]:
    return {pid: memory_mb(pid) for pid in workers_of(master)}


def fmt_memory(mem: dict[int, tuple[float, float]]) -> str:
    return ", ".join(f"pid {pid}: RSS {rss:.1f} MB (PSS {pss:.1f})" for pid, (rss, pss) in mem.items())


def growth(before: dict, after: dict) -> float:
    """The largest relative RSS growth of a worker between two snapshots (inf if one was replaced)."""
    if set(after) != set(before):
        return float("inf")
    return max((after[p][0] - before[p][0]) / before[p][0] for p in after)


def healthz_during(port: int, stop: threading.Event, out: list[float]) -> None:
    """GET /healthz every 100 ms until ``stop``, keeping each latency in ms."""
    while not stop.wait(0.1):
        t = time.perf_counter()
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            conn.request("GET", "/healthz")
            conn.getresponse().read()
            conn.close()
        except OSError:
            out.append(float("inf"))
            continue
        out.append((time.perf_counter() - t) * 1000)


def server_runs(quick: bool, pdf_requests: int) -> dict:
    body = LOAD_CASE.read_bytes()
    out: dict = {"cold": []}
    for _ in range(3):
        port = free_port()
        server, ms = start_server(port)
        stop_server(server)
        out["cold"].append(ms)

    port = free_port()
    url = f"http://127.0.0.1:{port}{API}"
    pdf_url = f"http://127.0.0.1:{port}{PDF_API}"
    server, _ = start_server(port)
    try:
        master = server.pid
        deadline = time.monotonic() + 10
        while len(workers_of(master)) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)  # the second worker may still be forking
        out["boot"] = memory(master)
        load.run(url, body, 32, requests=320 if quick else 1600)  # warm-up: every thread started
        out["before"] = memory(master)
        # 10,000 requests in all (hey sends a multiple of the concurrency), then a timed run.
        plan = [(1, 304 if quick else 1008), (8, 1000 if quick else 4000), (32, 992 if quick else 4992)]
        out["steps"] = [measured(master, url, body, c, requests=n) for c, n in plan]
        out["requests_counted"] = sum(r.requests for r in out["steps"])
        out["after"] = memory(master)
        out["soak"] = measured(master, url, body, 32, seconds=10 if quick else 60)
        out["after_soak"] = memory(master)

        # 50 slow clients held open while normal requests go on.
        with load.SlowClients(port, 50) as slow:
            time.sleep(1)
            out["slow"] = measured(master, url, body, 4, requests=200 if quick else 2000)
            out["slow_held"] = slow.still_open()

        print(f"  ZIP runs done: {fmt_memory(out['after_soak'])}; 50 slow clients: p99 "
              f"{out['slow'].p99_ms:.1f} ms, {out['slow'].failures} failures", file=sys.stderr, flush=True)
        # PDFs: the whole packet in one PDF, as the page's button and ?format=pdf make it.
        # Warm-up: the font configuration, WeasyPrint's and fontTools' caches, the allocator's
        # arenas of the threads that render fill during the first PDFs of each worker.
        load.run(pdf_url, body, 8, requests=32 if quick else 200, slow=True)
        out["pdf_before"] = memory(master)
        health: list[float] = []
        stop = threading.Event()
        poller = threading.Thread(target=healthz_during, args=(port, stop, health), daemon=True)
        poller.start()
        # In ten parts (five at concurrency 8, five at 32), each told on stderr with the workers'
        # memory as it ends: a long run shows its trend, and what it measured if stopped.
        # At least 128 a part: hey names no 99th percentile for fewer than 100 requests.
        part = max(128, -(-pdf_requests // 10 // 32) * 32)
        out["pdf_steps"] = []
        for concurrency in (8,) * 5 + (32,) * 5:
            out["pdf_steps"].append(measured(master, pdf_url, body, concurrency, requests=part, slow=True))
            r = out["pdf_steps"][-1]
            print(f"  PDF part {len(out['pdf_steps'])}/10: c={concurrency} {r.requests} answered, "
                  f"{r.rps:.1f}/s, p99 {r.p99_ms:.0f} ms; {fmt_memory(memory(master))}",
                  file=sys.stderr, flush=True)
        stop.set()
        poller.join(timeout=30)
        out["pdf_after"] = memory(master)
        out["pdf_counted"] = sum(r.requests for r in out["pdf_steps"])
        out["healthz"] = health
    finally:
        stop_server(server)
    return out


def print_server(res: dict) -> None:
    steps = res["steps"]
    print(f"\n## 2. gunicorn (gunicorn.conf.py: 2 workers, gthread), POST {API} on 127.0.0.1 "
          f"(load generator: {steps[0].tool}, on the same cores)\n")
    cold = res["cold"]
    print(f"cold start to first answered request: {p50(cold):.0f} ms median "
          f"(runs: {', '.join(f'{x:.0f}' for x in cold)})")
    header = (f"{'':4s}{'concurrency':>11s} {'requests':>9s} {'req/s':>8s} {'p50 ms':>8s} {'p99 ms':>8s} "
              f"{'failures':>9s} {'CPU ms/req: server':>19s} {'load gen':>9s}")
    print("\n" + header)

    def row(label: str, r: load.LoadResult) -> None:
        print(f"{label:4s}{r.concurrency:>11d} {r.requests:9d} {r.rps:8.1f} {r.p50_ms:8.2f} {r.p99_ms:8.2f} "
              f"{r.failures:9d} {r.server_cpu_ms:19.2f} {r.client_cpu_ms:9.2f}"
              + (f"  statuses {r.statuses}" if r.failures else ""))

    for r in steps:
        row("ZIP", r)
    row("ZIP", res["soak"])
    print(f"    (the last row: {res['soak'].seconds:.0f} s at concurrency 32)")
    for r in res["pdf_steps"]:
        row("PDF", r)
    row("ZIP", res["slow"])
    print(f"    (the last row: with 50 slow clients held open; {res['slow_held']} still held at its end)")
    print("  CPU ms/req: CPU time the two workers (server) and the load generator used per answered")
    print("  request. All share the same cores, so 1000 x cores / (server + load gen) bounds req/s.")
    health = [x for x in res["healthz"] if x != float("inf")]
    if res["healthz"]:
        print(f"\nGET /healthz every 100 ms during the PDF runs: {len(res['healthz'])} answers, "
              f"p50 {p50(health):.1f} ms, p99 {p99(health):.1f} ms, "
              f"{len(res['healthz']) - len(health)} failed")
    print(f"\nworker memory just booted : {fmt_memory(res['boot'])}")
    print(f"after warm-up             : {fmt_memory(res['before'])}")
    print(f"after {res['requests_counted']:,} ZIP requests: {fmt_memory(res['after'])}")
    print(f"after the soak run        : {fmt_memory(res['after_soak'])}")
    print(f"before the PDF runs       : {fmt_memory(res['pdf_before'])}")
    print(f"after {res['pdf_counted']:,} PDF requests: {fmt_memory(res['pdf_after'])}")
    if list(res["before"]) != list(res["pdf_after"]):
        print("  (worker pids changed: a worker was restarted during the runs)")


# -- Summary ----------------------------------------------------------------------------

def targets(proc: dict, server: dict | None, many: dict | None = None) -> list[tuple[str, str, bool]]:
    rows = []
    packet = [s for row in proc["packets"] if row["letters"] == 2 for s in row["packet_docx"]]
    if packet:
        rows.append(("two-letter packet composed + DOCX, median <= 5 ms", f"{p50(packet):.2f} ms",
                     p50(packet) <= 5))
    if server:
        c8 = next(r for r in server["steps"] if r.concurrency == 8)
        rows.append(("c=8: >= 300 responses/s", f"{c8.rps:.0f}/s", c8.rps >= 300))
        rows.append(("c=8: p99 <= 50 ms", f"{c8.p99_ms:.1f} ms", c8.p99_ms <= 50))
        soak = server["soak"]
        rows.append((f"c=32 for {soak.seconds:.0f} s: zero errors", f"{soak.failures} of {soak.requests}",
                     soak.failures == 0 and soak.requests > 0))
        worst = max(rss for rss, _ in server["pdf_after"].values())
        rows.append(("worker RSS < 150 MB", f"{worst:.1f} MB", worst < 150))
        zip_growth = growth(server["before"], server["after"])
        rows.append((f"worker RSS growth < 5 % over {server['requests_counted']:,} ZIP requests",
                     f"{zip_growth * 100:+.1f} %", zip_growth < 0.05))
        pdf_growth = growth(server["pdf_before"], server["pdf_after"])
        rows.append((f"worker RSS growth < 5 % over {server['pdf_counted']:,} PDF requests",
                     f"{pdf_growth * 100:+.1f} %", pdf_growth < 0.05))
        c32 = next(r for r in server["steps"] if r.concurrency == 32)
        rows.append(("c=32: p99 reported", f"{c32.p99_ms:.1f} ms, {c32.rps:.0f}/s", True))
        slow = server["slow"]
        rows.append(("50 slow clients held: p99 of the others < 100 ms", f"{slow.p99_ms:.1f} ms",
                     slow.p99_ms < 100 and slow.failures == 0 and server["slow_held"] == 50))
        health = server["healthz"]
        if health:
            rows.append(("/healthz under PDF load: p99 < 100 ms", f"{p99(health):.1f} ms", p99(health) < 100))
        rows.append(("cold start to first answer < 1 s", f"{p50(server['cold']):.0f} ms",
                     p50(server["cold"]) < 1000))
    if many:
        goal = batch.GOAL_S * many["cases"] / 1000
        rows.append((f"{many['cases']:,} two-letter cases to DOCX + PDF < {goal:.0f} s (issue 11)",
                     f"{many['wall']:.1f} s", many["wall"] < goal))
        first, last, _ = many["memory"]
        rows.append(("batch memory flat: last fifth <= first fifth + 10 %", f"{first:.0f} -> {last:.0f} MB",
                     0 < last <= first * 1.1))
    return rows


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="shorter runs, to try the script")
    parser.add_argument("--no-server", action="store_true", help="no load on the server (part 2)")
    parser.add_argument("--pdf-requests", type=int, default=10_000,
                        help="PDF requests for the memory run (default 10,000: a long run on 2 cores)")
    parser.add_argument("--no-batch", action="store_true", help="no batch of cases (part 4)")
    args = parser.parse_args()
    os.chdir(ROOT)
    print("# Recours benchmark")
    print(f"python {platform.python_version()}, {os.cpu_count()} cores, calibration loop "
          f"{calibration_ms():.1f} ms (lower is a faster machine), load average {load_average()}")
    proc = in_process(0.15 if args.quick else 0.6)
    print_in_process(proc)
    pdfs = min(args.pdf_requests, 256) if args.quick else args.pdf_requests
    server = None if args.no_server else server_runs(args.quick, pdfs)
    if server:
        print_server(server)
    notices = reading.report(reading.run(reps=1 if args.quick else 3))
    many = None if args.no_batch else batch.main(["--cases", "100" if args.quick else "1000"])
    print(f"\nload average at the end: {load_average()} (other work on the machine skews every figure)")
    print("\n## Targets (issues 5, 10 and 11)\n")
    for name, value, ok in targets(proc, server, many):
        print(f"  [{'met ' if ok else 'MISS'}] {name:55s} {value}")
    print("\n## Targets (issue 8)\n")
    for name, value, ok in notices:
        print(f"  [{'met ' if ok else 'MISS'}] {name:55s} {value}")


if __name__ == "__main__":
    main()
