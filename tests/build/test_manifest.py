"""The manifest on its own: what it records, what it trusts, and how it survives an interruption."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from confdocs import __version__
from confdocs.build.manifest import (
    JOURNAL,
    MANIFEST,
    Manifest,
    Output,
    contained,
    merge_manifests,
    sha256_file,
)
from confdocs.errors import ConfdocsError, InputError


def _output(out: Path, path: str, content: bytes = b"document", **changes: str) -> Output:
    """An output whose file exists in ``out`` with ``content``."""
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    fields = dict(path=path, sha256=sha256_file(target) or "", input="in/a.json",
                  input_sha256="i" * 64, template="contract.docx", template_sha256="t" * 64,
                  engagement=path.split("/")[0], document="contract")
    fields.update(changes)
    return Output(**fields)


def test_what_is_added_is_written_in_order_of_path_and_read_back(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    second = _output(tmp_path, "B-2/B-2-contract.docx", input="in/b.json")
    first = _output(tmp_path, "A-1/A-1-contract.docx")
    manifest.add(second)
    manifest.add(first)
    manifest.finish()
    document = json.loads((tmp_path / MANIFEST).read_text(encoding="utf-8"))
    assert document["tool"] == "confdocs" and document["version"] == __version__
    assert [entry["path"] for entry in document["outputs"]] == [first.path, second.path]
    assert not (tmp_path / JOURNAL).exists()
    again = Manifest.load(tmp_path)
    assert again.entries == {first.path: first, second.path: second}
    assert not again.interrupted and not again.notices


def test_the_manifest_is_the_text_json_dumps_gives(tmp_path: Path) -> None:
    manifest = Manifest(tmp_path)
    manifest.add(_output(tmp_path, "A-1/A-1-contract.docx", engagement="Zoë & \"Ana\""))
    manifest.finish()
    text = (tmp_path / MANIFEST).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"


def test_a_run_killed_before_the_manifest_leaves_a_journal_the_next_run_reads(
        tmp_path: Path) -> None:
    killed = Manifest(tmp_path)
    entry = _output(tmp_path, "A-1/A-1-contract.docx")
    killed.add(entry)
    killed.write(interrupted=True)  # what a build does on Ctrl-C
    (tmp_path / MANIFEST).unlink()  # as if killed outright, before it could write it
    with open(tmp_path / JOURNAL, "ab") as journal:
        journal.write(b'{"path": "A-1/half')  # the line being written when it was killed
    next_run = Manifest.load(tmp_path)
    assert next_run.interrupted
    assert next_run.entries == {entry.path: entry}


def test_up_to_date_needs_the_same_input_template_version_and_file(tmp_path: Path) -> None:
    entry = _output(tmp_path, "A-1/A-1-contract.docx")
    manifest = Manifest(tmp_path, {entry.path: entry})
    shas = {"contract": entry.template_sha256}
    assert manifest.up_to_date(entry.input, entry.input_sha256, [entry.path], shas)
    assert not manifest.up_to_date(entry.input, "x" * 64, [entry.path], shas)
    assert not manifest.up_to_date(entry.input, entry.input_sha256, [entry.path],
                                   {"contract": "y" * 64})
    assert not manifest.up_to_date(entry.input, entry.input_sha256,
                                   [entry.path, "A-1/A-1-feedback-annex.docx"], shas)
    assert not manifest.up_to_date(entry.input, entry.input_sha256, [entry.path], shas,
                                   {"profiles/p.json": "p" * 64})
    (tmp_path / entry.path).write_bytes(b"edited by hand")
    assert not manifest.up_to_date(entry.input, entry.input_sha256, [entry.path], shas)


@pytest.mark.parametrize("relative", ["/etc/passwd", "../elsewhere", "a/../../b", "a\\b", "",
                                      "C:/x", "a//b", "a/./b", "a\0b", 7])
def test_a_path_that_could_lead_outside_is_never_trusted(tmp_path: Path, relative: object) -> None:
    assert contained(tmp_path, relative) is None


def test_a_path_through_a_link_is_never_trusted(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "A-1").symlink_to(tmp_path / "elsewhere")
    assert contained(tmp_path / "out", "A-1/A-1-contract.docx") is None
    assert contained(tmp_path / "out", "B-2/B-2-contract.docx") == (
        tmp_path / "out" / "B-2" / "B-2-contract.docx")


def test_a_forged_entry_is_refused_and_said(tmp_path: Path) -> None:
    (tmp_path / MANIFEST).write_text(json.dumps({"outputs": [
        {**_output(tmp_path, "A-1/A-1-contract.docx").as_json(), "path": "../victim"},
        {"path": 3},
        "not an entry",
    ]}), encoding="utf-8")
    manifest = Manifest.load(tmp_path)
    assert manifest.entries == {}
    said = "\n".join(manifest.notices)
    assert "'../victim' names a file outside the output folder" in said
    # the entry that is not an object, and the one whose path is not text
    assert said.count("damaged entr") == 2


def test_forget_stale_deletes_only_files_unchanged_since_they_were_written(
        tmp_path: Path) -> None:
    kept = _output(tmp_path, "A-1/A-1-contract.docx")
    letter = _output(tmp_path, "A-1/A-1-disclosure-D1.docx", document="notice")
    edited = _output(tmp_path, "A-1/A-1-disclosure-D2.docx", document="notice")
    (tmp_path / edited.path).write_bytes(b"changed by someone since")
    manifest = Manifest(tmp_path, {o.path: o for o in (kept, letter, edited)})
    manifest.forget_stale(kept.input, ["contract", "notice"], [kept.path])
    assert set(manifest.entries) == {kept.path}
    assert not (tmp_path / letter.path).exists()
    assert (tmp_path / edited.path).read_bytes() == b"changed by someone since"


def test_merging_shards_joins_them_and_refuses_two_contents_for_one_document(
        tmp_path: Path) -> None:
    shards = []
    for number, path in enumerate(["A-1/A-1-contract.docx", "B-2/B-2-contract.docx"]):
        out = tmp_path / f"part-{number}"
        manifest = Manifest(out)
        manifest.add(_output(out, path))
        manifest.finish()
        shards.append(out / MANIFEST)
    assert merge_manifests(shards, tmp_path / "merged.json") == 2
    merged = json.loads((tmp_path / "merged.json").read_text(encoding="utf-8"))
    assert [entry["path"] for entry in merged["outputs"]] == ["A-1/A-1-contract.docx",
                                                              "B-2/B-2-contract.docx"]
    clash = tmp_path / "clash"
    manifest = Manifest(clash)
    manifest.add(_output(clash, "A-1/A-1-contract.docx", b"other content"))
    manifest.finish()
    with pytest.raises(ConfdocsError, match=r"A-1/A-1-contract\.docx is also in another manifest"):
        merge_manifests([shards[0], clash / MANIFEST], tmp_path / "never.json")
    assert not (tmp_path / "never.json").exists()
    (tmp_path / "broken.json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="not a confdocs manifest"):
        merge_manifests([tmp_path / "broken.json"], tmp_path / "never.json")


def test_manifest_text_is_what_json_dumps_would_write(tmp_path: Path) -> None:
    from confdocs import __version__
    from confdocs.build.manifest import Manifest, Output

    entries = [Output("b/x.docx", "s", "in", "i", "t", "ts", "b", "contract"),
               Output("a/ü.docx", "s2", "in", "i", "t", "ts", "a", "annex")]
    for index, chosen in enumerate((entries, [])):
        expected = json.dumps({"tool": "confdocs", "version": __version__,
                               "outputs": [e.as_json() for e in sorted(chosen, key=lambda e: e.path)]},
                              indent=2, ensure_ascii=False) + "\n"
        manifest = Manifest(tmp_path / str(index), {e.path: e for e in chosen})
        manifest.ensure_written()
        assert manifest.path.read_bytes().decode("utf-8") == expected


def test_manifest_lists_old_and_new_outputs_in_order_of_path(tmp_path: Path) -> None:
    """This run's entries are found by folder; the manifest still lists every output, earlier
    runs' and this run's, in plain path order, even where a folder's name is another's start."""
    from confdocs.build.manifest import Manifest, Output

    def output(path: str, sha: str = "s") -> Output:
        folder = path.partition("/")[0]
        return Output(path, sha, f"{folder}.json", "i", "t", "ts", folder, "contract")

    earlier = ["AB/AB-contract.docx", "AB-1/AB-1-z.docx", "A.B/x.docx"]
    for path in earlier:
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text("x")
    manifest = Manifest(tmp_path, {path: output(path) for path in earlier})
    new = ["AB-1/AB-1-contract.docx", "AB/AB-disclosure-1.docx", "AB-1/AB-1-b.docx",
           "AB/AB-contract.docx", "A/A-contract.docx", "AB-1/AB-1-a.pdf"]
    for path in new:
        manifest.add(output(path, "new"))
    manifest.finish()
    outputs = json.loads((tmp_path / "manifest.json").read_text())["outputs"]
    paths = [entry["path"] for entry in outputs]
    assert paths == sorted(set(earlier) | set(new))
    shas = {entry["path"]: entry["sha256"] for entry in outputs}
    assert all(shas[path] == "new" for path in new) and shas["A.B/x.docx"] == "s"


def test_a_manifest_that_is_not_a_regular_file_is_never_waited_for(tmp_path: Path) -> None:
    fifo = tmp_path / "shard.json"
    os.mkfifo(fifo)
    said = "cannot be read (not a regular file (a pipe, a device or a socket))"
    with pytest.raises(InputError, match=re.escape(said)):
        merge_manifests([fifo], tmp_path / "merged.json")
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / MANIFEST)
    manifest = Manifest.load(out)  # a build's own manifest: said, and written anew
    assert any(said in notice for notice in manifest.notices)


def test_a_manifest_nested_too_deeply_is_a_usage_error_not_a_crash(tmp_path: Path) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(InputError, match="nested too deeply"):
        merge_manifests([deep], tmp_path / "merged.json")


def test_a_manifest_over_the_size_limit_is_refused_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import confdocs.build.manifest as manifest_module

    monkeypatch.setattr(manifest_module, "MAX_MANIFEST_BYTES", 1024)
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"outputs": [], "padding": "x" * 2048}), encoding="utf-8")
    with pytest.raises(InputError, match="larger than the 1,024 bytes a manifest may be"):
        merge_manifests([big], tmp_path / "merged.json")


def _many(out: Path, count: int) -> list[Output]:
    """``count`` entries, each of a file that exists, five to an input, as a build records them."""
    entries = []
    for index in range(count):
        ident = f"E-{index // 5:05d}"
        entries.append(_output(out, f"{ident}/{ident}-{index % 5}.docx", b"d%d" % index,
                               input=f"in/{ident}.json", engagement=ident))
    return entries


@pytest.mark.parametrize("indent", [2, None])
def test_a_manifest_larger_than_a_chunk_is_read_entry_by_entry_whatever_its_layout(
        tmp_path: Path, indent: int | None) -> None:
    entries = _many(tmp_path, 6000)
    # Keys in another order, and the list of outputs before them, as a hand or a tool may write.
    document = {"outputs": [dict(reversed(list(e.as_json().items()))) for e in entries],
                "version": __version__, "tool": "confdocs"}
    text = json.dumps(document, indent=indent)
    assert len(text) > 2 * 1024 * 1024  # crosses the chunks the reader takes
    (tmp_path / MANIFEST).write_text(text, encoding="utf-8")
    loaded = Manifest.load(tmp_path)
    assert loaded.entries == {e.path: e for e in entries}
    assert not loaded.notices


def test_loading_a_manifest_never_holds_it_whole(tmp_path: Path) -> None:
    """Issue 27, item 3: read whole, as JSON objects, a manifest took several times its size."""
    import tracemalloc

    manifest = Manifest(tmp_path)
    for entry in _many(tmp_path, 5000):
        manifest.add(entry)
    manifest.finish()
    size = (tmp_path / MANIFEST).stat().st_size
    tracemalloc.start()
    try:
        loaded = Manifest.load(tmp_path)
        held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(loaded.entries) == 5000
    # What it keeps is smaller than the file, and what it needs on the way is a window of the
    # text, whatever the manifest's size (read whole, the text and its objects were 2.2 times
    # the file beyond what was kept).
    assert held < size and peak - held < 1024 * 1024, (held, peak, size)
    # The texts five entries of one input repeat are held once.
    first, second = (loaded.entries[f"E-00000/E-00000-{n}.docx"] for n in (0, 1))
    assert first.input is second.input and first.template_sha256 is second.template_sha256
