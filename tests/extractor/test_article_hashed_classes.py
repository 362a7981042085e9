"""Article pages built with CSS-in-JS or utility classes (``css-1q2w3e``, ``sc-bdVaJa kZxYtb``, ``text-sm
text-gray-500 mt-4``), whose class and id names say nothing of what a part is, through the API (POST, run, GET).
Measured with ``bench/quality.py --only articles --hashed-classes`` (docs/history/quality.md, where the rules tried
and dropped are listed): **the readers' comments** below the article, whose part no "comments" class names, go by
their title: a line titling them ("36 Comments", "Kommentare", "Commentaires (4)") closes the body with all below it,
however long the thread (extractor/pipeline/article/ending.py ``_comments_start``); a count of comments under the
headline, a section named "Discussion" and a sentence about comments do not."""

from __future__ import annotations

import pytest

from tests.helpers import extract_through_api

pytestmark = pytest.mark.django_db

STORIES = {
    "en": [
        "The first tram of the new eastern line left the central depot on Monday morning with the mayor on board.",
        "The line runs eleven kilometres from the railway station to the hospital campus and stops fourteen times.",
        "Trams will run every six minutes at peak hours and every twelve minutes in the evening, the company says.",
        "Shop owners on Mill Street said they hoped the customers they lost during the works would now come back.",
        "The council expects forty thousand passengers a day once the second section opens in the spring of 2026.",
    ],
    "de": [
        "Die erste Straßenbahn der neuen Ostlinie verließ am Montagmorgen das Depot, der Bürgermeister fuhr mit.",
        "Die Strecke führt elf Kilometer vom Bahnhof bis zum Klinikum und hält an vierzehn Stationen der Stadt.",
        "Zur Hauptverkehrszeit fahren die Bahnen alle sechs Minuten, am Abend alle zwölf Minuten, so die Betreiber.",
        "Die Ladenbesitzer in der Mühlenstraße hoffen, dass die während der Bauarbeiten verlorenen Kunden zurückkehren.",
        "Die Stadt rechnet mit vierzigtausend Fahrgästen am Tag, sobald der zweite Abschnitt im Frühjahr öffnet.",
    ],
    "fr": [
        "Le premier tramway de la nouvelle ligne est a quitté le dépôt central lundi matin avec le maire à son bord.",
        "La ligne parcourt onze kilomètres de la gare à l'hôpital et dessert quatorze arrêts dans toute la ville.",
        "Les rames passeront toutes les six minutes aux heures de pointe et toutes les douze minutes le soir.",
        "Les commerçants de la rue du Moulin espèrent que les clients perdus pendant les travaux vont revenir.",
        "La ville attend quarante mille voyageurs par jour quand la deuxième section ouvrira au printemps prochain.",
    ],
    "es": [
        "El primer tranvía de la nueva línea este salió de la cochera central el lunes por la mañana con el alcalde.",
        "La línea recorre once kilómetros desde la estación de tren hasta el hospital y tiene catorce paradas.",
        "Los tranvías pasarán cada seis minutos en hora punta y cada doce minutos por la noche, según la empresa.",
        "Los comerciantes de la calle del Molino esperan que vuelvan los clientes que perdieron durante las obras.",
        "El ayuntamiento espera cuarenta mil viajeros al día cuando abra el segundo tramo en la próxima primavera.",
    ],
    "it": [
        "Il primo tram della nuova linea est è partito lunedì mattina dal deposito centrale con il sindaco a bordo.",
        "La linea percorre undici chilometri dalla stazione ferroviaria all'ospedale e ha quattordici fermate.",
        "I tram passeranno ogni sei minuti nelle ore di punta e ogni dodici minuti la sera, secondo l'azienda.",
        "I negozianti di via del Mulino sperano che tornino i clienti persi durante i lunghi mesi dei lavori.",
        "Il comune prevede quarantamila passeggeri al giorno quando aprirà il secondo tratto la prossima primavera.",
    ],
}
TITLES = {
    "en": "The eastern tram line opens",
    "de": "Die Ostlinie der Straßenbahn fährt",
    "fr": "La ligne est du tramway ouvre",
    "es": "Abre la línea este del tranvía",
    "it": "Apre la linea est del tram",
}


def _story(lang: str, cls: str = "css-1q2w3e") -> str:
    return "".join(f"<p class='{cls}'>{p}</p>" for p in STORIES[lang])


