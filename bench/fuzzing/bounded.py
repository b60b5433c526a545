"""Running one command, bounded in memory, file size and time, and judging how it ended."""


from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .common import FILE_LIMIT, MEMORY_LIMIT, TIMEOUT

# --- running one command, bounded ---------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """How one command ended."""

    code: int | None  # None: killed by a signal
    signal: int | None
    seconds: float
    peak_kib: int  # the largest resident set of the command's processes (wait4's ru_maxrss)
    timed_out: bool
    orphans: int  # processes of its group still running after it ended
    output: str


# Runs each command, from a process of its own that holds little memory: a process's peak
# (ru_maxrss) counts the memory of the process that forked it, as it was when it forked, and the
# fuzzer's own processes hold mutated workbooks and templates by the hundred MiB. Started as
# `python -S -c LAUNCHER REQUEST`; the command's output goes to the launcher's standard error, and
# how it ended, as JSON, to its standard output.
LAUNCHER = """
import json, os, resource, signal, subprocess, sys, time

request = json.loads(sys.argv[1])


def limits():  # in the child, before it runs the command: what every process of it may use
    resource.setrlimit(resource.RLIMIT_AS, (request["memory"], request["memory"]))
    resource.setrlimit(resource.RLIMIT_FSIZE, (request["files"], request["files"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def members(group):  # the live processes of a process group
    found = []
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().decode("ascii", "replace").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.isdigit() and fields[2] == str(group) and fields[0] not in ("Z", "X"):
            found.append(int(entry))
    return found


started = time.monotonic()
# A session of its own: its workers can be found, and stopped with it.
process = subprocess.Popen(request["argv"], stdin=subprocess.DEVNULL, stdout=2, stderr=2,
                           preexec_fn=limits, start_new_session=True)
timed_out = False
pause = 0.002
while True:
    # wait4, not waitpid: it gives the child's resource usage, its peak memory included.
    pid, status, usage = os.wait4(process.pid, os.WNOHANG)
    if pid:
        break
    if time.monotonic() - started > request["timeout"]:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)
        pid, status, usage = os.wait4(process.pid, 0)
        break
    time.sleep(pause)
    pause = min(pause * 1.5, 0.05)
seconds = time.monotonic() - started
process.returncode = os.waitstatus_to_exitcode(status)  # reaped: Popen must not wait again
left = members(process.pid)
deadline = time.monotonic() + 2
while left and time.monotonic() < deadline:  # workers finishing as their parent ends
    time.sleep(0.05)
    left = members(process.pid)
if left:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
print(json.dumps({"code": process.returncode, "seconds": seconds, "peak_kib": usage.ru_maxrss,
                  "timed_out": timed_out, "orphans": len(left)}))
"""


def run_confdocs(argv: tuple[str, ...], cwd: Path, env: dict[str, str],
                 timeout: float = TIMEOUT) -> Outcome:
    """``python -m confdocs ARGV`` in ``cwd``, under MEMORY_LIMIT, FILE_LIMIT and ``timeout``,
    in a session of its own; run by LAUNCHER, which measures it."""
    request = json.dumps({"argv": [sys.executable, "-m", "confdocs", *argv],
                          "memory": MEMORY_LIMIT, "files": FILE_LIMIT, "timeout": timeout})
    with tempfile.TemporaryFile(dir=cwd) as log:
        done = subprocess.run([sys.executable, "-S", "-c", LAUNCHER, request], cwd=cwd, env=env,
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log,
                              timeout=timeout + 60, check=True)
        ended = json.loads(done.stdout)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    code = ended["code"]
    return Outcome(code if code >= 0 else None, -code if code < 0 else None, ended["seconds"],
                   ended["peak_kib"], ended["timed_out"], ended["orphans"], output)


