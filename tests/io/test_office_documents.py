"""PDF and Word inputs: a seed article as PDF and as DOCX gives the officials of
its text file; mentions in a PDF carry their page; a scan, an encrypted and a
broken PDF become their rows and the run goes on. Files are made here."""

from __future__ import annotations

from pathlib import Path

import pytest

import coopnlp
from coopnlp.engine.local import extract
from coopnlp.engine.stream import prepare, process
from coopnlp.io.paged import clean_page_starts, join_pages
from coopnlp.io.pdf import unwrap
from coopnlp.io.readers import iter_documents

RAW = Path(__file__).resolve().parents[2] / "data" / "raw"
PDF_SEED = RAW / "000_7622f6010375c9fc.txt"  # Latin-1 only: fpdf2's core fonts draw it
DOCX_SEED = RAW / "004_334f85df2d40dda5.txt"
# The PDF's second page starts at this paragraph.
PAGE_BREAK_AT = 3


def _paragraphs(path: Path) -> list[str]:
    return [p for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]


def make_pdf(path: Path, paragraphs: list[str], page_break_at: int = PAGE_BREAK_AT) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for i, paragraph in enumerate(paragraphs):
        if i == page_break_at:
            pdf.add_page()
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    pdf.output(str(path))


def make_scanned_pdf(path: Path) -> None:
    from fpdf import FPDF
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (600, 800), "white")
    draw = ImageDraw.Draw(image)
    for y in range(40, 760, 24):  # lines of "print" as a scanner sees them: pixels
        draw.rectangle((40, y, 560, y + 10), fill="black")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=190)
    pdf.output(str(path))


def make_encrypted_pdf(path: Path, paragraphs: list[str]) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 6, paragraph, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))


def make_docx(path: Path, paragraphs: list[str]) -> None:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    document.save(str(path))


@pytest.fixture(scope="module")
def office_out(nlp, tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("office")
    make_pdf(src / "seed.pdf", _paragraphs(PDF_SEED))
    make_docx(src / "seed_word.docx", _paragraphs(DOCX_SEED))
    make_scanned_pdf(src / "scanned.pdf")
    make_encrypted_pdf(src / "encrypted.pdf", _paragraphs(PDF_SEED))
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R")
    out = tmp_path_factory.mktemp("office_out")
    extract(src, out, nlp)
    return out


def _officials(frame, doc_id: str) -> list[tuple]:
    rows = frame[frame["doc_id"] == doc_id]
    columns = ["name", "rank", "title", "agency", "country"]
    return sorted(tuple(r) for r in rows[columns].astype(object).fillna("").to_numpy())


def test_statuses_of_every_file(office_out) -> None:
    docs = coopnlp.load(office_out)["documents"].set_index("doc_id")
    assert docs.loc["seed", "status"] == "ok"
    assert docs.loc["seed_word", "status"] == "ok"
    assert docs.loc["scanned", "status"] == "skipped"
    assert "no text layer" in docs.loc["scanned", "error"]
    assert docs.loc["encrypted", "status"] == "error"
    assert "encrypted PDF" in docs.loc["encrypted", "error"]
    assert docs.loc["broken", "status"] == "error"
    assert "unreadable PDF" in docs.loc["broken", "error"]


@pytest.mark.parametrize(("doc_id", "seed"), [("seed", PDF_SEED), ("seed_word", DOCX_SEED)])
def test_same_officials_as_the_text_file(office_out, seeds_tables, doc_id, seed) -> None:
    ours = _officials(coopnlp.load(office_out)["officials"], doc_id)
    assert ours, doc_id
    assert ours == _officials(seeds_tables["officials"], seed.stem)


def test_pdf_mentions_carry_their_page(office_out) -> None:
    tables = coopnlp.load(office_out)
    text = tables["documents"].set_index("doc_id").loc["seed", "text"]
    mentions = tables["mentions"][tables["mentions"]["doc_id"] == "seed"]
    assert set(mentions["page"]) == {1, 2}
    second = text.index(_paragraphs(PDF_SEED)[PAGE_BREAK_AT][:40])
    for m in mentions.itertuples():
        assert text[m.start_char : m.end_char] == m.text
        assert m.page == (2 if m.start_char >= second else 1)
    # Text and Word inputs have no pages.
    words = tables["mentions"][tables["mentions"]["doc_id"] == "seed_word"]
    assert len(words) and words["page"].isna().all()


def test_unwrap_joins_layout_wraps_only() -> None:
    page = (
        "Interior Minister General of Police Vladimir\n"
        "Kolokoltsev met his counterpart in Baku on Monday and\n"
        "they signed a protocol.\n"
        "A short heading\n"
        "Next paragraph."
    )
    assert unwrap(page).split("\n") == [
        "Interior Minister General of Police Vladimir Kolokoltsev met his counterpart in "
        "Baku on Monday and they signed a protocol.",
        "A short heading",
        "Next paragraph.",
    ]


def test_page_starts_follow_cleaning() -> None:
    pages = ["Share this article\nFirst page text.\nMore.", "Second page.", "", "Fourth."]
    joined = join_pages(pages)
    cleaned = "First page text.\nMore.\n\nSecond page.\n\nFourth."
    starts = clean_page_starts(joined.text, joined.page_starts, cleaned)
    assert starts == (0, cleaned.index("Second"), cleaned.index("Fourth"), cleaned.index("Fourth"))


def test_a_pdf_named_on_the_command_line_is_read(nlp, tmp_path) -> None:
    pdf = tmp_path / "one.pdf"
    make_pdf(pdf, _paragraphs(PDF_SEED))
    (raw,) = iter_documents(pdf)
    assert raw.page_starts is not None and len(raw.page_starts) == 2
    (tables,) = process(nlp, [prepare(raw)])
    assert tables["documents"][0].status == "ok"
    assert {m.page for m in tables["mentions"]} == {1, 2}