def _page(lang: str, header: str, text: str, after: str = "") -> str:
    """A page in hashed-class markup: a menu, an ``<article>`` holding ``header`` (the headline's part) and ``text``
    in two parts, ``after`` inside the article below the text, and a footer; no class or id names a part."""
    return (
        f"<html lang='{lang}'><head><meta charset='utf-8'><title>{TITLES[lang]} | Stadtblatt</title></head>"
        "<body class='css-8f7g6h'><div id='__next'><header class='sc-bdVaJa kZxYtb'><nav aria-label='Main'>"
        "<a href='/'>Home</a> <a href='/city/'>City</a> <a href='/sport/'>Sport</a></nav></header>"
        f"<main class='css-k3l4m5'><article class='css-a1b2c3'><div class='css-h9j8k7 flex flex-col gap-2'>{header}"
        f"</div><div class='css-z5x4c3 prose max-w-none'>{text}</div>{after}</article></main>"
        "<footer class='sc-gzVnrw dJkFrE'><p>© 2024 Stadtblatt Media</p></footer></div></body></html>"
    )


def _text(xkey, html: str, lang: str) -> str:
    body = {"type": "article", "content": html, "url": f"https://news.example.org/{lang}/city/eastern-tram-line"}
    return extract_through_api(xkey, body)["data"]["text"] or ""


def _header(lang: str, *lines: str) -> str:
    rows = "".join(f"<p class='text-lg text-gray-600 mt-2'>{line}</p>" for line in lines)
    return f"<h1 class='css-t1t2t3 text-4xl font-bold'>{TITLES[lang]}</h1>{rows}"


# ---------------------------------------------------------------------------------------------------- comments

COMMENT_TITLES = [
    ("en", "36 Comments"),
    ("en", "Comments"),
    ("de", "12 Kommentare"),
    ("fr", "Commentaires (4)"),
    ("es", "3 comentarios"),
    ("it", "Commenti"),
]
COMMENTS = [
    "Finally! I have waited for this line since I moved here in 2019, it will save me half an hour every day.",
    "The stop at the hospital is too far from the main entrance, someone should have thought about that.",
    "Great news for Mill Street. Let's hope the parking situation gets better now as well.",
]


def _thread(title: str, count: int = 3) -> str:
    items = "".join(
        f"<div class='css-c{i}c{i}c flex gap-3'><img src='/a{i}.png' alt=''><div class='css-q8w7e6'>"
        f"<span class='font-semibold'>reader{i}</span><p class='text-sm'>{COMMENTS[i % 3]} ({i})</p></div></div>"
        for i in range(count)
    )
    return f"<section class='css-m1n2b3 mt-8'><h3 class='css-v6b5n4 text-xl'>{title}</h3>{items}</section>"


@pytest.mark.parametrize(("lang", "title"), COMMENT_TITLES)
def test_the_readers_comments_below_the_article_close_its_body(xkey, lang, title):
    text = _text(xkey, _page(lang, _header(lang), _story(lang), _thread(title)), lang)
    assert STORIES[lang][-1][:30] in text
    assert title not in text and COMMENTS[0][:30] not in text, text[-300:]


def test_a_thread_longer_than_the_article_goes_whole(xkey):
    text = _text(xkey, _page("en", _header("en"), _story("en"), _thread("48 Comments", count=24)), "en")
    assert STORIES["en"][-1][:30] in text
    assert COMMENTS[1][:30] not in text, text[-300:]


def test_a_count_of_comments_under_the_headline_cuts_nothing(xkey):
    header = _header("en") + "<p class='text-sm text-gray-500'>5 Comments</p>"
    text = _text(xkey, _page("en", header, _story("en")), "en")
    assert all(p[:30] in text for p in STORIES["en"])


def test_a_section_named_discussion_and_a_sentence_about_comments_are_kept(xkey):
    closing = (
        "<h2>Discussion</h2><p>Comments from residents at the meeting were mostly positive, the council said.</p>"
        "<p>Comments are welcome until Friday at the town hall, where the plans are on show.</p>"
    )
    text = _text(xkey, _page("en", _header("en"), _story("en") + closing), "en")
    assert "Discussion" in text and "Comments from residents" in text and "Comments are welcome" in text