RESOURCE_CAUSES = ("timeout", "memory", "file-size limit", "killed by", "worker lost")
# What issue 28 bounds every process at: a process under the limit (1 GiB of address space) may
# still pass it in resident memory, as one that makes and drops a 1 GB string does.
PEAK_BOUND = 10**9
MEMORY_SIGNS = re.compile(r"MemoryError|Cannot allocate memory|out of memory|bad_alloc|"
                          r"failed to allocate|memory allocation failed")
WORKER_LOST = re.compile(r"a worker process (was killed|exited with|ended abruptly)")
INTERNAL = re.compile(r"internal error: ([^\n]*)")
FRAME = re.compile(r'File "([^"]+)", line (\d+), in (\S+)')


def causes(outcome: Outcome) -> list[str]:
    """What went wrong in a command, if anything (empty: nothing)."""
    if outcome.timed_out:
        return [f"timeout (over {TIMEOUT:.0f} s)"]
    found = []
    if MEMORY_SIGNS.search(outcome.output):
        found.append("memory limit (1 GiB)")
    elif outcome.peak_kib * 1024 > PEAK_BOUND:
        found.append("memory over 1 GB")
    elif "File too large" in outcome.output:
        found.append("file-size limit (1 GiB)")
    elif outcome.signal is not None:
        found.append(f"killed by {signal.Signals(outcome.signal).name}")
    elif WORKER_LOST.search(outcome.output):
        found.append("worker lost")
    elif outcome.code == 3:
        found.append("exit 3")
    elif "Traceback (most recent call last)" in outcome.output:
        found.append("traceback")
    elif outcome.code not in (0, 1, 2):
        found.append(f"exit {outcome.code}")
    if outcome.orphans:
        found.append("processes left running")
    return found


def signature(cause: str, output: str) -> str:
    """What tells one bug from another: the error's type, the last place in confdocs the
    traceback passes through and the place it ends (a message's quoted parts and numbers vary
    from case to case; the first case's message is kept with the failure)."""
    frames = FRAME.findall(output)
    said = INTERNAL.search(output)
    if not frames and not said:
        tail = [line for line in output.strip().splitlines() if line.strip()]
        return re.sub(r"\d+", "N", tail[-1][:160]) if tail else ""
    error = said.group(1) if said else next(
        (line.strip() for line in reversed(output.splitlines())
         if re.match(r"\s*[A-Za-z_.]*(Error|Exception|Exit)\b", line)), "")
    kind = error.split(":", 1)[0][:60]
    ours = [f for f in frames if "/confdocs/" in f[0] and "/site-packages/" not in f[0]]
    places = []
    for path, line, function in ([ours[-1]] if ours else []) + ([frames[-1]] if frames else []):
        place = f"{re.sub(r'.*/(confdocs/|site-packages/|python3[.0-9]*/)', '', path)}:{line} in {function}"
        if place not in places:
            places.append(place)
    return f"{kind} at {' / '.join(places)}" if places else kind


def unreadable_documents(out: Path) -> list[str]:
    """Every .docx under ``out`` that is not a well-formed Word package python-docx opens."""
    import xml.parsers.expat as expat

    import docx

    bad = []
    documents = [out] if out.suffix == ".docx" else sorted(out.rglob("*.docx"))
    for document in documents:
        if not document.is_file():
            continue
        try:
            with zipfile.ZipFile(document) as archive:
                if archive.testzip() is not None or "word/document.xml" not in archive.namelist():
                    raise ValueError("damaged package")
                for name in archive.namelist():
                    if name.endswith((".xml", ".rels")):
                        expat.ParserCreate().Parse(archive.read(name), True)
        except (zipfile.BadZipFile, ValueError, expat.ExpatError) as exc:
            bad.append(f"{document}: {exc}")
            continue
        try:
            docx.Document(str(document))
        except Exception as exc:  # whatever python-docx raises, Word would balk at it too
            bad.append(f"{document}: python-docx cannot open it: {type(exc).__name__}: {exc}")
    return bad
