"""Turn the HTML our PDF templates produce into a Word document.

Every record that exports to PDF can also export to .docx with the same sections and
headings: `html_to_docx(render_to_string(template_name, context))`.

The HTML is parsed with the standard library into a small tree, which is then walked to
build the document through python-docx calls only. Text is always added as text, never as
markup, so whatever a user typed appears literally.

What maps to what:

- <title> in <head>: the document's title property.
- <h1>..<h4>: Heading 1..4 (<h5> and <h6> become Heading 4).
- <p>, <div>, <blockquote>, <caption> and other blocks: a paragraph each, none when empty.
- <strong>, <b>, <th>, <dt>: bold text. <em>, <i>: italic text. <br>: a line break.
- <ul>/<ol> items: paragraphs in the List Bullet / List Number style.
- <table>: a Word table with borders; colspan merges cells, rowspan is ignored. A table
  inside a table cell is flattened to paragraphs of that cell.
- class="pre-wrap" (and <pre>): newlines kept as line breaks; elsewhere whitespace
  collapses as in HTML.
- Left out: <head>, <style>, <script>, <svg> (each chart has a data table beneath it),
  <img>, and the PDF running headers (class "running-organisation" / "running-title").
"""

import io
import re
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser

import docx
from docx.document import Document as DocumentObject

SKIPPED_TAGS = frozenset({"head", "title", "style", "script", "svg", "img"})
SKIPPED_CLASSES = frozenset({"running-organisation", "running-title"})
VOID_TAGS = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"})
TABLE_TAGS = {"table", "caption", "thead", "tbody", "tfoot", "tr", "td", "th"}
LIST_TAGS = {"ul", "ol", "li", "dl", "dt", "dd"}
TEXT_BLOCK_TAGS = {"p", "div", "blockquote", "pre", "hr", "figure", "figcaption", "address"}
SECTION_TAGS = {"article", "aside", "footer", "header", "main", "nav", "section"}
FORM_TAGS = {"form", "fieldset", "legend", "details", "summary"}
BLOCK_TAGS = frozenset(TABLE_TAGS | LIST_TAGS | TEXT_BLOCK_TAGS | SECTION_TAGS | FORM_TAGS)
HEADING_LEVELS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 4, "h6": 4}
LIST_STYLES = {"ul": "List Bullet", "ol": "List Number"}
# Opening the key closes any of these still open directly above it, as HTML does.
IMPLIED_ENDS = {
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
}
# Characters XML 1.0 forbids; python-docx raises on them.
ILLEGAL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
HTML_SPACE = " \t\n\r\f"
HTML_SPACES = re.compile(f"[{HTML_SPACE}]+")
TITLE_LIMIT = 255  # python-docx refuses longer core properties
MAX_COLSPAN = 1000  # as browsers clamp it


def html_to_docx(html: str) -> bytes:
    """A Word document with the text, headings, lists and tables of `html`."""
    root = parse_html(html)
    document = docx.Document()
    title = find_title(root)
    if title:
        document.core_properties.title = title[:TITLE_LIMIT]
    writer = Writer(document)
    writer.children(root, Format())
    writer.end_paragraph()
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


# Parsing


