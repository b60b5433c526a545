"""confdocs under pre-commit, run by pre-commit itself in a throwaway repository made from
samples/cohort: the shipped hook (.pre-commit-hooks.yaml), the README's snippet, and the
project's own .pre-commit-config.yaml on the project's own files.

The shipped hook is ``language: python``: pre-commit would install confdocs and its dependencies
from the package index into an environment of its own, and tests never touch the network. The
hook is run here as ``repo: local`` with every key the manifest gives it (entry, args, files,
exclude, require_serial...) and only the language changed to ``system``, with the entry's
``confdocs`` run by this interpreter: what pre-commit names and how it calls confdocs are exactly
the manifest's. (``pre-commit try-repo . confdocs-validate`` runs it with its own environment.)
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ..helpers import COHORT, ROOT

pytestmark = [
    pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None,
                       reason="pre-commit is not installed (pip install -e '.[test]' installs it)"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed"),
]

PROFILE = "profiles/harbour-vale-2026.json"
RECORD = "engagements/.confdocs-import.json"


def _run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
           "PRE_COMMIT_COLOR": "never", "NO_COLOR": "1"}
    env.pop("GIT_DIR", None)
    env.pop("GIT_INDEX_FILE", None)
    return subprocess.run(args, cwd=repo, env=env, capture_output=True, text=True, timeout=300,
                          check=False)


def _here(entry: str) -> str:
    """``entry`` with its ``confdocs`` run by the interpreter running the tests."""
    assert entry.startswith("confdocs "), entry
    return f"{sys.executable} -m confdocs {entry.removeprefix('confdocs ')}"


def _repository(tmp_path: Path, config: dict[str, Any] | str) -> Path:
    """A git repository holding samples/cohort (its import record included) and ``config`` as
    its .pre-commit-config.yaml, committed, with the pre-commit hook installed."""
    repo = tmp_path / "cohort"
    shutil.copytree(COHORT, repo)
    text = config if isinstance(config, str) else json.dumps(config, indent=2)  # JSON is YAML
    (repo / ".pre-commit-config.yaml").write_text(text, encoding="utf-8")
    for command in (("git", "init", "-q"), ("git", "add", "-A"),
                    ("git", "commit", "-q", "--no-verify", "-m", "cohort"),
                    (sys.executable, "-m", "pre_commit", "install")):
        done = _run(repo, *command)
        assert done.returncode == 0, done.stdout + done.stderr
    return repo


def _shipped_hook_config() -> dict[str, Any]:
    import yaml  # pre-commit's own dependency

    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = dict(next(h for h in manifest if h["id"] == "confdocs-validate"))
    hook.update(language="system", entry=_here(hook["entry"]))
    return {"repos": [{"repo": "local", "hooks": [hook]}]}


def _commit(repo: Path, message: str) -> subprocess.CompletedProcess[str]:
    added = _run(repo, "git", "add", "-A")
    assert added.returncode == 0, added.stderr
    return _run(repo, "git", "commit", "-q", "-m", message)


def _head(repo: Path) -> str:
    return _run(repo, "git", "rev-parse", "HEAD").stdout.strip()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _commits_and_blocks(repo: Path) -> None:
    """A clean commit (an engagement and the import record changed) passes; a commit changing
    only the profile, so that the five engagements extending it lose a required field, is
    blocked naming each of them; the import record is never reported."""
    everything = _run(repo, sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert everything.returncode == 0, everything.stdout + everything.stderr
    assert ".confdocs-import.json" not in everything.stdout

    _edit(repo / "engagements/HV-LC-2026-001.json", "Head of Network Operations",
          "Head of Network Operations and Planning")
    _edit(repo / RECORD, '"tool": "confdocs import"', '"tool":  "confdocs import"')
    clean = _commit(repo, "a new job title")
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert ".confdocs-import.json" not in clean.stdout + clean.stderr

    before = _head(repo)
    profile = repo / PROFILE
    kept = [line for line in profile.read_text(encoding="utf-8").splitlines(keepends=True)
            if '"purpose":' not in line]
    profile.write_text("".join(kept), encoding="utf-8")
    broken = _commit(repo, "the programme's purpose removed")
    said = broken.stdout + broken.stderr  # git commit passes the hook's output on stderr
    assert broken.returncode != 0, said
    assert _head(repo) == before  # blocked
    for number in range(1, 6):
        assert (f"engagements/HV-LC-2026-00{number}.json:1:1: error: the file is missing the "
                "required field 'purpose'") in said, said
    assert ".confdocs-import.json" not in said


def test_the_shipped_hook_passes_a_clean_commit_and_blocks_a_profile_breaking_its_engagements(
        tmp_path: Path) -> None:
    _commits_and_blocks(_repository(tmp_path, _shipped_hook_config()))


def test_the_readme_snippet_works_for_a_cohort_repository_as_written(tmp_path: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("pre-commit (`.pre-commit-config.yaml`)", 1)[1].split("```", 2)[1]
    snippet = snippet.removeprefix("yaml\n")
    lines = [line.replace("entry: confdocs ", f"entry: {sys.executable} -m confdocs ")
             for line in snippet.splitlines(keepends=True)]
    _commits_and_blocks(_repository(tmp_path, "".join(lines)))


def test_the_projects_own_config_passes_on_its_own_files(tmp_path: Path) -> None:
    import yaml

    repo = tmp_path / "project"
    for folder in ("samples", "templates", "schemas"):
        shutil.copytree(ROOT / folder, repo / folder)
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    for hook in config["repos"][0]["hooks"]:
        hook["entry"] = _here(hook["entry"])
    validate = next(h for h in config["repos"][0]["hooks"] if h["id"] == "confdocs-validate")
    assert validate["require_serial"] is True
    (repo / ".pre-commit-config.yaml").write_text(json.dumps(config), encoding="utf-8")
    for command in (("git", "init", "-q"), ("git", "add", "-A")):
        assert _run(repo, *command).returncode == 0
    assert (repo / "samples/cohort/engagements/.confdocs-import.json").is_file()
    done = _run(repo, sys.executable, "-m", "pre_commit", "run", "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "confdocs validate (samples)" in done.stdout and "Passed" in done.stdout
