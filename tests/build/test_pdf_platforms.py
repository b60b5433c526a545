"""--pdf on Windows and macOS (issue 24, item 4): no Unix-only module on any command's import path,
LibreOffice found where its installers put it or where the user says, LibreOffice's profiles in
the platform's cache folder under a lock that works there, and a message where the render time
limit cannot work.

This machine is Linux: Windows and macOS are simulated (sys.platform and the modules Windows lacks
or has), as tests/test_lock.py does for the output folder's lock; what platformdirs answers on
them is platformdirs' own promise, not tested here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from confdocs.build import pdf
from confdocs.errors import ToolMissingError

from ..helpers import ROOT, SAMPLES

# Modules CPython has on Unix only (Windows has none of them).
# Not posix: the standard library's own (Python 3.10's shutil imports it where Windows has nt),
# never imported by confdocs, which uses os.
UNIX_ONLY = ("fcntl", "termios", "pwd", "grp", "resource", "tty", "pty", "syslog")

_BLOCK = textwrap.dedent(f"""\
    import importlib.abc, sys

    class Windows(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name in {UNIX_ONLY!r}:
                raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
            return None

    for name in {UNIX_ONLY!r}:
        sys.modules.pop(name, None)
    sys.meta_path.insert(0, Windows())
    """)


def _python(code: str, tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``code`` in a fresh Python in which no Unix-only module can be imported."""
    script = tmp_path / "windows_like.py"
    script.write_text(_BLOCK + textwrap.dedent(code))
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                          cwd=tmp_path, env={**os.environ, **env}, timeout=300, check=False)


def test_every_module_imports_without_unix_only_modules(tmp_path: Path) -> None:
    done = _python("""
        import pkgutil, confdocs, confdocs.cli
        for module in pkgutil.walk_packages(confdocs.__path__, "confdocs."):
            if module.name != "confdocs.__main__":
                __import__(module.name)
        print("imported")
        """, tmp_path)
    assert done.returncode == 0 and done.stdout.strip() == "imported", done.stderr


def test_build_pdf_without_fcntl_reaches_the_libreoffice_look_up(tmp_path: Path) -> None:
    """LibreOffice is not found (an empty PATH, and no installer's folder): the user is told so,
    exit 2, instead of an internal error for a module Windows does not have."""
    empty = tmp_path / "bin"
    empty.mkdir()
    done = _python(f"""
        import confdocs.cli
        import confdocs.build.pdf
        confdocs.build.pdf.installed_places = lambda: []
        sys.exit(confdocs.cli.main(["build", {str(SAMPLES / "membership-guild.json")!r},
                                    "--out", "out", "--pdf"]))
        """, tmp_path, PATH=str(empty), CONFDOCS_SOFFICE="")
    assert done.returncode == 2, done.stderr
    assert "--pdf needs LibreOffice" in done.stderr and "Traceback" not in done.stderr
    assert "--soffice PATH or CONFDOCS_SOFFICE" in done.stderr


