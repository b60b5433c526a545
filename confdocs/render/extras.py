"""Links, pictures and other Word documents in a template: what needs new parts in the package.

A template may write

- ``{{r link(professional_body.complaints_url) }}``: a clickable link (the address as its text), or
  ``{{r link(url, "the complaints page") }}`` with text of its own;
- ``{{ image("logo.png", width_mm=40, alt="The organisation's logo") }}``: a picture, from a file
  beside the template, with its alternative text (what a screen reader says);
- ``{{p subdoc("standard-terms.docx") }}``: the whole body of another Word document, from a file
  beside the template.

Each adds to the package (a relationship, an image part, the other document's styles), so a
template that uses any of them is rendered by docxtpl itself, document by document, rather than by
the compile-once renderer, which only ever replaces the text of parts. The functions are bound to
that document's DocxTemplate here; in the shared environment they are placeholders, so that the
template checker knows the names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..bounded import too_large
from ..errors import TemplateError
from .limits import MAX_TEMPLATE_BYTES, read_package, read_template

# The names that send a template down docxtpl's path.
NAMES = ("link", "image", "subdoc")
# Those that read a file beside the template: a change to such a file is a change to the template.
READS_FILES = ("image", "subdoc")

_SCHEMES = ("http://", "https://", "mailto:")
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")


class ExtraError(ValueError):
    """A link, picture or document that cannot be put in; the message says what to do."""


def placeholders() -> dict[str, Callable[..., Any]]:
    """Stand-ins for the environment's globals (never called: a template that names one of these
    is rendered through :func:`bind`)."""

    def unbound(*args: Any, **kwargs: Any) -> Any:
        raise ExtraError("link(), image() and subdoc() work only when confdocs renders the "
                         "template through docxtpl; this is a bug in confdocs")

    return dict.fromkeys(NAMES, unbound)


def bind(tpl: Any, folder: Path) -> dict[str, Callable[..., Any]]:
    """link, image and subdoc for one document being rendered by the DocxTemplate ``tpl``, whose
    template lies in ``folder``. With ``tpl`` None they only check what they are given (and
    print nothing), to find the place of an error."""
    from docx.shared import Mm
    from docxtpl import InlineImage, RichText

    def link(url: Any, text: Any = None) -> Any:
        _set(url, text)
        if not isinstance(url, str) or not url.startswith(_SCHEMES):
            raise ExtraError(f"link({url!r}): a link must be a web address (https://...) or an "
                             "email link (mailto:...)")
        label = url.removeprefix("mailto:") if text is None else str(text)
        if tpl is None:
            return ""
        rich = RichText()
        rich.add(label, url_id=tpl.build_url_id(url), color="0563C1", underline=True)
        return rich

    def image(name: Any, width_mm: float | None = None, height_mm: float | None = None,
              alt: Any = None) -> Any:
        _set(name, alt)
        path = beside(folder, name, "image", _IMAGE_SUFFIXES)
        for size in (width_mm, height_mm):
            if size is not None and (not isinstance(size, (int, float)) or not 0 < size <= 1000):
                raise ExtraError(f"image({name!r}): width_mm and height_mm are sizes in "
                                 "millimetres, such as 40")
        if alt is not None and not isinstance(alt, str):
            raise ExtraError(f"image({name!r}): alt is the picture's description, in quotes, "
                             "such as alt=\"The organisation's logo\"")
        if tpl is None:
            return ""
        return _described(InlineImage)(tpl, str(path), width=Mm(width_mm) if width_mm else None,
                                       height=Mm(height_mm) if height_mm else None, alt=alt)

    def subdoc(name: Any) -> Any:
        _set(name)
        path = beside(folder, name, "subdoc", (".docx",))
        if tpl is None:
            return ""
        try:
            # Read as a template is, within the bound: python-docx trusts the sizes its zip
            # states, and inflates a part said to be small a gigabyte at a time.
            read_package(path, read_template(path))
        except TemplateError as exc:
            raise ExtraError(f"subdoc({name!r}): {exc}") from exc
        except OSError as exc:
            raise ExtraError(f"subdoc({name!r}): {path}: {exc.strerror or exc}") from exc
        try:
            return tpl.new_subdoc(str(path))
        except ImportError as exc:  # docxcompose, which docxtpl needs for this
            raise ExtraError(f"subdoc({name!r}) needs the docxcompose package: "
                             "pip install docxcompose") from exc
        except Exception as exc:
            raise ExtraError(f"subdoc({name!r}): {path} is not a Word document that can be "
                             f"included ({type(exc).__name__}: {exc})") from exc

    return {"link": link, "image": image, "subdoc": subdoc}


def _set(*values: Any) -> None:
    """An optional field the engagement leaves out, given to link(), image() or subdoc(), fails
    as the same field printed does (naming it, with the {% if %} to put around it), not as a
    value of the wrong kind: the template checker's warning, and the build's message, are the
    same wherever a template uses it."""
    from .context import Absent

    for value in values:
        if isinstance(value, Absent):
            str(value)  # raises, naming the field


def _described(inline_image: type) -> type:
    """docxtpl's InlineImage, with the picture's alternative text (what a screen reader says)."""

    class DescribedImage(inline_image):  # type: ignore[misc]
        def __init__(self, *args: Any, alt: str | None = None, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.alt = alt

        def _insert_image(self) -> str:
            xml: str = super()._insert_image()
            if self.alt:
                from xml.sax.saxutils import quoteattr

                xml = re.sub(r"(<wp:docPr\b)", rf"\1 descr={quoteattr(self.alt)}", xml, count=1)
            return xml

    return DescribedImage


def beside(folder: Path, name: Any, function: str, suffixes: tuple[str, ...]) -> Path:
    """The file ``name`` in the template's own folder. Only a plain file name is taken: a
    template cannot reach files elsewhere on the machine that renders it."""
    if (not isinstance(name, str) or not name or "/" in name or "\\" in name
            or name.startswith(".")):
        raise ExtraError(f"{function}({name!r}): give the name of a file in the template's folder, "
                         f"such as {function}(\"{'logo.png' if function == 'image' else 'terms.docx'}\")")
    if not name.lower().endswith(suffixes):
        raise ExtraError(f"{function}({name!r}): the file must be one of "
                         f"{', '.join(suffixes)}")
    path = folder / name
    if path.is_symlink():
        # A link beside the template could lead anywhere on the machine that renders it.
        raise ExtraError(f"{function}({name!r}): {path} is a symbolic link; put a copy of the "
                         "file itself beside the template")
    if not path.is_file():
        raise ExtraError(f"{function}({name!r}): no file {path}; put it in the folder beside the "
                         "template")
    if path.stat().st_size > MAX_TEMPLATE_BYTES:  # every document would carry it, read whole
        bound = too_large(MAX_TEMPLATE_BYTES, "a file beside a template")
        raise ExtraError(f"{function}({name!r}): {path} is {bound}")
    return path
