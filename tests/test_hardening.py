"""Issue 15: nothing outside --out is touched, no valid-looking input makes a broken document, no
operator fault is a crash. Each test here failed before its fix."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

from .helpers import sample_data, write_engagement

GUILD = "membership-guild.json"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_forged_manifest_never_deletes_outside_out(tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    source = write_engagement(inputs, sample_data(GUILD))
    out = tmp_path / "out"
    assert run("build", str(inputs), "--out", str(out)).exit_code == 0
    outside = tmp_path / "outside"
    outside.mkdir()
    victims = [tmp_path / "victim.txt", outside / "absolute.txt", outside / "linked.txt"]
    for victim in victims:
        victim.write_text("keep me", encoding="utf-8")
    (out / "link").symlink_to(outside, target_is_directory=True)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    template = manifest["outputs"][0]
    forged = ["../victim.txt", str(victims[1]), "link/linked.txt"]
    for path, victim in zip(forged, victims, strict=True):
        manifest["outputs"].append({**template, "path": path, "sha256": _sha(victim),
                                    "input": str(source)})
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    # The journal is read too: a forged line there is refused the same way.
    (out / ".manifest.journal").write_text(json.dumps(
        {**template, "path": "../victim.txt", "sha256": _sha(victims[0]),
         "input": str(source)}) + "\n", encoding="utf-8")
    result = run("build", str(inputs), "--out", str(out), "--force")
    assert result.exit_code == 0, result.output
    assert all(victim.read_text(encoding="utf-8") == "keep me" for victim in victims)
    assert result.stderr.count("outside the output folder") >= 3
    kept = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    assert not {entry["path"] for entry in kept} & set(forged)


def test_engagement_folder_that_is_a_link_out_of_out_is_not_written_through(
        tmp_path: Path, run) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    data = sample_data(GUILD)
    write_engagement(inputs, data)
    out = tmp_path / "out"
    out.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (out / data["id"]).symlink_to(outside, target_is_directory=True)
    result = run("build", str(inputs), "--out", str(out))
    assert result.exit_code == 1
    assert "symbolic link" in result.stderr
    assert list(outside.iterdir()) == []


def _engagement(tmp_path: Path, change: dict[str, object] | None = None,
                name: str = "e.json") -> Path:
    data = sample_data(GUILD)
    data.update(change or {})
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    return write_engagement(folder, data, name)


def test_a_deeply_nested_input_is_a_finding_in_build_not_a_crash(tmp_path: Path, run) -> None:
    good = _engagement(tmp_path, name="good.json")
    deep = tmp_path / "in" / "deep.json"
    deep.write_text('{"id": "DEEP", "x": ' + "[" * 1500 + "]" * 1500 + "}", encoding="utf-8")
    result = run("build", str(good.parent), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1, result.output
    assert "json-too-deep" in result.stderr
    assert (tmp_path / "out" / sample_data(GUILD)["id"]).is_dir()


def test_a_lone_surrogate_in_a_message_never_crashes_the_reporter(tmp_path: Path, run) -> None:
    path = _engagement(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace('"en-GB"', '"\\ud800"'),
                    encoding="utf-8")
    for fmt in ("text", "json", "github"):
        result = run("validate", "--format", fmt, str(path))
        assert result.exit_code == 1, result.output
        assert "\\ud800" in result.output
    assert json.loads(run("validate", "--format", "json", str(path)).output)["errors"] >= 1


def test_a_web_address_with_a_stray_bracket_is_a_finding(tmp_path: Path, run) -> None:
    from confdocs import validate_paths

    data = sample_data(GUILD)
    data["professional_body"]["complaints_url"] = "https://example.org]"
    path = _engagement(tmp_path, {"professional_body": data["professional_body"]})
    report = validate_paths([path])
    assert [f.code for f in report.findings] == ["schema-format"]
    result = run("build", str(path), "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "schema-format" in result.stderr


def test_a_console_that_is_not_utf8_gets_escapes_not_a_crash(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    path = _engagement(tmp_path, {"locale": "xx-YY"}, name="łódź-🎉.json")
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}
    done = subprocess.run([sys.executable, "-m", "confdocs", "validate", str(path)],
                          capture_output=True, env=env, check=False)
    assert done.returncode == 1, done.stderr.decode("cp1252", "replace")
    assert b"Traceback" not in done.stderr


def test_text_output_is_one_line_per_finding_whatever_a_key_holds(tmp_path: Path, run) -> None:
    path = _engagement(tmp_path, {"x\n::error file=a.py::injected\u2028y": 1})
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert len(lines) == 2, lines  # the finding and the summary
    assert not any(line.startswith("::") for line in lines)
    assert "\\n::error" in lines[0] and "\\u2028" in lines[0]


@contextlib.contextmanager
def _held(out: Path) -> Iterator[None]:
    """``out``'s lock held, as another build holds it."""
    import fcntl
    import os

    out.mkdir(exist_ok=True)
    fd = os.open(out / ".confdocs.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def test_a_second_build_into_the_same_folder_says_another_holds_it(tmp_path: Path, run) -> None:

    path = _engagement(tmp_path)
    out = tmp_path / "out"
    with _held(out):
        busy = run("build", str(path), "--out", str(out))
    assert busy.exit_code == 2
    assert "another confdocs build is writing into this folder" in busy.stderr
    assert not (out / "manifest.json").exists()
    assert run("build", str(path), "--out", str(out)).exit_code == 0


def test_concurrent_builds_never_lose_manifest_entries(tmp_path: Path) -> None:
    import subprocess
    import sys

    from .helpers import SAMPLES

    out = tmp_path / "out"
    command = [sys.executable, "-m", "confdocs", "build", str(SAMPLES), "--out", str(out),
               "--force", "-j", "2"]
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(3)]
    errors = [process.communicate()[1] for process in runs]
    codes = sorted(process.returncode for process in runs)
    assert not any(b"Traceback" in error for error in errors), errors
    assert codes[0] == 0 and set(codes) <= {0, 2}, errors
    assert run_build_is_complete(out)


