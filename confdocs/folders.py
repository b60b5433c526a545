"""The user's own folders for what confdocs keeps between runs, where each platform keeps them.

platformdirs knows each platform's convention: on Linux and the BSDs the XDG folders
(``$XDG_CACHE_HOME``, default ~/.cache; ``$XDG_STATE_HOME``, default ~/.local/state), on macOS
~/Library/Caches and ~/Library/Application Support, on Windows the user's local application data
(%LOCALAPPDATA%). The cache holds what can be made again (compiled templates, LibreOffice's
profiles); the state folder holds what must not travel with a copied or shared cache (the key that
signs the cache's entries).
"""

from __future__ import annotations

from pathlib import Path

APP = "confdocs"


def user_cache() -> Path | None:
    """The user's cache folder for confdocs; None when the user has no home folder to hold it."""
    import platformdirs

    return _absolute(platformdirs.user_cache_dir(APP, appauthor=False))


def user_state() -> Path | None:
    """The user's state folder for confdocs; None when the user has no home folder to hold it."""
    import platformdirs

    return _absolute(platformdirs.user_state_dir(APP, appauthor=False))


def _absolute(folder: str) -> Path | None:
    # Without a home folder, "~" is left as it is: a relative path would put the folder wherever
    # the command happens to run.
    path = Path(folder)
    return path if path.is_absolute() else None
