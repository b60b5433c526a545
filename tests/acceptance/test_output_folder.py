"""Nothing outside --out is touched, and the output folder survives what an operator meets
(issue 15): a forged or damaged manifest, a link out of the folder, a second build at once, a full
disk, a read-only mount, and an output path that is no folder."""

from __future__ import annotations

import json
from pathlib import Path

from ..helpers import (
    build_is_complete,
    guild_engagement,
    lock_held,
    sample_data,
    sha256_of,
    write_engagement,
)

GUILD = "membership-guild.json"


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
        manifest["outputs"].append({**template, "path": path, "sha256": sha256_of(victim),
                                    "input": str(source)})
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    # The journal is read too: a forged line there is refused the same way.
    (out / ".manifest.journal").write_text(json.dumps(
        {**template, "path": "../victim.txt", "sha256": sha256_of(victims[0]),
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


def test_a_second_build_into_the_same_folder_says_another_holds_it(tmp_path: Path, run) -> None:

    path = guild_engagement(tmp_path)
    out = tmp_path / "out"
    with lock_held(out):
        busy = run("build", str(path), "--out", str(out))
    assert busy.exit_code == 2
    assert "another confdocs build is writing into this folder" in busy.stderr
    assert not (out / "manifest.json").exists()
    assert run("build", str(path), "--out", str(out)).exit_code == 0


def test_concurrent_builds_never_lose_manifest_entries(tmp_path: Path) -> None:
    import subprocess
    import sys

    from ..helpers import SAMPLES

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


def test_out_inside_the_input_folder_is_never_read_as_engagements(tmp_path: Path, run) -> None:
    path = guild_engagement(tmp_path)
    out = path.parent / "out"
    assert run("build", str(path.parent), "--out", str(out)).exit_code == 0
    again = run("build", str(path.parent), "--out", str(out))
    assert again.exit_code == 0, again.output
    assert "schema-unknown-field" not in again.output
    assert "inside an input folder" in again.stderr


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
    path = guild_engagement(tmp_path)
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
        mended = json.loads((out / "manifest.json").read_bytes())["outputs"]
        # Each document was written again: the same bytes, at another time, which is recorded.
        assert [{**e, "mtime_ns": None} for e in mended] == \
            [{**e, "mtime_ns": None} for e in json.loads(good)["outputs"]], damage
        assert all(e["mtime_ns"] == (out / e["path"]).stat().st_mtime_ns for e in mended)


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
    path = guild_engagement(tmp_path)
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
    assert build_is_complete(out, 1)


def test_a_read_only_output_folder_with_nothing_to_rebuild_is_fine(
        tmp_path: Path, run, monkeypatch) -> None:
    import errno
    import os

    path = guild_engagement(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(path), "--out", str(out)).exit_code == 0
    real_open = os.open

    def read_only(name, flags, *args):  # as on a read-only mount (root may write anything)
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(name))
        return real_open(name, flags, *args)

    monkeypatch.setattr("confdocs.lock.os.open", read_only)
    result = run("build", str(path), "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "1 up to date" in result.output


def test_dev_null_or_a_dangling_link_as_out_is_a_usage_error(tmp_path: Path, run) -> None:
    path = guild_engagement(tmp_path)
    null = run("build", str(path), "--out", "/dev/null")
    assert null.exit_code == 2 and "must be a folder" in null.stderr
    (tmp_path / "gone").symlink_to(tmp_path / "nowhere")
    dangling = run("build", str(path), "--out", str(tmp_path / "gone"))
    assert dangling.exit_code == 2 and "symbolic link to nothing" in dangling.stderr


def test_the_lock_file_stays_and_nothing_reads_what_it_holds(tmp_path: Path, run) -> None:
    # It stays by design (README, build): removing it would let two builds lock two files.
    # Whatever it holds, build and validate neither read nor change it (issue 26, item 6).
    path = guild_engagement(tmp_path)
    out = tmp_path / "out"
    assert run("build", str(path), "--out", str(out), "--quiet").exit_code == 0
    lock = out / ".confdocs.lock"
    assert lock.is_file() and lock.read_bytes() == b""
    lock.write_bytes(b'{"not": "a lock", \xff')
    assert run("build", str(path), "--out", str(out), "--force", "--quiet").exit_code == 0
    assert lock.read_bytes() == b'{"not": "a lock", \xff'
    assert run("validate", str(path)).exit_code == 0
    refused = run("validate", str(out))
    assert refused.exit_code == 2 and "a folder confdocs builds documents into" in refused.stderr
