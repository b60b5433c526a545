"""Documents out: the batch build and the one-document trial of a template.

The stage's parts, in the order a build runs them:

- ``plan``: which template each document is made with, checked and compiled once, in this process;
- ``batch``: read the inputs, skip what the manifest shows is current, hand the rest to workers,
  record what they wrote (``build``, ``BuildReport``, ``--shard``);
- ``worker``: validate one engagement, render its documents, write them atomically;
- ``manifest``: what was built, from what (the journal keeps it across an interruption), and
  ``merge_manifests`` for sharded builds; ``json_stream`` reads it entry by entry;
- ``pdf``, ``tagging`` and ``pagination``: LibreOffice's tagged PDFs (PDF/A on request), with
  signature blocks not read as tables and no heading stranded at a page foot;
- ``single``: ``render_document``, one template on one engagement, outside any batch.

Only the CLI and the package root import from here: the stages upstream (engagement, render,
lint) never reach down into the build.

The public API exports ``build`` as ``confdocs.build_documents``: ``confdocs.build`` is this package
(Python binds a subpackage to its name in its parent whenever it is imported), so no function of
the package root could keep that name.
"""

from __future__ import annotations

from .batch import BuildReport, Failure, build, in_shard, parse_shard
from .manifest import merge_manifests
from .plan import RefusedTemplate
from .single import Rendered, render_document

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