def run_build_is_complete(out: Path) -> bool:
    outputs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*.docx")}
    return {entry["path"] for entry in outputs} == on_disk and len(on_disk) > 5


def test_build_refuses_ids_that_collide_on_macos_and_windows(tmp_path: Path, run) -> None:
    data = sample_data(GUILD)
    folder = tmp_path / "in"
    folder.mkdir()
    write_engagement(folder, {**data, "id": "ABC-1"}, "a.json")
    write_engagement(folder, {**data, "id": "abc-1"}, "b.json")
    write_engagement(folder, {**data, "id": "nul"}, "c.json")
    out = tmp_path / "out"
    result = run("build", str(folder), "--out", str(out))
    assert result.exit_code == 1
    assert "engagement-duplicate-id" in result.stderr
    assert "engagement-id-reserved-name" in result.stderr
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["ABC-1"]


def _word_template(folder: Path, *paragraphs: str, name: str = "contract.docx") -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    folder.mkdir(exist_ok=True)
    path = folder / name
    document.save(str(path))
    return path


def test_a_template_that_multiplies_a_string_into_gigabytes_is_refused(
        tmp_path: Path, run) -> None:
    import os

    template = _word_template(tmp_path / "t", "{{ 'x' * 10**9 }}")
    result = run("render", "-t", str(template), str(_engagement(tmp_path)),
                 "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 1
    assert "1,000,000,000 characters" in result.stderr
    cache = Path(os.environ["CONFDOCS_CACHE_DIR"])
    assert all(entry.stat().st_size < 10_000_000 for entry in cache.glob("*.bin"))


def test_a_template_whose_text_grows_without_bound_is_stopped_before_it_takes_the_memory(
        tmp_path: Path, run) -> None:
    import resource
    import time

    # Each repetition is within the allowed size; together they would make a gigabyte.
    template = _word_template(tmp_path / "t", "{% for i in range(100000) %}{{ 'y' * 10000 }}"
                                              "{% endfor %}")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    result = run("render", "-t", str(template), str(_engagement(tmp_path)),
                 "-o", str(tmp_path / "out.docx"))
    assert result.exit_code == 1
    assert "makes too large a document" in result.stderr and "[render-unbounded]" in result.stderr
    assert time.perf_counter() - started < 5
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert grown_kib < 400 * 1024  # without the bound: about 1 GiB
    assert not (tmp_path / "out.docx").exists()
    # The renderer itself stops, whatever checked the template before.
    import pytest

    from confdocs.engagement.validate import load_engagement
    from confdocs.errors import TemplateError
    from confdocs.render.context import engagement_context
    from confdocs.render.template import CompiledTemplate

    context = engagement_context(load_engagement(_engagement(tmp_path)).data)
    with pytest.raises(TemplateError, match="more than 64 million characters"):
        CompiledTemplate(template).render(context)


def test_a_template_that_loops_for_ever_is_stopped(tmp_path: Path, run, monkeypatch) -> None:
    from confdocs.render import limits

    monkeypatch.setattr(limits, "MAX_RENDER_SECONDS", 1.0)
    loops = "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}"
    template = _word_template(tmp_path / "t", loops)
    result = run("build", str(_engagement(tmp_path)), "--out", str(tmp_path / "out"),
                 "--templates", str(template.parent), "--only", "contract")
    # The template check that build runs first finds it, within the same bound, and refuses it.
    assert result.exit_code == 1
    assert "takes longer than 1 s" in result.stderr and "[render-unbounded]" in result.stderr
    assert not list((tmp_path / "out").rglob("*.docx"))


def test_a_zip_bomb_template_is_refused_by_build_and_templates_check(tmp_path: Path, run) -> None:
    import zipfile

    template = _word_template(tmp_path / "t", "Hello {{ title }}")
    with (zipfile.ZipFile(template, "a", compression=zipfile.ZIP_DEFLATED) as archive,
          archive.open("word/media/bomb.bin", "w", force_zip64=True) as bomb):
        for _ in range(120):
            bomb.write(bytes(1024 * 1024))
    assert template.stat().st_size < 2_000_000
    built = run("build", str(_engagement(tmp_path)), "--out", str(tmp_path / "out"),
                "--templates", str(template.parent), "--only", "contract")
    assert built.exit_code == 2, built.output  # not a Word template: as templates check says
    assert "inflate to 120 MiB" in built.stderr
    assert not (tmp_path / "out" / sample_data(GUILD)["id"]).exists()
    checked = run("templates", "check", str(template))
    assert checked.exit_code == 2
    assert "zip bomb" in checked.output


def test_a_template_that_is_a_dangling_link_or_a_folder_is_an_error(tmp_path: Path, run) -> None:
    path = _engagement(tmp_path)
    own = tmp_path / "own"
    own.mkdir()
    (own / "contract.docx").symlink_to(own / "gone.docx")
    dangling = run("build", str(path), "--out", str(tmp_path / "out"), "--templates", str(own))
    assert dangling.exit_code == 2
    assert "a link to a file that does not exist" in dangling.stderr
    (own / "contract.docx").unlink()
    (own / "contract.docx").mkdir()
    folder = run("build", str(path), "--out", str(tmp_path / "out"), "--templates", str(own))
    assert folder.exit_code == 2
    assert "a folder, not a Word document" in folder.stderr
    assert not (tmp_path / "out").exists()


def test_a_fifo_given_as_input_is_an_input_problem_not_a_hang(tmp_path: Path, run) -> None:
    import os

    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    good = _engagement(tmp_path)
    result = run("validate", str(fifo), str(good))
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert "1 file checked" in result.output


def test_out_inside_the_input_folder_is_never_read_as_engagements(tmp_path: Path, run) -> None:
    path = _engagement(tmp_path)
    out = path.parent / "out"
    assert run("build", str(path.parent), "--out", str(out)).exit_code == 0
    again = run("build", str(path.parent), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert "schema-unknown-field" not in again.output
    assert "inside an input folder" in again.stderr


def test_a_folder_that_cannot_be_listed_is_said_not_skipped(tmp_path: Path, run,
                                                            monkeypatch) -> None:
    import os

    path = _engagement(tmp_path)
    hidden = path.parent / "locked"
    hidden.mkdir()
    real_scandir = os.scandir

    def scandir(folder):  # as for a folder without read permission (root reads any)
        if str(folder).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(folder))
        return real_scandir(folder)

    monkeypatch.setattr("confdocs.engagement.validate.os.scandir", scandir)
    result = run("validate", str(path.parent))
    assert result.exit_code == 2
    assert "locked: permission denied" in result.stderr
    assert "1 file checked" in result.output


DAMAGED_MANIFESTS = [
    b"\xff\xfe not text",
    b'{"outputs": [',
    b"[]",
    b'{"tool": "confdocs"}',
    b'{"outputs": 5}',
    b'{"outputs": [1, "x", null]}',
    b'{"outputs": [{"path": 5}]}',
    b'{"outputs": [{"path": "a/b.docx", "sha256": "0", "input": "i", "input_sha256": "0", '
    b'"template": "t", "template_sha256": "0", "engagement": "a", "document": ["contract"]}]}',
]


def test_a_damaged_manifest_is_said_and_mended(tmp_path: Path, run) -> None:
    path = _engagement(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(path), "--out", str(out)).exit_code == 0
    good = (out / "manifest.json").read_bytes()
    for damage in DAMAGED_MANIFESTS:
        (out / "manifest.json").write_bytes(damage)
        # The same shapes in the journal of a killed run are tolerated too.
        (out / ".manifest.journal").write_bytes(damage + b"\n")
        result = run("build", str(path), "--out", str(out))
        assert result.exit_code == 0, (damage, result.output)
        assert "manifest.json" in result.stderr and "damaged" in result.stderr, damage
        assert json.loads((out / "manifest.json").read_bytes())["outputs"] == \
            json.loads(good)["outputs"], damage


def test_merging_a_damaged_manifest_is_a_usage_error(tmp_path: Path, run) -> None:
    for index, damage in enumerate(DAMAGED_MANIFESTS):
        (tmp_path / f"m{index}.json").write_bytes(damage)
        result = run("merge-manifests", str(tmp_path / f"m{index}.json"), "-o",
                     str(tmp_path / "merged.json"))
        assert result.exit_code == 2, (damage, result.output)
        assert "not a confdocs manifest" in result.stderr


def _full_disk(*args: object, **kwargs: object) -> None:
    import errno

    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_fails_documents_with_a_message_and_the_next_run_completes(
        tmp_path: Path, run, monkeypatch) -> None:
    path = _engagement(tmp_path)
    out = tmp_path / "out"
    with monkeypatch.context() as patch:
        patch.setattr("confdocs.build.worker.write_atomic", _full_disk)
        documents = run("build", str(path), "--out", str(out))
    assert documents.exit_code == 1
    assert "No space left on device" in documents.stderr
    assert "internal error" not in documents.stderr
    with monkeypatch.context() as patch:
        patch.setattr("confdocs.build.manifest.write_atomic", _full_disk)
        manifest = run("build", str(path), "--out", str(out))
    assert manifest.exit_code == 2
    assert "cannot be written (No space left on device)" in manifest.stderr
    assert "internal error" not in manifest.stderr
    again = run("build", str(path), "--out", str(out))
    assert again.exit_code == 0
    assert run_build_is_complete_for(out, 1)


def run_build_is_complete_for(out: Path, documents: int) -> bool:
    outputs = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["outputs"]
    on_disk = {str(p.relative_to(out)) for p in out.rglob("*.docx")}
    return {entry["path"] for entry in outputs} == on_disk and len(on_disk) == documents


def test_a_read_only_output_folder_with_nothing_to_rebuild_is_fine(
        tmp_path: Path, run, monkeypatch) -> None:
    import errno
    import os

    path = _engagement(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(path), "--out", str(out)).exit_code == 0
    real_open = os.open

    def read_only(name, flags, *args):  # as on a read-only mount (root may write anything)
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr("confdocs.build.lock.os.open", read_only)
    result = run("build", str(path), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1 up to date" in result.output


def test_dev_null_or_a_dangling_link_as_out_is_a_usage_error(tmp_path: Path, run) -> None:
    path = _engagement(tmp_path)
    null = run("build", str(path), "--out", "/dev/null")
    assert null.exit_code == 2 and "must be a folder" in null.stderr
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    dangling = run("build", str(path), "--out", str(tmp_path / "gone"))
    assert dangling.exit_code == 2 and "symbolic link to nothing" in dangling.stderr


def test_sigterm_stops_a_build_cleanly_and_the_next_run_completes(tmp_path: Path, run) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "in"
    folder.mkdir()
    data = sample_data("coaching-two-disclosures.json")
    for index in range(60):
        write_engagement(folder, {**data, "id": f"E{index:03d}"})
    out = tmp_path / "out"
    command = [sys.executable, "-m", "confdocs", "build", str(folder), "--out", str(out),
               "-j", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)
    deadline = time.monotonic() + 30
    while not list(out.glob("*/*.docx")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGTERM)  # as a CI runner cancels: the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 130), stderr
    assert b"Traceback" not in stderr, stderr.decode()
    again = run("build", str(folder), "--out", str(out))
    assert again.exit_code == 0, again.output
    from confdocs.render.documents import plan_documents

    assert run_build_is_complete_for(out, 60 * len(plan_documents(data)))
    assert not list(out.rglob(".confdocs-tmp-*"))


def _report_schema() -> object:
    from jsonschema import Draft202012Validator

    from .helpers import ROOT

    schema = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_format_json_is_always_one_document_of_the_documented_shape(tmp_path: Path,
                                                                     run) -> None:
    validator = _report_schema()
    good = _engagement(tmp_path)
    bad = _engagement(tmp_path, {"title": "A\u2028B", "x\u2028": 1}, name="bad.json")
    outputs = [
        run("build", str(good), "--out", str(tmp_path / "out"), "--format", "json"),
        run("build", str(bad), "--out", str(tmp_path / "out2"), "--format", "json"),
        run("validate", str(good), "--format", "json"),
        run("validate", str(bad), "--format", "json"),
        run("templates", "check", "--format", "json"),
    ]
    for result in outputs:
        document = json.loads(result.stdout)
        assert not list(validator.iter_errors(document)), result.stdout  # type: ignore[attr-defined]
    assert json.loads(outputs[0].stdout)["findings"] == []
    assert "\u2028" not in outputs[1].stdout
    assert "Built" in outputs[0].stderr


def test_format_json_prints_one_document_even_when_the_command_fails(
        tmp_path: Path, run, monkeypatch) -> None:
    """A program reading --format json always gets one document of the documented shape: the
    import's report, and a failure ({"error", "exit_code"}) when an error stops a command
    before its report (it printed nothing)."""

    from .helpers import ROOT

    validator = _report_schema()
    cohort = ROOT / "samples" / "cohort"
    profile = str(cohort / "profiles" / "harbour-vale-2026.json")
    imported = run("import", str(cohort / "roster.csv"), "--profile", profile, "--out",
                   str(tmp_path / "cohort"), "--dry-run", "--format", "json")
    good = _engagement(tmp_path)
    out = tmp_path / "out"
    with _held(out):
        busy = run("build", str(good), "--out", str(out), "--format", "json")
    missing = run("import", str(tmp_path / "nowhere.csv"), "--profile", profile, "--out",
                  str(tmp_path / "cohort"), "--format", "json")

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr("confdocs.engagement.validate.validate_paths", broken)
    bug = run("validate", str(good), "--format", "json")
    assert [r.exit_code for r in (imported, busy, missing, bug)] == [0, 2, 2, 3]
    for result in (imported, busy, missing, bug):
        document = json.loads(result.stdout)
        assert not list(validator.iter_errors(document)), result.stdout  # type: ignore[attr-defined]
    assert json.loads(imported.stdout)["rows"] == 5
    failure = json.loads(busy.stdout)
    assert failure["exit_code"] == 2 and "another confdocs build" in failure["error"]
    assert json.loads(missing.stdout)["exit_code"] == 2
    assert json.loads(bug.stdout) == {"error": "internal error: RuntimeError: a bug",
                                      "exit_code": 3}
    assert run("validate", str(good)).stdout == ""  # text: the error goes to stderr alone


def _hook(hook_id: str) -> dict[str, str]:
    import re

    from .helpers import ROOT

    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    block = text.split(f"- id: {hook_id}\n", 1)[1].split("\n- id:", 1)[0]
    return dict(re.findall(r"^  ([a-z_]+): (.*)$", block, flags=re.MULTILINE))


def test_the_validate_hook_runs_serially_on_engagement_files_only() -> None:
    import re

    hook = _hook("confdocs-validate")
    assert hook["require_serial"] == "true"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def checked(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    for engagement in ("engagements/jw.json", "cohort/2026/a-b.json", "x.json"):
        assert checked(engagement), engagement
    for other in ("package.json", "web/package-lock.json", ".vscode/settings.json",
                  "tsconfig.build.json", ".devcontainer/devcontainer.json", "out/manifest.json",
                  "renovate.json"):
        assert not checked(other), other


def test_the_readme_pre_commit_snippet_names_no_tag_that_does_not_exist() -> None:
    from .helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("pre-commit (`.pre-commit-config.yaml`)", 1)[1].split("```", 2)[1]
    assert "rev:" not in snippet and "repo: local" in snippet
    assert "require_serial: true" in snippet


def test_templates_check_github_names_templates_by_path_and_counts_them_apart(
        tmp_path: Path, run) -> None:
    for folder in ("a", "b"):
        _word_template(tmp_path / folder, "{{ parties.client.nmae }}")
    first, second = tmp_path / "a" / "contract.docx", tmp_path / "b" / "contract.docx"
    result = run("templates", "check", "--format", "github", str(first), str(second))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0].startswith(f"::error file={first},")
    assert lines[1].startswith(f"::error file={second},")
    assert lines[-1].startswith("2 templates checked: 0 without errors")


def test_the_license_is_shipped_and_declared_in_the_current_format() -> None:
    import pytest

    tomllib = pytest.importorskip("tomllib")  # Python 3.11 and later
    from .helpers import ROOT

    assert "MIT License" in (ROOT / "LICENSE").read_text(encoding="utf-8")
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]


def test_the_sdist_carries_everything_its_tests_read() -> None:
    """Every top-level file or folder a test names under ROOT is in MANIFEST.in (tools/ was
    not, so the sdist's own test of the templates' source failed)."""
    import re

    from .helpers import ROOT

    manifest = (ROOT / "MANIFEST.in").read_text(encoding="utf-8")
    grafted = set(re.findall(r"^graft (\S+)$", manifest, flags=re.MULTILINE))
    included = {name for line in re.findall(r"^include (.+)$", manifest, flags=re.MULTILINE)
                for name in line.split()}
    named = {name for test in (ROOT / "tests").glob("*.py")
             for name in re.findall(r'ROOT / "([\w.-]+)"', test.read_text(encoding="utf-8"))}
    # The package and its metadata are in every sdist; bench/ is named for its fuzzer alone.
    named -= {"confdocs", "pyproject.toml", "MANIFEST.in", "bench"}
    assert named - grafted - included == set()
    assert {"tests", "tools", "LICENSE", ".pre-commit-hooks.yaml"} <= named
    assert "bench/fuzz.py" in included


def test_every_guide_help_points_at_is_installed_and_printable(run) -> None:
    import re

    from confdocs.cli import DOCS

    helps = "".join(run(*command, "--help").output for command in
                    (("validate",), ("templates", "check"), ("docs",)))
    named = set(re.findall(r"docs/([a-z-]+)\.md", helps))
    assert named and named <= set(DOCS)
    for name in DOCS:
        result = run("docs", name)
        assert result.exit_code == 0 and result.output.startswith("# "), name


def test_quiet_leaves_findings_only(tmp_path: Path, run) -> None:
    good = _engagement(tmp_path)
    bad = _engagement(tmp_path, {"locale": "xx-YY", "id": "BAD-1"}, name="bad.json")
    assert run("validate", "--quiet", str(good)).output == ""
    lines = run("validate", "-q", str(good), str(bad)).output.splitlines()
    assert len(lines) == 1 and "locale-unknown" in lines[0]
    built = run("build", "-q", str(good), "--out", str(tmp_path / "out"))
    assert built.exit_code == 0 and built.output == ""


def test_shell_completion_completes_files_for_path_arguments(tmp_path: Path) -> None:
    from click.shell_completion import ShellComplete

    from confdocs.cli import cli

    for args in (["validate"], ["build"]):
        completion = ShellComplete(cli, {}, "confdocs", "_CONFDOCS_COMPLETE")
        items = completion.get_completions(args, "sam")
        assert [item.type for item in items] == ["file"], args


def test_an_output_path_that_cannot_be_is_a_message_not_a_bug(tmp_path: Path, run) -> None:
    from .helpers import ROOT

    path = _engagement(tmp_path)
    rendered = run("render", "-t", str(ROOT / "templates" / "en-GB" / "contract.docx"), str(path),
                   "-o", "/dev/null/contract.docx")
    assert rendered.exit_code == 2, rendered.output
    assert "internal error" not in rendered.stderr
    assert "/dev/null" in rendered.stderr
    merged = run("merge-manifests", str(tmp_path / "none.json"), "-o", "/dev/null/m.json")
    assert merged.exit_code == 2 and "internal error" not in merged.stderr
