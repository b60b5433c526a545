"""Documents out: the batch build and the one-document trial of a template.

The stage's parts, in the order a build runs them:

- ``plan``: which template each document is made with, checked and compiled once, in this process;
- ``batch``: read the inputs, skip what the manifest shows is current, hand the rest to workers,
  record what they wrote (``build``, ``BuildReport``, ``--shard``);
- ``worker``: validate one engagement, render its documents, write them atomically;
- ``manifest``: what was built, from what (the journal keeps it across an interruption), and
  ``merge_manifests`` for sharded builds;
- ``lock``: one build at a time per output folder;
- ``pdf`` and ``pagination``: LibreOffice's PDFs, with no heading stranded at a page foot;
- ``single``: ``render_document``, one template on one engagement, outside any batch.

Only the CLI and the package root import from here: the stages upstream (engagement, render,
lint) never reach down into the build.

The package is callable: ``confdocs.build(paths, out_dir, ...)`` is ``build`` (the public API's
name for it). Python binds a subpackage to its name in its parent whenever it is imported, so
``confdocs.build`` is always this package; being callable, it is also the function the API
exports under that name, and ``import confdocs.build.batch`` still finds its modules.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

from .batch import BuildReport, Failure, build, in_shard, parse_shard
from .manifest import merge_manifests
from .plan import RefusedTemplate
from .single import Rendered, render_document


class _BuildPackage(ModuleType):
    """This package, which builds when called."""

    def __call__(self, *args: Any, **kwargs: Any) -> BuildReport:
        return build(*args, **kwargs)


sys.modules[__name__].__class__ = _BuildPackage
__wrapped__ = build  # inspect.signature(confdocs.build) is build's

__all__ = [
    "BuildReport",
    "Failure",
    "RefusedTemplate",
    "Rendered",
    "build",
    "in_shard",
    "merge_manifests",
    "parse_shard",
    "render_document",
]
