"""The fuzzer's parts; bench/fuzz.py is the command that runs them.

Each family of cases is a module (engagements, profiles, rosters, catalogues, templates) that
writes its cases and says the commands they go through; `bounded` runs one command within the
memory, file-size and time bounds and judges how it ended; `jobs` runs a batch of cases and finds
the one that fails alone."""

from . import engagements, families  # noqa: F401  (what the tests use)
