"""What a user sees on opening the Word document made from a PDF template's HTML."""

import io

import docx
from django.template import engines
from docx.table import Table

from idmf.publishing.docx import html_to_docx

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>EDS 2024 – Trust &amp; Partners</title>
  <style>.grades td { vertical-align: top; }</style>
  <script>console.log("hidden script")</script>
</head>
<body>
  <span class="running-organisation">Running organisation</span>
  <span class="running-title">Running title</span>
  <div class="title-block">
    <p class="caption">Equality Delivery System for the NHS</p>
    <h1>NHS Equality
        Delivery System (EDS)</h1>
    <p class="caption">Reporting year 2024 · Status: <span class="tag">Draft</span></p>
  </div>
  <p></p><div>   </div>
  <h2>Domain 1: Commissioned services</h2>
  <table class="grades">
    <caption>Grades for domain 1</caption>
    <thead><tr><th>Outcome</th><th>Evidence</th><th>Rating</th></tr></thead>
    <tbody>
    <tr>
      <td>1A: Patients<p class="muted">2 points</p></td>
      <td><div class="pre-wrap">Survey results
Focus groups</div></td>
      <td>2</td>
    </tr>
    <tr><th>Completed</th><td colspan="2">By the trust<br>with partners</td></tr>
    </tbody>
  </table>
  <h3>Completed actions from previous year:</h3>
  <div class="pre-wrap">
Hired a lead.
   Ran   two   workshops.
</div>
  <h4>Every cell</h4>
  <ul><li>First bullet</li><li class="pre-wrap">Second
bullet</li></ul>
  <ol><li>Step one</li></ol>
  <dl class="summary">
    <div><dt>Title of Assessment</dt><dd>Ward <em>closures</em> and <strong>moves</strong></dd></div>
  </dl>
  <h5>Small print</h5>
  <div class="chart"><figure>
    <svg viewBox="0 0 10 10"><title>Chart title</title><text>Chart label 99</text></svg>
    <img src="chart.png" alt="Image alt text">
    <figcaption>Dark blue: a complete domain total.</figcaption>
  </figure></div>
  Loose text with a <a href="https://example.com">link</a>
</body>
</html>
"""


def open_docx(html):
    return docx.Document(io.BytesIO(html_to_docx(html)))


def paragraph_rows(document):
    return [(p.style.name, p.text) for p in document.paragraphs]


def all_text(container):
    """Every paragraph's text in document order, table cells included."""
    texts = []
    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                for cell in dict.fromkeys(row.cells):  # a merged cell repeats
                    texts.extend(all_text(cell))
        else:
            texts.append(block.text)
    return texts


def test_headings_keep_their_levels_and_order():
    document = open_docx(PAGE)
    headings = [row for row in paragraph_rows(document) if row[0].startswith("Heading")]
    assert headings == [
        ("Heading 1", "NHS Equality Delivery System (EDS)"),
        ("Heading 2", "Domain 1: Commissioned services"),
        ("Heading 3", "Completed actions from previous year:"),
        ("Heading 4", "Every cell"),
        ("Heading 4", "Small print"),
    ]


def test_blocks_become_paragraphs_in_document_order():
    blocks = list(open_docx(PAGE).iter_inner_content())
    kinds = ["table" if isinstance(b, Table) else b.text for b in blocks]
    assert kinds[:6] == [
        "Equality Delivery System for the NHS",
        "NHS Equality Delivery System (EDS)",
        "Reporting year 2024 · Status: Draft",
        "Domain 1: Commissioned services",
        "Grades for domain 1",
        "table",
    ]
    assert kinds[-2:] == ["Dark blue: a complete domain total.", "Loose text with a link"]
    assert "" not in kinds  # no paragraphs for the empty <p> and <div>


def test_table_cells_hold_their_text_with_headers_bold():
    table = open_docx(PAGE).tables[0]
    assert table.style.name == "Table Grid"
    assert len(table.rows) == 3 and len(table.columns) == 3
    assert [cell.text for cell in table.rows[0].cells] == ["Outcome", "Evidence", "Rating"]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    first, evidence, rating = table.rows[1].cells
    assert [p.text for p in first.paragraphs] == ["1A: Patients", "2 points"]
    assert evidence.text == "Survey results\nFocus groups"
    assert rating.text == "2"
    assert not any(run.bold for run in rating.paragraphs[0].runs)
    assert table.rows[2].cells[0].paragraphs[0].runs[0].bold


