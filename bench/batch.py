"""A clinic's batch: 1,000 two-letter cases to DOCX and PDF through the command line.

Writes 1,000 cases (the six two-letter examples of tests/cases/, each with its own name,
amount and dates) into a temporary folder, runs ``python -m letters batch`` on them with one
process per core, and reports the wall time, the time per case and per letter, and the
memory of every process of the run sampled as it goes (flat memory: the last samples no higher
than the first ones). Then, in this process, the CPU time of one case with each PDF engine
(the direct writer letters in Latin script take, and WeasyPrint), and where one PDF letter's
time goes in each.

Run from the repository's root: ``python -m bench.batch [--cases N] [--jobs N]``; ``make bench``
runs it as its fourth part.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 29)
EXAMPLES = ("bank-credit-refusal", "caf-prime-activite-indu", "cpam-c2s-suspension", "cpam-ij-indu-notified",
            "departement-rsa-suspension", "france-travail-radiation")
FIRST = ("Samia", "Karim", "Nadia", "Julien", "Aïcha", "Léa", "Mohamed", "Inès", "Lucas", "Fatou")
LAST = ("Benali", "Haddad", "Moreau", "Petit", "Traoré", "Martin", "Nguyen", "Da Silva", "Lefèvre", "Diallo")
GOAL_S = 60.0


def make_cases(folder: Path, count: int) -> None:
    """``count`` distinct cases, cycling through the two-letter examples."""
    examples = [json.loads((ROOT / "tests" / "cases" / f"{name}.json").read_text(encoding="utf-8"))
                for name in EXAMPLES]
    for i in range(count):
        data = copy.deepcopy(examples[i % len(examples)])
        data["person"]["name"] = f"{FIRST[i % 10]} {LAST[(i // 10) % 10]}"
        data["today"] = TODAY.isoformat()
        data["decision"]["date"] = (TODAY - timedelta(days=5 + i % 40)).isoformat()
        data["decision"].pop("received", None)
        if data["decision"].get("amount"):
            data["decision"]["amount"] = round(150 + (i * 37.5) % 4000, 2)
        (folder / f"case-{i:04d}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _tree(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return out


def _rss_mb(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    found = re.search(r"VmRSS:\s+(\d+)", text)
    return int(found.group(1)) / 1024 if found else 0.0


def run_batch(cases: Path, out: Path, jobs: int) -> dict:
    command = [sys.executable, "-m", "letters", "batch", str(cases), "--out", str(out),
               "--format", "docx,pdf", "--jobs", str(jobs)]
    samples: list[tuple[float, dict[int, float]]] = []
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as quiet:
        proc = subprocess.Popen(command, cwd=ROOT, stdout=quiet)
        while proc.poll() is None:
            samples.append((time.perf_counter() - t0, {p: _rss_mb(p) for p in _tree(proc.pid)}))
            time.sleep(0.25)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"python -m letters batch exited {proc.returncode}")
    return {"wall": wall, "samples": samples}


def memory_trend(samples: list[tuple[float, dict[int, float]]]) -> tuple[float, float, float]:
    """Largest process RSS (MB) over the first and the last fifth of the run, and the peak."""
    steady = [(t, max(m.values())) for t, m in samples if len(m) > 1]  # once the workers run
    if len(steady) < 5:
        return 0.0, 0.0, 0.0
    fifth = max(1, len(steady) // 5)
    return (max(v for _, v in steady[:fifth]), max(v for _, v in steady[-fifth:]), max(v for _, v in steady))


def per_case_cpu(folder: Path, count: int) -> dict[str, float]:
    """CPU ms per case in this process, DOCX and PDF written as the command line writes them,
    with each PDF engine. CPU time, so other work on the machine skews it less than wall time."""
    from letters import compose_packet, parse_case
    from letters.cli.packets import write_packet
    from letters.export import filename, render
    from letters.render import pdf

    cases = []
    for path in sorted(folder.glob("*.json"))[:count]:
        case, _ = parse_case(json.loads(path.read_text(encoding="utf-8")))
        cases.append(case)

    def weasyprint(packet, out: Path) -> None:
        layouts = [pdf._document(letter, pdf.font_configuration()) for letter in packet.letters]
        for i, (letter, laid) in enumerate(zip(packet.letters, layouts, strict=True), 1):
            (out / filename(letter, "docx", i)).write_bytes(render(letter, "docx"))
            (out / filename(letter, "pdf", i)).write_bytes(pdf.write_pdf([laid], [letter]))
        (out / "recours-lettres.pdf").write_bytes(pdf.write_pdf(layouts, packet.letters))

    def direct(packet, out: Path) -> None:
        write_packet(packet, out, ["docx", "pdf"])

    out: dict[str, float] = {}
    for label, write in (("weasyprint", weasyprint), ("direct", direct)):
        for i in range(len(cases) + 1):
            (folder / label / str(i)).mkdir(parents=True)
        write(compose_packet(cases[0]), folder / label / "0")  # warm
        t = time.process_time()
        for i, case in enumerate(cases, 1):
            write(compose_packet(case), folder / label / str(i))
        out[label] = (time.process_time() - t) * 1000 / len(cases)
    return out


def where_pdf_time_goes(reps: int = 10) -> dict[str, float]:
    """Median ms, in this process, of the stages of one PDF letter with each engine."""
    from letters import compose_packet, parse_case
    from letters.render import pdf, pdfwriter

    data = {**json.loads((ROOT / "tests" / "cases" / "caf-prime-activite-indu.json").read_text()),
            "today": TODAY.isoformat()}
    case, _ = parse_case(data)
    letter = compose_packet(case).letters[1]
    pdf.render_pdf(letter)  # warm
    pdf.render_pdf(letter, engine="weasyprint")

    def ms(fn) -> float:
        times = []
        for _ in range(reps):
            t = time.perf_counter()
            fn()
            times.append((time.perf_counter() - t) * 1000)
        return statistics.median(times)

    document = pdf._document(letter, pdf.font_configuration())
    laid = pdfwriter.lay_out(letter)
    return {"direct: lay the letter out": ms(lambda: pdfwriter.lay_out(letter)),
            "direct: write the PDF": ms(lambda: pdfwriter.write([laid], [letter])),
            "WeasyPrint: lay the letter out (fonts reused)":
                ms(lambda: pdf._document(letter, pdf.font_configuration())),
            "WeasyPrint: write the PDF": ms(lambda: pdf.write_pdf([document], [letter]))}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="recours-batch-"))
    try:
        (folder / "cases").mkdir()
        make_cases(folder / "cases", args.cases)
        cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
        result = run_batch(folder / "cases", folder / "out", args.jobs)
        cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
        result["cpu"] = (cpu_after.ru_utime + cpu_after.ru_stime - cpu_before.ru_utime - cpu_before.ru_stime)
        compared = per_case_cpu(folder / "cases", min(24, args.cases))
        letters = sum(1 for _ in (folder / "out").rglob("0*.pdf"))
        docx = sum(1 for _ in (folder / "out").rglob("*.docx"))
        packets = sum(1 for _ in (folder / "out").rglob("recours-lettres.pdf"))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    first, last, peak = memory_trend(result["samples"])
    stages = where_pdf_time_goes()
    print(f"\n## 3. A batch of {args.cases:,} two-letter cases to DOCX and PDF: "
          f"python -m letters batch --jobs {args.jobs}\n")
    print(f"wall time {result['wall']:.1f} s for {args.cases} cases: {letters} letter PDFs, {docx} DOCX, "
          f"{packets} packet PDFs")
    print(f"  {result['wall'] * 1000 / args.cases:.1f} ms per case, "
          f"{result['wall'] * 1000 / max(letters, 1):.1f} ms per letter (wall, all cores)")
    print(f"  CPU time of the run (every process): {result['cpu']:.1f} s, "
          f"{result['cpu'] * 1000 / args.cases:.1f} ms per case; load average now {_load()}")
    print(f"largest process RSS: {first:.0f} MB in the first fifth of the run, {last:.0f} MB in the "
          f"last fifth, {peak:.0f} MB at the peak ({len(result['samples'])} samples)")
    print(f"\none case to DOCX and PDF in one process, CPU ms per case: with WeasyPrint "
          f"{compared['weasyprint']:.0f}, with the direct writer {compared['direct']:.0f} "
          f"({compared['weasyprint'] / compared['direct']:.1f} x)")
    print("\none PDF letter, in one process (median ms):")
    for name, value in stages.items():
        print(f"  {name:50s} {value:8.1f}")
    return {"wall": result["wall"], "cpu": result["cpu"], "cases": args.cases, "letters": letters,
            "memory": (first, last, peak), "stages": stages, "compared": compared}


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    main()
