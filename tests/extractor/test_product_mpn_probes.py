"""The manufacturer's part number (`mpn`) of a product page with no structured data, through the API (POST, run, GET).
Shops write it as a model or part number in many wordings and languages (``mpn_labels_more``), as a bare "Model" row
(``mpn_from_model``), with a remark in brackets after the label (``label_parenthetical``) and in capitals and digits
with spaces (``mpn_spaced_code``). Each page is small and written here; the decoys (a model's height, a size named
"Model", an explicit mpn row beside a model row) must not give a wrong mpn."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

CODE = "WH-1000XM5"


def _page(block: str, *, lang: str = "en") -> str:
    return (
        f"<html lang='{lang}'><head><title>Headphones</title></head><body><main><div class='product'>"
        f"<h1>Wireless Headphones</h1><p class='price'>€349,00</p>{block}<form action='/cart/add' method='post'>"
        "<button type='submit'>Add to cart</button></form></div></main></body></html>"
    )


def _mpn(xkey, content: str) -> tuple[str | None, str | None]:
    got = extract_through_api(xkey, {"type": "product", "content": content})
    return got["data"].get("mpn"), got["metadata"]["sources"].get("mpn")


_LABELS = [
    ("en", "Model name / number"),
    ("en", "Model code"),
    ("en", "Manufacturer reference"),
    ("en", "Mfr Part Number"),
    ("de", "Modellnummer"),
    ("de", "Herstellerartikelnummer"),
    ("it", "Numero modello articolo"),
    ("it", "Codice produttore"),
    ("fr", "Référence fabricant"),
    ("fr", "Numéro de modèle"),
    ("es", "Número de modelo"),
    ("es", "Referencia del fabricante"),
    ("pt", "Código do fabricante"),
    ("nl", "Fabrikantnummer"),
    ("pl", "Kod producenta"),
    ("cs", "Kód výrobce"),
    ("lv", "Ražotāja kods"),
    ("lt", "Gamintojo kodas"),
    ("et", "Tootja kood"),
    ("sv", "Tillverkarens artikelnummer"),
    ("fi", "Valmistajan tuotekoodi"),
    ("hu", "Gyártói cikkszám"),
    ("ro", "Cod producător"),
    ("tr", "Üretici parça numarası"),
    ("ru", "Артикул производителя"),
    ("uk", "Код виробника"),
    ("el", "Κωδικός κατασκευαστή"),
    ("ja", "メーカー型番"),
    ("zh", "制造商型号"),
    ("ko", "모델 번호"),
    ("ar", "رقم الموديل"),
    ("he", "מספר דגם"),
    ("th", "หมายเลขรุ่น"),
]


@pytest.mark.parametrize(("lang", "label"), _LABELS)
def test_a_model_or_part_number_row_of_more_wordings_is_the_mpn(xkey, lang, label):
    """mpn_labels_more: a spec table's row and a definition list's."""
    for row in (
        f"<table class='specs'><tr><th>Colour</th><td>Black</td></tr><tr><th>{label}</th><td>{CODE}</td></tr></table>",
        f"<dl><dt>Weight</dt><dd>250 g</dd><dt>{label}</dt><dd>{CODE}</dd></dl>",
    ):
        assert _mpn(xkey, _page(row, lang=lang)) == (CODE, "heuristic"), row


@pytest.mark.parametrize("label", ["Manufacturer Part Number (MPN)", "Part number (manufacturer)", "MPN (Hersteller)"])
def test_a_label_with_a_remark_in_brackets(xkey, label):
    """label_parenthetical: the words before the brackets, or those in them, name the field."""
    row = f"<table><tr><th>{label}</th><td>{CODE}</td></tr></table>"
    assert _mpn(xkey, _page(row)) == (CODE, "heuristic")


def test_a_remark_in_brackets_names_other_fields_too(xkey):
    row = "<table><tr><th>EAN (barcode)</th><td>4006381333931</td></tr></table>"
    got = extract_through_api(xkey, {"type": "product", "content": _page(row)})
    assert got["data"]["gtin"] == "4006381333931"


@pytest.mark.parametrize(("lang", "label"), [("it", "Modello"), ("es", "Modelo"), ("en", "Model"), ("de", "Modell")])
def test_the_one_code_of_a_model_row_is_the_mpn(xkey, lang, label):
    """mpn_from_model: "Modello: WERPOWER001" and no mpn row."""
    row = f"<table><tr><th>Brand</th><td>Acme</td></tr><tr><th>{label}</th><td>{CODE}</td></tr></table>"
    assert _mpn(xkey, _page(row, lang=lang)) == (CODE, "heuristic")


@pytest.mark.parametrize(
    "value",
    ["Petit 21 cm", "185cm", "Classic", "Slim Fit"],  # a size, the height of the one wearing it, a style's name
)
def test_a_model_row_naming_no_code_gives_no_mpn(xkey, value):
    row = f"<table><tr><th>Model</th><td>{value}</td></tr></table>"
    assert _mpn(xkey, _page(row)) == (None, None)


def test_an_mpn_row_beats_a_model_row(xkey):
    row = "<table><tr><th>Model</th><td>WH1000</td></tr><tr><th>MPN</th><td>WH-1000XM5/B</td></tr></table>"
    assert _mpn(xkey, _page(row)) == ("WH-1000XM5/B", "heuristic")
    row = "<table><tr><th>Modell</th><td>WH1000</td></tr><tr><th>Modellnummer</th><td>WH-1000XM5</td></tr></table>"
    assert _mpn(xkey, _page(row, lang="de")) == (CODE, "heuristic")


@pytest.mark.parametrize("code", ["HMP 2000", "175004 5066", "KX 44 B"])
def test_a_code_written_in_pieces_is_read_whole(xkey, code):
    """mpn_spaced_code: capitals and digits with spaces between them."""
    row = f"<table><tr><th>Modellnummer</th><td>{code}</td></tr></table>"
    assert _mpn(xkey, _page(row, lang="de")) == (code, "heuristic")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("KX-4471 schwarz", "KX-4471"), ("HMP 2000 schwarz", None), ("Z Series DLC", None), ("ABC DEF", None)],
)
def test_words_after_a_code_are_not_part_of_it(xkey, value, expected):
    """A lower-case word after the code describes it (the first word is the code); a value whose first word has no
    digit and that is not all capitals and digits names no code."""
    row = f"<table><tr><th>Modellnummer</th><td>{value}</td></tr></table>"
    assert _mpn(xkey, _page(row, lang="de"))[0] == expected