def test_colspan_merges_cells():
    table = open_docx(PAGE).tables[0]
    label, merged, also_merged = table.rows[2].cells
    assert merged._tc is also_merged._tc
    assert merged.grid_span == 2
    assert merged.text == "By the trust\nwith partners"
    assert label.text == "Completed"


def test_column_count_is_the_widest_row():
    document = open_docx(
        "<table><tr><td colspan='3'>Wide</td></tr><tr><td>a</td><td>b</td></tr></table>"
    )
    table = document.tables[0]
    assert len(table.columns) == 3
    assert [cell.text for cell in table.rows[1].cells] == ["a", "b", ""]


def test_pre_wrap_text_keeps_its_line_breaks():
    rows = paragraph_rows(open_docx(PAGE))
    assert ("Normal", "Hired a lead.\n   Ran   two   workshops.") in rows


def test_other_whitespace_collapses():
    document = open_docx("<p>  Several\n\n   spaces\tand   lines  </p>")
    assert paragraph_rows(document) == [("Normal", "Several spaces and lines")]


def test_list_items_use_list_styles():
    rows = paragraph_rows(open_docx(PAGE))
    assert ("List Bullet", "First bullet") in rows
    assert ("List Bullet", "Second\nbullet") in rows
    assert ("List Number", "Step one") in rows


def test_definition_terms_are_bold_and_inline_formatting_is_kept():
    document = open_docx(PAGE)
    term = next(p for p in document.paragraphs if p.text == "Title of Assessment")
    assert term.runs[0].bold
    detail = next(p for p in document.paragraphs if p.text == "Ward closures and moves")
    formats = [(run.text, bool(run.bold), bool(run.italic)) for run in detail.runs]
    assert ("closures", False, True) in formats
    assert ("moves", True, False) in formats


def test_head_style_script_charts_and_running_headers_are_left_out():
    text = "\n".join(all_text(open_docx(PAGE)))
    for hidden in [
        "EDS 2024",
        "vertical-align",
        "hidden script",
        "Running organisation",
        "Running title",
        "Chart title",
        "Chart label",
        "Image alt text",
    ]:
        assert hidden not in text


def test_title_property_is_the_html_title():
    assert open_docx(PAGE).core_properties.title == "EDS 2024 – Trust & Partners"


def test_escaped_markup_and_formulas_appear_literally():
    html = (
        "<h2>&lt;i&gt;Heading&lt;/i&gt;</h2>"
        '<div class="pre-wrap">&lt;script&gt;alert(1)&lt;/script&gt;\n'
        "=HYPERLINK(&quot;http://example.com&quot;,&quot;Click&quot;)</div>"
        "<table><tr><td>&lt;b&gt;hi&lt;/b&gt; &amp; =SUM(A1)</td></tr></table>"
    )
    document = open_docx(html)
    assert paragraph_rows(document) == [
        ("Heading 2", "<i>Heading</i>"),
        ("Normal", '<script>alert(1)</script>\n=HYPERLINK("http://example.com","Click")'),
    ]
    assert document.tables[0].cell(0, 0).text == "<b>hi</b> & =SUM(A1)"
    assert not document.paragraphs[1].runs[0].bold


def test_control_characters_are_dropped():
    html = "<title>Bad\x01 title</title><h1>Head\x00ing</h1><p>Tab\x0bbed &#1;text\x1f\ufffe</p>"
    document = open_docx(html)
    assert paragraph_rows(document) == [("Heading 1", "Heading"), ("Normal", "Tabbed text")]
    assert document.core_properties.title == "Bad title"


def test_nested_table_is_flattened_into_the_cell():
    html = "<table><tr><td>Outer<table><tr><td>Inner a</td><td>Inner b</td></tr></table></td></tr></table>"
    cell = open_docx(html).tables[0].cell(0, 0)
    assert [p.text for p in cell.paragraphs] == ["Outer", "Inner a", "Inner b"]
    assert not cell.tables


def test_a_pdf_template_page():
    template = engines["jinja2"].from_string(
        '{% extends "pdf/base.html" %}{% block content %}'
        "<h1>{{ record_title }}</h1><div class='pre-wrap'>{{ notes }}</div>{% endblock %}"
    )
    html = template.render(
        {
            "record_title": "Ward <closures>",
            "organisation": {"name": "North Trust"},
            "notes": "First line\n<b>Second</b> line",
        }
    )
    document = open_docx(html)
    assert document.core_properties.title == "Ward <closures> – North Trust"
    assert paragraph_rows(document) == [
        ("Heading 1", "Ward <closures>"),
        ("Normal", "First line\n<b>Second</b> line"),
    ]