@dataclass
class Element:
    tag: str
    attrs: dict[str, str] = field(default_factory=dict)
    children: list["Element | str"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def elements(self, *tags: str) -> list["Element"]:
        return [
            child for child in self.children if isinstance(child, Element) and child.tag in tags
        ]


class TreeBuilder(HTMLParser):
    """Builds a tree of Elements and text, forgiving unclosed and stray tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        self.close_implied(tag)
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)

    def close_implied(self, tag: str) -> None:
        closes = IMPLIED_ENDS.get(tag, {"p"} if tag in BLOCK_TAGS else set())
        while len(self.stack) > 1 and self.stack[-1].tag in closes:
            self.stack.pop()


def parse_html(html: str) -> Element:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def find_title(element: Element) -> str:
    """The text of the first <title>, leaving out those inside charts."""
    for child in element.children:
        if not isinstance(child, Element) or child.tag == "svg":
            continue
        if child.tag == "title":
            return collapsed_text(child)
        if title := find_title(child):
            return title
    return ""


# Text


def is_skipped(element: Element) -> bool:
    return element.tag in SKIPPED_TAGS or bool(element.classes & SKIPPED_CLASSES)


def clean(text: str) -> str:
    return ILLEGAL_CHARACTERS.sub("", text)


def collapse(text: str) -> str:
    return HTML_SPACES.sub(" ", clean(text))


def collapsed_text(element: Element) -> str:
    """All the text inside `element` on one line, as a heading shows it."""
    parts = []
    for child in element.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append(" ")
        elif not is_skipped(child):
            parts.append(collapsed_text(child))
    return collapse("".join(parts)).strip(HTML_SPACE)


# Writing


@dataclass(frozen=True)
class Format:
    """What the enclosing elements say about the text inside them."""

    bold: bool = False
    italic: bool = False
    pre: bool = False
    list_style: str | None = None
    paragraph_style: str | None = None

    def inside(self, element: Element) -> "Format":
        tag = element.tag
        changes = {}
        if tag in {"strong", "b", "th", "dt"}:
            changes["bold"] = True
        if tag in {"em", "i"}:
            changes["italic"] = True
        if tag == "pre" or "pre-wrap" in element.classes:
            changes["pre"] = True
        if tag in LIST_STYLES:
            changes["list_style"] = LIST_STYLES[tag]
        if tag == "li":
            changes["paragraph_style"] = self.list_style
        return replace(self, **changes)


@dataclass
class Run:
    text: str
    bold: bool
    italic: bool


class Writer:
    """Adds paragraphs and tables to a document, or paragraphs to a table cell.

    Inline text gathers in a pending paragraph, which is added when a block ends it.
    """

    def __init__(self, container, first_paragraph=None):
        self.container = container
        self.spare_paragraph = first_paragraph  # a cell's own, still empty, paragraph
        self.runs: list[Run] = []
        self.style: str | None = None

    @property
    def in_cell(self) -> bool:
        return not isinstance(self.container, DocumentObject)

    def children(self, element: Element, fmt: Format) -> None:
        for child in element.children:
            if isinstance(child, str):
                self.text(child, fmt)
            elif not is_skipped(child):
                self.element(child, fmt.inside(child))

    def element(self, element: Element, fmt: Format) -> None:
        tag = element.tag
        if tag in HEADING_LEVELS:
            self.heading(collapsed_text(element), HEADING_LEVELS[tag])
        elif tag == "br":
            self.add(Run("\n", fmt.bold, fmt.italic), fmt)
        elif tag == "table" and not self.in_cell:
            self.table(element, fmt)
        elif tag in BLOCK_TAGS:
            self.end_paragraph()
            self.children(element, fmt)
            self.end_paragraph()
        else:
            self.children(element, fmt)

    def text(self, text: str, fmt: Format) -> None:
        if fmt.pre:
            text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
        else:
            text = collapse(text)
            if self.ends_in_space():
                text = text.lstrip(" ")
        if text:
            self.add(Run(text, fmt.bold, fmt.italic), fmt)

    def ends_in_space(self) -> bool:
        return not self.runs or self.runs[-1].text[-1] in HTML_SPACE

    def add(self, run: Run, fmt: Format) -> None:
        if not self.runs:
            self.style = fmt.paragraph_style
        last = self.runs[-1] if self.runs else None
        if last and (last.bold, last.italic) == (run.bold, run.italic):
            last.text += run.text
        else:
            self.runs.append(run)

    def end_paragraph(self) -> None:
        runs = trimmed(self.runs)
        self.runs = []
        if not runs:
            return
        paragraph = self.new_paragraph(self.style)
        for run in runs:
            added = paragraph.add_run(run.text)
            added.bold = run.bold or None
            added.italic = run.italic or None

    def new_paragraph(self, style: str | None):
        if self.spare_paragraph is None:
            return self.container.add_paragraph(style=style)
        paragraph, self.spare_paragraph = self.spare_paragraph, None
        if style:
            paragraph.style = style
        return paragraph

    def heading(self, text: str, level: int) -> None:
        self.end_paragraph()
        if not text:
            return
        if self.in_cell:
            self.new_paragraph(f"Heading {level}").add_run(text)
        else:
            self.container.add_heading(text, level)

    def table(self, element: Element, fmt: Format) -> None:
        self.end_paragraph()
        for caption in element.elements("caption"):
            self.element(caption, fmt.inside(caption))
        rows = [row.elements("td", "th") for row in table_rows(element)]
        rows = [cells for cells in rows if cells]
        if not rows:
            return
        width = max(sum(colspan(cell) for cell in cells) for cells in rows)
        table = self.container.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        cell_format = replace(fmt, list_style=None, paragraph_style=None)
        for row, cells in zip(table.rows, rows, strict=True):
            fill_row(row.cells, cells, cell_format)


def trimmed(runs: list[Run]) -> list[Run]:
    """`runs` without the whitespace at either end, or nothing if that is all there is."""
    runs = [Run(run.text, run.bold, run.italic) for run in runs]
    while runs and not runs[0].text.lstrip(HTML_SPACE):
        runs.pop(0)
    while runs and not runs[-1].text.rstrip(HTML_SPACE):
        runs.pop()
    if runs:
        runs[0].text = runs[0].text.lstrip(HTML_SPACE)
        runs[-1].text = runs[-1].text.rstrip(HTML_SPACE)
    return runs


# Tables


def table_rows(table: Element) -> list[Element]:
    rows = []
    for child in table.elements("tr", "thead", "tbody", "tfoot"):
        rows.extend([child] if child.tag == "tr" else child.elements("tr"))
    return rows


def colspan(cell: Element) -> int:
    try:
        span = int(cell.attrs.get("colspan", "1"))
    except ValueError:
        return 1
    return min(max(span, 1), MAX_COLSPAN)


def fill_row(word_cells: list, cells: list[Element], fmt: Format) -> None:
    """Write each HTML cell into the Word cells of its row, merging those it spans."""
    column = 0
    for cell in cells:
        span = min(colspan(cell), len(word_cells) - column)
        target = word_cells[column]
        if span > 1:
            target = target.merge(word_cells[column + span - 1])
        writer = Writer(target, target.paragraphs[0])
        writer.children(cell, fmt.inside(cell))
        writer.end_paragraph()
        column += span
