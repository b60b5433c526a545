"""Templates in: from a Word template and an engagement to a document's bytes.

- ``documents``: the kinds of document, their template files and the context each sees, which
  ones an engagement gets;
- ``folder`` and ``sets``: an organisation's template folder and the set each locale is written
  with (its templates and its catalogue of words);
- ``template``: a template compiled once (``load_template``) and rendered many times, with its
  ``parts``, ``places``, ``sanitize``, ``structure``, ``package`` and on-disk ``cache``;
  ``integrity``: its package whole (every XML part well-formed, every relationship's part there,
  no file named outside it) before it is compiled or checked;
- ``names``: what a template sees, declared once (the renderer, the linter and the field guide
  read it);
- ``context``, ``numbering``, ``catalogue``, ``filters``, ``language``: what a template is filled
  with, in the engagement's language;
- ``environment``, ``extras``, ``limits``: the sandboxed Jinja environment and its bounds, with
  ``operations``, ``bounded_filters`` and ``allowance``: what a template's operators, methods and
  filters may make, alone and together.

Nothing is imported here: the linter and the build import the module they need, so that reading
a template's places does not load Jinja and docxtpl.
"""
