"""Varied copies of the samples, for benchmarks: N engagement files with unique ids and names."""

from __future__ import annotations

import json
import os
import random
import shutil
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Where the benches write their corpora and outputs: bench/work/, or the folder named by
# $CONFDOCS_BENCH_WORK (the smoke test gives each bench a temporary one).
WORK = Path(os.environ.get("CONFDOCS_BENCH_WORK") or ROOT / "bench" / "work")
# Every bench takes --smoke: a run so small that it only shows the bench still works. CI runs
# each one so (tests/test_bench_smoke.py), so that none can rot unseen; its figures mean nothing.
SMOKE_HELP = "a tiny run that only checks the bench still works (CI runs it); figures mean nothing"
SAMPLES = sorted((ROOT / "samples").glob("*.json"))
FIRST = ["Amara", "Jonah", "Priya", "Tomasz", "Eilidh", "Kwame", "Sofia", "Rhys", "Yara", "Li"]
LAST = ["Okafor", "Whitfield", "Raman", "Nowak", "MacLeod", "Mensah", "Rossi", "Evans", "Haddad"]


def make_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write ``count`` valid engagement files into ``folder``, and nothing else.

    A file that already holds what it should is left as it is, and the folder is not emptied
    first: deleting thousands of files just before a timed build slows the build on some file
    systems (see "Deleting just before building" in docs/performance.md)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in SAMPLES]
    paths = []
    for index in range(count):
        data: dict[str, Any] = json.loads(json.dumps(bases[index % len(bases)]))
        data.pop("$schema", None)
        data["id"] = f"{data['id'][:40]}-{index:05d}"
        client = data["parties"]["client"]
        client["name"] = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        client["email"] = f"client{index}@example.org"
        data["title"] = f"{data['title']} ({index})"
        practitioner = data["parties"]["practitioner"]
        if data["parties"].get("sponsor") and not practitioner.get("other_clients"):
            # The copies of one sample share its practitioner and its organisation: as a cohort
            # in good order does, they say so (a cohort that does not is warned about every
            # file, and placing thousands of warnings in their files would be what is timed).
            practitioner["other_clients"] = "same_organisation"
        path = folder / f"{data['id']}.json"
        text = json.dumps(data, indent=2, ensure_ascii=False).encode("utf-8")
        if not path.is_file() or path.read_bytes() != text:
            path.write_bytes(text)
        paths.append(path)
    wanted = set(paths)
    for stale in folder.iterdir():
        if stale not in wanted:
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    return paths
