"""Time and peak memory of coding one very long article, in a fresh process per case.

    python benchmarks/long_document.py [--chars 1000000] [--cases paragraphs,one-line,no-punctuation]
                                       [--workers N[,N...]] [--out benchmarks/results/long_document.json]

The article is news-like paragraphs (templates below, filled with varied countries, capitals,
people, organisations, dates and numbers from a seeded generator, so that no two paragraphs in a
row are alike) up to ``--chars`` characters:

- ``paragraphs``: as articles are written, paragraphs separated by blank lines;
- ``one-line``: the same text on a single line;
- ``no-punctuation``: the same words on one line with every punctuation mark removed.

Each case runs ``communique code FILE -o OUT`` in its own process, with the default workers
(the cores: the article's pieces are parsed on each of them) or each ``--workers`` value given;
the wall time, the CPU time (user + system) of that process and the processes it starts, the
largest peak resident memory among them (``getrusage``) are recorded with the number of events
and the machine's load average when the case starts. The bar: a 1 MB
article codes in under 60 s and under 1 GB (wall time is what a user waits; on a shared machine
it exceeds the CPU time by the time spent waiting for a core, so ``cpu_within_bar`` is the
measure that does not depend on what else runs).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterator

REPO = Path(__file__).resolve().parents[1]
CASES = ("paragraphs", "one-line", "no-punctuation")
BAR_SECONDS, BAR_BYTES = 60, 1_000_000_000
# Runs the command given as arguments; prints its exit code and peak resident memory (KiB) last on stderr.
MEASURE = ("import resource, subprocess, sys\n"
           "code = subprocess.run(sys.argv[1:]).returncode\n"
           "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
           "print(code, use.ru_maxrss, round(use.ru_utime + use.ru_stime, 1), file=sys.stderr)")


PLACES = [("Norway", "Oslo", "Norwegian"), ("Kenya", "Nairobi", "Kenyan"), ("Peru", "Lima", "Peruvian"),
          ("Turkey", "Ankara", "Turkish"), ("India", "New Delhi", "Indian"), ("Brazil", "Brasilia", "Brazilian"),
          ("Egypt", "Cairo", "Egyptian"), ("Japan", "Tokyo", "Japanese"), ("Poland", "Warsaw", "Polish"),
          ("Nigeria", "Abuja", "Nigerian"), ("Chile", "Santiago", "Chilean"), ("Iran", "Tehran", "Iranian"),
          ("Ukraine", "Kyiv", "Ukrainian"), ("Ethiopia", "Addis Ababa", "Ethiopian"), ("Canada", "Ottawa", "Canadian"),
          ("Vietnam", "Hanoi", "Vietnamese"), ("Mexico", "Mexico City", "Mexican"), ("Sudan", "Khartoum", "Sudanese"),
          ("Germany", "Berlin", "German"), ("Pakistan", "Islamabad", "Pakistani"), ("Colombia", "Bogota", "Colombian")]
PEOPLE = ["Arvid Lendt", "Mara Okonjo", "Tomas Quispe", "Selin Kaya", "Ravi Menon", "Lucia Prado", "Omar Fathy",
          "Kenji Arata", "Ewa Nowicka", "Chidi Eze", "Paula Rojas", "Dariush Kamali", "Olena Bondar", "Hana Tesfaye"]
ROLES = ["Foreign Minister", "President", "Defence Minister", "Prime Minister", "Interior Minister"]
GROUPS = ["the United Nations", "the European Union", "the African Union", "NATO", "the World Bank",
          "opposition lawmakers", "police", "rebel fighters", "protesters", "the central bank"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TEMPLATES = [
    "{role} {person} of {a} met her {adj_b} counterpart in {city_b} on {day} to discuss border security and trade.",
    "{a} accused {b} of violating the ceasefire, saying {n} soldiers had been killed in shelling near {city_a} "
    "since {month} {d}.",
    "Thousands of protesters marched through {city_a} on {day}, demanding the resignation of the government. "
    "Police fired tear gas and arrested {n} people, according to a spokesman for the interior ministry.",
    "{group} said it would send {n} tonnes of food aid to {a} after floods displaced families in the north. "
    "The {adj_a} government welcomed the offer.",
    "In a statement issued in {city_b}, the {adj_b} foreign ministry condemned the attack and urged {a} to "
    "exercise restraint. \"We call on all sides to return to talks,\" the statement said.",
    "{person}, the {adj_a} {role_l}, threatened to impose sanctions on {b} if the shipments continued, "
    "speaking to reporters in {city_a} on {day}.",
    "Negotiators from {a} and {b} signed an agreement on {month} {d} to reopen the railway between {city_a} "
    "and {city_b}, ending a dispute that began {n} years ago.",
    "Gunmen attacked a police station outside {city_a} late on {day}, killing {n} officers, officials said. "
    "No group claimed responsibility.",
    "{b} expelled two {adj_a} diplomats on {day}, accusing them of espionage. {a} denied the charge and said it "
    "would respond.",
    "The {adj_a} parliament approved a law on {day} that critics say restricts the press. {group} expressed "
    "concern and asked the government to reconsider.",
    "{role} {person} visited {city_b} last week and pledged {n} million dollars in investment, the first such "
    "visit by an {adj_a} leader in a decade.",
    "Troops from {a} crossed into {b} early on {day}, a military spokesman in {city_b} said, adding that "
    "the army had been placed on high alert.",
    "A court in {city_a} sentenced the former minister to {n} years in prison for corruption on {month} {d}. "
    "His lawyers said they would appeal.",
    "{a} and {b} agreed to hold joint naval exercises next month, their defence ministries said in a joint "
    "statement after talks in {city_a}.",
    "The talks collapsed on {day} when the {adj_b} delegation walked out, and {person} said there was "
    "no point in meeting again until {a} withdrew its demands.",
    "Aid workers said about {n} people had fled {city_a} since fighting resumed, many of them crossing into "
    "{b}, where camps are already full.",
]


def paragraphs(seed: int = 7) -> Iterator[str]:
    """Endless news-like paragraphs, each a template filled at random (seeded, so runs compare)."""
    rng = random.Random(seed)
    while True:
        (a, city_a, adj_a), (b, city_b, adj_b) = rng.sample(PLACES, 2)
        role = rng.choice(ROLES)
        slots = dict(a=a, b=b, city_a=city_a, city_b=city_b, adj_a=adj_a, adj_b=adj_b, role=role,
                     role_l=role.lower(), person=rng.choice(PEOPLE), group=rng.choice(GROUPS),
                     month=rng.choice(MONTHS), d=rng.randint(1, 28), day=rng.choice(DAYS), n=rng.randint(2, 400))
        yield " ".join(_capital(t.format(**slots)) for t in rng.sample(TEMPLATES, rng.randint(1, 3)))


def _capital(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def article(chars: int, case: str) -> str:
    out, size = [], 0
    for paragraph in paragraphs():
        if size >= chars:
            break
        out.append(paragraph)
        size += len(paragraph) + 2
    text = "\n\n".join(out)[:chars]
    if case == "one-line":
        return " ".join(text.split())
    if case == "no-punctuation":
        return " ".join(re.sub(r"[^\w\s]", " ", text).split())
    return text


def run_case(chars: int, case: str, folder: Path, workers: int | None = None) -> dict:
    source, out = folder / f"{case}.txt", folder / f"{case}.jsonl"
    source.write_text("date 2021-04-24\n" + article(chars, case) + "\n", encoding="utf-8")
    command = [sys.executable, "-m", "communique.cli", "code", str(source), "-o", str(out), "--no-progress"]
    command += ["--workers", str(workers)] if workers else []
    # a fresh parent per case, so that its children's peak memory is this case's alone
    measure = [sys.executable, "-c", MEASURE, *command]
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    done = subprocess.run(measure, capture_output=True, text=True)
    seconds = time.perf_counter() - t0
    *errors, last = done.stderr.strip().splitlines() or [""]
    measured = re.fullmatch(r"(-?\d+) (\d+) ([\d.]+)", last)
    exit_code, peak_kib, cpu = (int(measured[1]), int(measured[2]), float(measured[3])) if measured else (-1, 0, 0.0)
    events = sum(1 for line in out.read_text(encoding="utf-8").splitlines() if line.strip()) if out.exists() else 0
    # exit code 1 with warnings only (a text without sentence ends is cut, and says so) is a success
    coded = exit_code == 0 or (exit_code == 1 and all(line.startswith("warning:") for line in errors))
    within_memory = peak_kib * 1024 < BAR_BYTES
    return {
        "case": case, "workers": workers or len(os.sched_getaffinity(0)), "chars": source.stat().st_size,
        "exit_code": exit_code, "stderr": errors[-3:],
        "seconds": round(seconds, 1), "cpu_seconds": cpu, "peak_rss_mb": round(peak_kib / 1024, 1), "events": events,
        "load_average_before": round(load, 2),
        "within_bar": coded and seconds < BAR_SECONDS and within_memory,
        "cpu_within_bar": coded and cpu < BAR_SECONDS and within_memory,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--chars", type=int, default=1_000_000)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--workers", default="", help="comma-separated --workers values, each case run with each "
                                                     "(default: the command's default, the cores)")
    ap.add_argument("--out", default=str(REPO / "benchmarks" / "results" / "long_document.json"))
    args = ap.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for case in args.cases.split(","):
            for workers in [int(w) for w in args.workers.split(",") if w] or [None]:
                results.append(run_case(args.chars, case, Path(folder), workers))
                print(json.dumps(results[-1]), flush=True)
    report = {"benchmark": "long_document", "chars": args.chars, "bar": {"seconds": BAR_SECONDS, "bytes": BAR_BYTES},
              "python": platform.python_version(), "machine": platform.machine(), "results": results}
    Path(args.out).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