def _program(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.fixture
def nowhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No LibreOffice on PATH, and none named by the variable."""
    monkeypatch.setenv("PATH", str(tmp_path / "no-bin"))
    monkeypatch.delenv(pdf.SOFFICE_VARIABLE, raising=False)


def test_windows_installers_folder_is_searched(tmp_path: Path, nowhere: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "win32")
    # Python 3.12's shutil.which asks Windows itself (_winapi) when the platform says win32;
    # on this machine there is no such program on PATH (the fixture empties it).
    monkeypatch.setattr(shutil, "which", lambda *args, **kwargs: None)
    monkeypatch.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    monkeypatch.setenv("ProgramFiles(x86)", str(tmp_path / "Program Files (x86)"))
    monkeypatch.delenv("ProgramW6432", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", str(tmp_path / "Local"))
    places = pdf.installed_places()
    assert places == [tmp_path / "Program Files" / "LibreOffice" / "program" / "soffice.exe",
                      tmp_path / "Program Files (x86)" / "LibreOffice" / "program" / "soffice.exe",
                      tmp_path / "Local" / "Programs" / "LibreOffice" / "program" / "soffice.exe"]
    with pytest.raises(ToolMissingError, match="winget install TheDocumentFoundation"):
        pdf.find_soffice()
    found = _program(places[1])
    assert pdf.find_soffice() == str(found)


def test_the_macos_application_folder_is_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert Path("/Applications/LibreOffice.app/Contents/MacOS/soffice") in pdf.installed_places()
    assert (Path.home() / "Applications/LibreOffice.app/Contents/MacOS/soffice"
            in pdf.installed_places())


def test_the_option_then_the_variable_name_the_program(tmp_path: Path, nowhere: None,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = _program(tmp_path / "mine" / "soffice")
    variable = _program(tmp_path / "theirs" / "soffice")
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(variable))
    assert pdf.find_soffice() == str(variable)
    assert pdf.find_soffice(str(chosen)) == str(chosen)
    with pytest.raises(ToolMissingError, match=r"^--soffice names .*missing, which is not a program"):
        pdf.find_soffice(str(tmp_path / "missing"))
    monkeypatch.setenv(pdf.SOFFICE_VARIABLE, str(tmp_path / "gone"))
    with pytest.raises(ToolMissingError, match=rf"^{pdf.SOFFICE_VARIABLE} names .*gone"):
        pdf.find_soffice()


def test_a_wrong_soffice_option_is_one_line_and_exit_2(tmp_path: Path, run) -> None:
    result = run("build", str(SAMPLES / "membership-guild.json"), "--out", str(tmp_path / "out"),
                 "--pdf", "--soffice", str(tmp_path / "nothing"))
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "--soffice names" in result.output
    assert not (tmp_path / "out").exists()  # looked for before any work


def test_the_profiles_live_in_the_platforms_cache_folder(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pdf.libreoffice_profile(0, tmp_path / "scratch") as profile:
        assert profile == tmp_path / "cache" / "confdocs" / "libreoffice-0" / "profile"


def test_the_profiles_lock_on_windows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows' byte-range lock (a stand-in for msvcrt, as in tests/test_lock.py): a second run
    meeting a held slot takes a fresh profile rather than sharing one LibreOffice refuses."""
    held: dict[str, int] = {}
    calls: list[int] = []

    def locking(fd: int, mode: int, nbytes: int) -> None:
        calls.append(mode)
        key = os.path.realpath(f"/proc/self/fd/{fd}")
        if held.get(key, fd) != fd:
            raise OSError(36, "Resource deadlock avoided")
        held[key] = fd

    monkeypatch.setitem(sys.modules, "msvcrt", types.SimpleNamespace(LK_NBLCK=2, locking=locking))
    monkeypatch.setitem(sys.modules, "fcntl", None)  # Windows has none
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    scratch = tmp_path / "scratch"
    with pdf.libreoffice_profile(0, scratch) as first, pdf.libreoffice_profile(0, scratch) as second:
        assert first == tmp_path / "cache" / "confdocs" / "libreoffice-0" / "profile"
        assert second == scratch / "profile-0"
    assert calls == [2, 2]  # Windows' lock, never waiting


def test_without_an_interval_timer_a_build_with_own_templates_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run) -> None:
    import signal

    from confdocs.render import limits

    monkeypatch.delattr(signal, "setitimer")
    assert "no interval timer" in (limits.time_limit_gap() or "")
    own = tmp_path / "own"
    own.mkdir()
    shutil.copy(ROOT / "templates" / "en-GB" / "contract.docx", own)
    result = run("build", str(SAMPLES / "membership-guild.json"), "--out", str(tmp_path / "out"),
                 "--templates", str(own), "-q")
    assert "warning: --templates: this system has no interval timer" in result.output
    assert result.exit_code == 0


def test_the_template_cache_and_its_key_follow_the_platforms_folders(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from confdocs.render import cache

    monkeypatch.delenv("CONFDOCS_CACHE_DIR", raising=False)
    monkeypatch.delenv("CONFDOCS_NO_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "c"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "s"))
    assert cache.cache_dir() == tmp_path / "c" / "confdocs" / "templates"
    assert cache.key_path() == tmp_path / "s" / "confdocs" / "cache.key"

