"""Article pages written in the shapes publishing software's default templates produce, in their localised forms
(``test_article_cms_templates*.py``): WordPress themes (a meta line "Posted on … by …" with ``entry-meta``,
``posted-on``, ``byline``, ``author vcard``, an ``updated`` ``<time>`` beside the ``published`` one, a list of post
meta with screen-reader labels, a block theme's "Written by"; Jetpack's share, like and related blocks, an author box
with its "View all posts by …" link, Twenty Ten's "This entry was posted in …"), Ghost's ``article-byline``, Drupal's
"Submitted by … on …" and Olivero's "By …, …", Joomla's article-info ("Written by", "Published:", "Hits:"), Blogger's
date header and "Posted by … at …", Hugo and Jekyll themes' ``post-meta``, a Medium export, a Substack-like post, a
news CMS byline of several writers, a phpBB topic and Discourse's crawler view; each with the chrome around it (a
header menu, a sidebar's recent posts and recent comments, the comments with their authors and dates, related posts,
post navigation, a footer) and none or part of the structured data (none, an og:title, a JSON-LD graph with no
Article). The wording is the software's own translations, never a site's content; the dates are 2024-03-04 (the
post), 2024-03-20 (an update, a comment), February 2024 (the sidebar's posts)."""

from __future__ import annotations

import json

from tests.helpers import extract_through_api

STRINGS: dict[str, dict] = {}


def lang(code: str, **kw) -> None:
    STRINGS[code] = kw


# fmt: off


# date: 2024-03-04 (published), updated 2024-03-20, comments 2024-03-05, sidebar posts 2024-02-xx
lang(
    "en", name="Jane Doe", other="Peter Miles", commenter="Mark Stone", title="How to prune roses in early spring",
    site="Garden Notes", sent="Roses grow back strong when the old canes are cut low and the cuts are clean and angled",
    wpdate="March 4, 2024", wpupd="March 20, 2024", side_dates=["February 26, 2024", "February 12, 2024"],
    posted_on="Posted on", by="by", leave="Leave a comment", prev="Previous post", next="Next post",
    tags="Tags:", cats="Categories:", share="Share this:", related="Related", comments="3 thoughts on",
    says="says:", reply="Reply", recent="Recent Posts", recent_c="Recent Comments", on="on",
    written_by="Written by", published="Published:", updated_lbl="Last Updated:", hits="Hits:", details="Details",
    submitted="Submitted by {a} on {d}", drupal_date="Mon, 03/04/2024 - 10:30",
    posted_by="Posted by", at="at", labels="Labels:", blog_date="Monday, March 4, 2024",
    comments_n="3 comments", min_read="5 min read", joomla_date="04 March 2024", joomla_upd="20 March 2024",
    forum_by="by", forum_date="Mon Mar 04, 2024 10:30 am", post_author="Post author", post_date="Post date",
    by_cap="By", about="About the author", newer="Newer Post", older="Older Post",
)
lang(
    "fr", name="Claire Martin", other="Luc Bernard", commenter="Paul Girard", title="Comment tailler les rosiers au printemps",
    site="Carnet du jardin", sent="Les rosiers repartent vigoureux quand les vieilles tiges sont coupées bas et que les coupes sont nettes",
    wpdate="4 mars 2024", wpupd="20 mars 2024", side_dates=["26 février 2024", "12 février 2024"],
    posted_on="Publié le", by="par", leave="Laisser un commentaire", prev="Article précédent", next="Article suivant",
    tags="Étiquettes :", cats="Catégories :", share="Partager :", related="Similaire", comments="3 réflexions sur",
    says="dit :", reply="Répondre", recent="Articles récents", recent_c="Commentaires récents", on="dans",
    written_by="Écrit par", published="Publié le :", updated_lbl="Mis à jour le :", hits="Affichages :", details="Détails",
    submitted="Soumis par {a} le {d}", drupal_date="lun, 04/03/2024 - 10:30",
    posted_by="Publié par", at="à", labels="Libellés :", blog_date="lundi 4 mars 2024",
    comments_n="3 commentaires", min_read="5 min de lecture", joomla_date="04 mars 2024", joomla_upd="20 mars 2024",
    forum_by="par", forum_date="lun. 4 mars 2024 10:30", post_author="Auteur de l’article", post_date="Date de l’article",
    by_cap="Par", about="À propos de l'auteur", newer="Article plus récent", older="Article plus ancien",
)
lang(
    "de", name="Anna Schmidt", other="Peter Weber", commenter="Jonas Braun", title="Rosen im Frühjahr richtig schneiden",
    site="Gartenblog", sent="Rosen treiben kräftig aus, wenn die alten Triebe tief und mit sauberen schrägen Schnitten entfernt werden",
    wpdate="4. März 2024", wpupd="20. März 2024", side_dates=["26. Februar 2024", "12. Februar 2024"],
    posted_on="Veröffentlicht am", by="von", leave="Schreibe einen Kommentar", prev="Vorheriger Beitrag", next="Nächster Beitrag",
    tags="Schlagwörter:", cats="Kategorien:", share="Teilen mit:", related="Ähnliche Beiträge", comments="3 Gedanken zu",
    says="sagt:", reply="Antworten", recent="Neueste Beiträge", recent_c="Neueste Kommentare", on="bei",
    written_by="Geschrieben von", published="Veröffentlicht:", updated_lbl="Zuletzt aktualisiert:", hits="Zugriffe:", details="Details",
    submitted="Verfasst von {a} am {d}", drupal_date="Mo., 04.03.2024 - 10:30",
    posted_by="Eingestellt von", at="um", labels="Labels:", blog_date="Montag, 4. März 2024",
    comments_n="3 Kommentare", min_read="5 Min. Lesezeit", joomla_date="04. März 2024", joomla_upd="20. März 2024",
    forum_by="von", forum_date="Mo 4. Mär 2024, 10:30", post_author="Beitrags-Autor", post_date="Beitragsdatum",
    by_cap="Von", about="Über den Autor", newer="Neuerer Post", older="Älterer Post",
)
lang(
    "it", name="Giulia Rossi", other="Marco Bianchi", commenter="Luca Ferrari", title="Come potare le rose a inizio primavera",
    site="Diario dell'orto", sent="Le rose ricrescono forti quando i vecchi rami vengono tagliati in basso con tagli netti e inclinati",
    wpdate="4 Marzo 2024", wpupd="20 Marzo 2024", side_dates=["26 Febbraio 2024", "12 Febbraio 2024"],
    posted_on="Pubblicato il", by="da", leave="Lascia un commento", prev="Articolo precedente", next="Articolo successivo",
    tags="Tag:", cats="Categorie:", share="Condividi:", related="Correlati", comments="3 pensieri su",
    says="ha detto:", reply="Rispondi", recent="Articoli recenti", recent_c="Commenti recenti", on="su",
    written_by="Scritto da", published="Pubblicato:", updated_lbl="Ultimo aggiornamento:", hits="Visite:", details="Dettagli",
    submitted="Inviato da {a} il {d}", drupal_date="Lun, 04/03/2024 - 10:30",
    posted_by="Pubblicato da", at="alle", labels="Etichette:", blog_date="lunedì 4 marzo 2024",
    comments_n="3 commenti", min_read="5 min di lettura", joomla_date="04 Marzo 2024", joomla_upd="20 Marzo 2024",
    forum_by="da", forum_date="lun 4 mar 2024, 10:30", post_author="Autore dell'articolo", post_date="Data dell'articolo",
    by_cap="Di", about="Sull'autore", newer="Post più recente", older="Post più vecchio",
)
lang(
    "es", name="María López", other="Juan García", commenter="Pedro Ruiz", title="Cómo podar los rosales a principios de primavera",
    site="Cuaderno de jardín", sent="Los rosales rebrotan con fuerza cuando los tallos viejos se cortan bajos y con cortes limpios y en bisel",
    wpdate="4 de marzo de 2024", wpupd="20 de marzo de 2024", side_dates=["26 de febrero de 2024", "12 de febrero de 2024"],
    posted_on="Publicado el", by="por", leave="Deja un comentario", prev="Entrada anterior", next="Entrada siguiente",
    tags="Etiquetas:", cats="Categorías:", share="Compartir:", related="Relacionado", comments="3 comentarios en",
    says="dice:", reply="Responder", recent="Entradas recientes", recent_c="Comentarios recientes", on="en",
    written_by="Escrito por", published="Publicado:", updated_lbl="Última actualización:", hits="Visitas:", details="Detalles",
    submitted="Enviado por {a} el {d}", drupal_date="Lun, 04/03/2024 - 10:30",
    posted_by="Publicado por", at="en", labels="Etiquetas:", blog_date="lunes, 4 de marzo de 2024",
    comments_n="3 comentarios", min_read="5 min de lectura", joomla_date="04 Marzo 2024", joomla_upd="20 Marzo 2024",
    forum_by="por", forum_date="Lun 04 Mar, 2024 10:30", post_author="Autor de la entrada", post_date="Fecha de la entrada",
    by_cap="Por", about="Sobre el autor", newer="Entrada más reciente", older="Entrada antigua",
)
lang(
    "pt", name="Ana Souza", other="Carlos Lima", commenter="Rita Alves", title="Como podar roseiras no início da primavera",
    site="Caderno do jardim", sent="As roseiras rebrotam fortes quando os ramos velhos são cortados baixos com cortes limpos e inclinados",
    wpdate="4 de março de 2024", wpupd="20 de março de 2024", side_dates=["26 de fevereiro de 2024", "12 de fevereiro de 2024"],
    posted_on="Publicado em", by="por", leave="Deixe um comentário", prev="Post anterior", next="Próximo post",
    tags="Tags:", cats="Categorias:", share="Compartilhe:", related="Relacionado", comments="3 comentários sobre",
    says="disse:", reply="Responder", recent="Posts recentes", recent_c="Comentários", on="em",
    written_by="Escrito por", published="Publicado:", updated_lbl="Última atualização:", hits="Acessos:", details="Detalhes",
    submitted="Enviado por {a} em {d}", drupal_date="seg, 04/03/2024 - 10:30",
    posted_by="Postado por", at="às", labels="Marcadores:", blog_date="segunda-feira, 4 de março de 2024",
    comments_n="3 comentários", min_read="5 min de leitura", joomla_date="04 Março 2024", joomla_upd="20 Março 2024",
    forum_by="por", forum_date="Seg Mar 04, 2024 10:30 am", post_author="Autor do post", post_date="Data do post",
    by_cap="Por", about="Sobre o autor", newer="Postagem mais recente", older="Postagem mais antiga",
)
lang(
    "nl", name="Sanne de Vries", other="Pieter Jansen", commenter="Bram Visser", title="Rozen snoeien in het vroege voorjaar",
    site="Tuindagboek", sent="Rozen lopen krachtig uit wanneer de oude takken laag en met schone schuine sneden worden weggeknipt",
    wpdate="4 maart 2024", wpupd="20 maart 2024", side_dates=["26 februari 2024", "12 februari 2024"],
    posted_on="Geplaatst op", by="door", leave="Geef een reactie", prev="Vorig bericht", next="Volgend bericht",
    tags="Tags:", cats="Categorieën:", share="Delen:", related="Gerelateerd", comments="3 gedachten over",
    says="schreef:", reply="Beantwoorden", recent="Recente berichten", recent_c="Recente reacties", on="op",
    written_by="Geschreven door", published="Gepubliceerd:", updated_lbl="Laatst bijgewerkt:", hits="Hits:", details="Details",
    submitted="Ingezonden door {a} op {d}", drupal_date="ma, 04/03/2024 - 10:30",
    posted_by="Geplaatst door", at="op", labels="Labels:", blog_date="maandag 4 maart 2024",
    comments_n="3 opmerkingen", min_read="5 min lezen", joomla_date="04 maart 2024", joomla_upd="20 maart 2024",
    forum_by="door", forum_date="ma 04 mar 2024, 10:30", post_author="Berichtauteur", post_date="Berichtdatum",
    by_cap="Door", about="Over de auteur", newer="Nieuwere post", older="Oudere post",
)
lang(
    "pl", name="Anna Kowalska", other="Piotr Nowak", commenter="Marek Zieliński", title="Jak przycinać róże wczesną wiosną",
    site="Notatnik ogrodnika", sent="Róże odbijają mocno, gdy stare pędy przycina się nisko, czystymi i skośnymi cięciami nad pąkiem",
    wpdate="4 marca 2024", wpupd="20 marca 2024", side_dates=["26 lutego 2024", "12 lutego 2024"],
    posted_on="Opublikowano", by="przez", leave="Dodaj komentarz", prev="Poprzedni wpis", next="Następny wpis",
    tags="Tagi:", cats="Kategorie:", share="Udostępnij:", related="Podobne", comments="3 komentarze do",
    says="napisał(a):", reply="Odpowiedz", recent="Najnowsze wpisy", recent_c="Najnowsze komentarze", on="o",
    written_by="Napisane przez", published="Opublikowano:", updated_lbl="Ostatnia aktualizacja:", hits="Odsłon:", details="Szczegóły",
    submitted="Przesłane przez {a} w dniu {d}", drupal_date="pon., 04/03/2024 - 10:30",
    posted_by="Opublikowany przez", at="o", labels="Etykiety:", blog_date="poniedziałek, 4 marca 2024",
    comments_n="3 komentarze", min_read="5 min czytania", joomla_date="04 marzec 2024", joomla_upd="20 marzec 2024",
    forum_by="przez", forum_date="pn 04 mar 2024, 10:30", post_author="Autor wpisu", post_date="Data wpisu",
    by_cap="Autor:", about="O autorze", newer="Nowszy post", older="Starszy post",
)
lang(
    "ru", name="Анна Иванова", other="Пётр Смирнов", commenter="Игорь Волков", title="Как обрезать розы ранней весной",
    site="Дневник садовода", sent="Розы хорошо отрастают, когда старые побеги срезают низко чистым и косым срезом над почкой",
    wpdate="04.03.2024", wpupd="20.03.2024", side_dates=["26.02.2024", "12.02.2024"],
    posted_on="Опубликовано", by="автор", leave="Добавить комментарий", prev="Предыдущая запись", next="Следующая запись",
    tags="Метки:", cats="Рубрики:", share="Поделиться:", related="Похожее", comments="3 комментария к",
    says="говорит:", reply="Ответить", recent="Свежие записи", recent_c="Свежие комментарии", on="к записи",
    written_by="Автор:", published="Опубликовано:", updated_lbl="Обновлено:", hits="Просмотров:", details="Подробности",
    submitted="Опубликовано {a} в {d}", drupal_date="Пн, 04/03/2024 - 10:30",
    posted_by="Автор:", at="на", labels="Ярлыки:", blog_date="понедельник, 4 марта 2024 г.",
    comments_n="3 комментария", min_read="5 мин чтения", joomla_date="04 марта 2024", joomla_upd="20 марта 2024",
    forum_by="", forum_date="Пн мар 04, 2024 10:30 am", post_author="Автор записи", post_date="Дата публикации",
    by_cap="Автор:", about="Об авторе", newer="Следующее", older="Предыдущее",
)
lang(
    "ja", name="山田花子", other="佐藤健", commenter="鈴木一郎", title="早春のバラの剪定のしかた",
    site="ガーデン日記", sent="古い枝を低い位置で切り、切り口をきれいに斜めにそろえると、バラは春に力強く芽を伸ばします。",
    wpdate="2024年3月4日", wpupd="2024年3月20日", side_dates=["2024年2月26日", "2024年2月12日"],
    posted_on="投稿日:", by="投稿者:", leave="コメントする", prev="前の投稿", next="次の投稿",
    tags="タグ:", cats="カテゴリー:", share="共有:", related="関連", comments="“早春のバラの剪定のしかた” への3件のフィードバック",
    says="より:", reply="返信", recent="最近の投稿", recent_c="最近のコメント", on="より",
    written_by="投稿者:", published="公開日:", updated_lbl="最終更新日:", hits="アクセス数:", details="詳細",
    submitted="投稿者: {a} 投稿日時: {d}", drupal_date="月, 03/04/2024 - 10:30",
    posted_by="投稿者", at="時刻:", labels="ラベル:", blog_date="2024年3月4日月曜日",
    comments_n="3 件のコメント", min_read="5分で読めます", joomla_date="2024年03月04日", joomla_upd="2024年03月20日",
    forum_by="by", forum_date="2024年3月04日(月) 10:30", post_author="投稿者", post_date="投稿日",
    by_cap="投稿者:", about="この記事を書いた人", newer="次の投稿", older="前の投稿",
)
lang(
    "zh", name="王芳", other="李伟", commenter="张强", title="早春如何修剪月季",
    site="园艺笔记", sent="把老枝在低处剪掉，并让剪口干净倾斜，月季到了春天就会长得很旺盛。",
    wpdate="2024年3月4日", wpupd="2024年3月20日", side_dates=["2024年2月26日", "2024年2月12日"],
    posted_on="发布于", by="作者", leave="发表评论", prev="上一篇文章", next="下一篇文章",
    tags="标签：", cats="分类：", share="分享到：", related="相关", comments="《早春如何修剪月季》有3条评论",
    says="说道：", reply="回复", recent="近期文章", recent_c="近期评论", on="发表在",
    written_by="作者：", published="发布时间：", updated_lbl="最后更新：", hits="点击数：", details="详情",
    submitted="由 {a} 于 {d} 提交", drupal_date="周一, 03/04/2024 - 10:30",
    posted_by="发布者：", at="时间：", labels="标签：", blog_date="2024年3月4日星期一",
    comments_n="3 条评论", min_read="阅读需 5 分钟", joomla_date="2024年03月04日", joomla_upd="2024年03月20日",
    forum_by="由", forum_date="2024年 3月 4日 星期一 10:30", post_author="文章作者", post_date="文章日期",
    by_cap="作者：", about="关于作者", newer="较新的博文", older="较早的博文",
)
lang(
    "ko", name="김민지", other="이준호", commenter="박서연", title="이른 봄 장미 가지치기 방법",
    site="정원 일기", sent="오래된 가지를 낮게 자르고 자른 면을 깨끗하고 비스듬하게 만들면 장미는 봄에 힘차게 자랍니다.",
    wpdate="2024년 3월 4일", wpupd="2024년 3월 20일", side_dates=["2024년 2월 26일", "2024년 2월 12일"],
    posted_on="게시일:", by="글쓴이:", leave="댓글 남기기", prev="이전 글", next="다음 글",
    tags="태그:", cats="카테고리:", share="공유하기:", related="관련", comments="3개의 댓글",
    says="님의 말:", reply="응답", recent="최신 글", recent_c="최신 댓글", on="-",
    written_by="작성자:", published="게시일:", updated_lbl="최종 업데이트:", hits="조회수:", details="상세",
    submitted="{a}님이 {d}에 작성", drupal_date="월, 03/04/2024 - 10:30",
    posted_by="게시자:", at="시간:", labels="라벨:", blog_date="2024년 3월 4일 월요일",
    comments_n="댓글 3개", min_read="5분 읽기", joomla_date="2024년 03월 04일", joomla_upd="2024년 03월 20일",
    forum_by="작성자", forum_date="2024년 3월 4일 (월) 10:30", post_author="글쓴이", post_date="게시일",
    by_cap="글쓴이:", about="글쓴이 소개", newer="최근 게시물", older="이전 게시물",
)
lang(
    "sv", name="Karin Lind", other="Erik Berg", commenter="Lars Holm", title="Så beskär du rosor tidigt på våren",
    site="Trädgårdsbloggen", sent="Rosor skjuter kraftigt när de gamla grenarna kapas lågt med rena och sneda snitt ovanför en knopp",
    wpdate="4 mars 2024", wpupd="20 mars 2024", side_dates=["26 februari 2024", "12 februari 2024"],
    posted_on="Publicerat den", by="av", leave="Lämna en kommentar", prev="Föregående inlägg", next="Nästa inlägg",
    tags="Etiketter:", cats="Kategorier:", share="Dela detta:", related="Relaterade", comments="3 tankar kring",
    says="skriver:", reply="Svara", recent="Senaste inläggen", recent_c="Senaste kommentarer", on="om",
    written_by="Skrivet av", published="Publicerad:", updated_lbl="Senast uppdaterad:", hits="Visningar:", details="Detaljer",
    submitted="Inskickat av {a} den {d}", drupal_date="mån, 04/03/2024 - 10:30",
    posted_by="Upplagd av", at="kl.", labels="Etiketter:", blog_date="måndag 4 mars 2024",
    comments_n="3 kommentarer", min_read="5 min läsning", joomla_date="04 mars 2024", joomla_upd="20 mars 2024",
    forum_by="av", forum_date="mån 04 mar 2024 10:30", post_author="Inläggsförfattare", post_date="Publiceringsdatum",
    by_cap="Av", about="Om författaren", newer="Nyare inlägg", older="Äldre inlägg",
)
lang(
    "tr", name="Ayşe Yılmaz", other="Mehmet Demir", commenter="Can Kaya", title="Erken ilkbaharda gül budama",
    site="Bahçe Notları", sent="Eski dallar alçaktan temiz ve eğik kesimlerle alındığında güller ilkbaharda güçlü biçimde sürer",
    wpdate="4 Mart 2024", wpupd="20 Mart 2024", side_dates=["26 Şubat 2024", "12 Şubat 2024"],
    posted_on="Yayınlandı:", by="yazar", leave="Bir yorum yapın", prev="Önceki yazı", next="Sonraki yazı",
    tags="Etiketler:", cats="Kategoriler:", share="Paylaş:", related="İlgili", comments="için 3 yorum",
    says="dedi ki:", reply="Yanıtla", recent="Son yazılar", recent_c="Son yorumlar", on="-",
    written_by="Yazar:", published="Yayınlanma:", updated_lbl="Son güncelleme:", hits="Okunma:", details="Ayrıntılar",
    submitted="{a} tarafından {d} tarihinde gönderildi", drupal_date="Pzt, 04/03/2024 - 10:30",
    posted_by="Gönderen:", at="zaman:", labels="Etiketler:", blog_date="4 Mart 2024 Pazartesi",
    comments_n="3 yorum", min_read="5 dk okuma", joomla_date="04 Mart 2024", joomla_upd="20 Mart 2024",
    forum_by="gönderen", forum_date="Pzt Mar 04, 2024 10:30 am", post_author="Yazı yazarı", post_date="Yazı tarihi",
    by_cap="Yazar:", about="Yazar hakkında", newer="Sonraki Kayıt", older="Önceki Kayıt",
)
lang(
    "cs", name="Jana Nováková", other="Petr Svoboda", commenter="Tomáš Dvořák", title="Jak stříhat růže brzy na jaře",
    site="Zahradní zápisník", sent="Růže silně obrazí, když se staré výhony odstřihnou nízko čistým a šikmým řezem nad pupenem",
    wpdate="4. 3. 2024", wpupd="20. 3. 2024", side_dates=["26. 2. 2024", "12. 2. 2024"],
    posted_on="Publikováno", by="od", leave="Napsat komentář", prev="Předchozí příspěvek", next="Další příspěvek",
    tags="Štítky:", cats="Rubriky:", share="Sdílet:", related="Související", comments="3 komentáře u",
    says="napsal:", reply="Odpovědět", recent="Nejnovější příspěvky", recent_c="Nejnovější komentáře", on="u",
    written_by="Napsal", published="Zveřejněno:", updated_lbl="Aktualizováno:", hits="Zobrazeno:", details="Podrobnosti",
    submitted="Odesláno uživatelem {a} dne {d}", drupal_date="Po, 04/03/2024 - 10:30",
    posted_by="Vložil", at="v", labels="Štítky:", blog_date="pondělí 4. března 2024",
    comments_n="3 komentáře", min_read="5 min čtení", joomla_date="04. březen 2024", joomla_upd="20. březen 2024",
    forum_by="od", forum_date="po 04. bře 2024 10:30", post_author="Autor příspěvku", post_date="Datum příspěvku",
    by_cap="Autor:", about="O autorovi", newer="Novější příspěvek", older="Starší příspěvek",
)

# more localised strings: Jetpack's "Like this:", Twenty Fifteen/Sixteen's author box "Published by", "View all posts
# by", Twenty Ten's closing line "This entry was posted in … and tagged …. Bookmark the permalink."
MORE = dict(
    en=("Like this:", "Published by", "View all posts by {a}", "This entry was posted in {c} and tagged {t}. Bookmark the permalink."),
    fr=("J’aime ça :", "Publié par", "Voir tous les articles par {a}", "Cette entrée a été publiée dans {c}, avec comme mot(s)-clef(s) {t}. Vous pouvez la mettre en favoris avec ce permalien."),
    de=("Gefällt mir:", "Veröffentlicht von", "Alle Beiträge von {a} anzeigen", "Dieser Eintrag wurde veröffentlicht in {c} verschlagwortet mit {t}. Setze ein Lesezeichen auf den Permalink."),
    it=("Mi piace:", "Pubblicato da", "Visualizza tutti gli articoli di {a}", "Questa voce è stata pubblicata in {c} e contrassegnata con {t}. Contrassegna il permalink."),
    es=("Me gusta esto:", "Publicado por", "Ver todas las entradas de {a}", "Esta entrada fue publicada en {c} y etiquetada {t}. Guarda el enlace permanente."),
    pt=("Curtir isso:", "Publicado por", "Ver todos os posts de {a}", "Esta entrada foi publicada em {c} e marcada com a tag {t}. Guarde o link permanente."),
    nl=("Vind ik leuk:", "Gepubliceerd door", "Bekijk alle berichten van {a}", "Dit bericht werd geplaatst in {c} en getagd met {t}. Bookmark de permalink."),
    pl=("Lubię to:", "Opublikowane przez", "Zobacz wszystkie wpisy, których autorem jest {a}", "Ten wpis został opublikowany w kategorii {c} i oznaczony tagiem {t}. Dodaj zakładkę do bezpośredniego odnośnika."),
    ru=("Нравится:", "Опубликовано", "Просмотреть все записи автора {a}", "Запись опубликована в рубрике {c} с метками {t}. Добавьте в закладки постоянную ссылку."),
    ja=("いいね:", "投稿者:", "{a} のすべての投稿を表示", "カテゴリー: {c} タグ: {t} パーマリンク"),
    zh=("赞过：", "发布者：", "查看{a}的所有文章", "此条目发表在{c}分类目录，贴了{t}标签。将固定链接加入收藏夹。"),
    ko=("좋아하기", "게시자:", "{a}의 모든 글 보기", "이 글은 {c} 카테고리에 분류되었고 {t} 태그가 있으며 고유주소를 북마크하세요."),
    sv=("Gilla:", "Publicerat av", "Visa alla inlägg av {a}", "Detta inlägg publicerades i {c} och märktes {t}. Bokmärk permalänken."),
    tr=("Beğen:", "Yayınlayan:", "{a} tarafından yazılmış tüm yazıları görüntüle", "Bu yazı {c} içinde yayınlandı ve {t} ile etiketlendi. Kalıcı bağlantıyı yer imlerine ekleyin."),
    cs=("Líbí se mi:", "Publikoval(a)", "Zobrazit všechny příspěvky, jejichž autorem je {a}", "Příspěvek byl publikován v rubrice {c} a jeho autor je {t}. Můžete si jeho odkaz uložit mezi své oblíbené záložky."),
)
# fmt: on


# fmt: off
AND = dict(en="and", fr="et", de="und", it="e", es="y", pt="e", nl="en", pl="i", ru="и", sv="och", tr="ve", cs="a")
WD14 = dict(en="Thu", fr="jeu", de="Do.", it="Gio", es="Jue", pt="qui", nl="do", pl="czw.", ru="Чт", ja="木", zh="周四",
            ko="목", sv="tor", tr="Prş", cs="Čt")
MON14 = dict(en="14 March, 2024", fr="14 mars, 2024", de="14 März, 2024", it="14 Marzo, 2024", es="14 marzo, 2024",
             pt="14 março, 2024", nl="14 maart, 2024", pl="14 marca, 2024", ru="14 марта, 2024", ja="14 3月, 2024",
             zh="14 三月, 2024", ko="14 3월, 2024", sv="14 mars, 2024", tr="14 Mart, 2024", cs="14 března, 2024")
# fmt: on
CJK = ("ja", "zh", "ko")


def paras(s):
    sent = s["sent"]
    out = []
    for i in range(1, 6):
        if s["lang"] in CJK:
            out.append(f"{i}. {sent}" + sent * (i % 2))
        else:
            out.append(f"{i}. {sent}." + (f" {sent} ({i})." if i % 2 else ""))
    return out


def body_html(s):
    return "".join(f"<p>{p}</p>" for p in paras(s))


def head(s, sd, title_tag=None):
    t = title_tag or f"{s['title']} – {s['site']}"
    h = f"<meta charset='utf-8'><title>{t}</title>"
    if sd >= 1:
        h += f"<meta property='og:title' content='{s['title']}'><meta property='og:site_name' content='{s['site']}'>"
    if sd >= 2:
        g = {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "@id": "https://blog.example.org/#website", "name": s["site"]},
                {
                    "@type": "WebPage",
                    "@id": s["url"],
                    "name": s["title"],
                    "isPartOf": {"@id": "https://blog.example.org/#website"},
                },
                {"@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home"}]},
            ],
        }
        h += f"<script type='application/ld+json'>{json.dumps(g, ensure_ascii=False)}</script>"
    return f"<head>{h}</head>"


def nav(s, h1=False):
    tag = "h1" if h1 else "p"
    return (
        f"<header class='site-header'><div class='site-branding'><{tag} class='site-title'><a href='/'>{s['site']}"
        f"</a></{tag}></div><nav class='main-navigation'><ul><li><a href='/'>Home</a></li><li><a href='/about/'>About"
        "</a></li><li><a href='/contact/'>Contact</a></li></ul></nav></header>"
    )


def sidebar(s, dated=True):
    items = "".join(
        f"<li><a href='/p{i}/'>{s['other']} {i}</a>"
        + (f" <span class='post-date'>{d}</span>" if dated else "")
        + "</li>"
        for i, d in enumerate(s["side_dates"])
    )
    return (
        f"<aside id='secondary' class='widget-area'><section class='widget widget_recent_entries'><h2 class='widget-title'>"
        f"{s['recent']}</h2><ul>{items}</ul></section><section class='widget widget_recent_comments'><h2 class='widget-title'>"
        f"{s['recent_c']}</h2><ul><li><span class='comment-author-link'>{s['commenter']}</span> {s['on']} <a href='/p0/'>"
        f"{s['other']} 0</a></li></ul></section></aside>"
    )


def wp_comments(s):
    return (
        f"<div id='comments' class='comments-area'><h2 class='comments-title'>{s['comments']} “{s['title']}”</h2>"
        "<ol class='comment-list'><li class='comment'><article class='comment-body'><footer class='comment-meta'>"
        f"<div class='comment-author vcard'><b class='fn'>{s['commenter']}</b> <span class='says'>{s['says']}</span></div>"
        f"<div class='comment-metadata'><a href='#c1'><time datetime='2024-03-20T09:00:00+00:00'>{s['wpupd']}</time></a>"
        f"</div></footer><div class='comment-content'><p>{s['sent'][:40]}!</p></div><div class='reply'><a>{s['reply']}</a>"
        f"</div></article></li></ol><div id='respond'><h3 id='reply-title'>{s['leave']}</h3></div></div>"
    )


def footer(s):
    return f"<footer id='colophon' class='site-footer'><p>© 2024 {s['site']} · Powered by WordPress</p></footer>"


def post_nav(s):
    return (
        f"<nav class='navigation post-navigation'><h2 class='screen-reader-text'>Post navigation</h2><div class='nav-links'>"
        f"<div class='nav-previous'><a href='/old/' rel='prev'><span class='meta-nav'>{s['prev']}</span> "
        f"<span class='post-title'>{s['other']} 1</span></a></div><div class='nav-next'><a href='/new/' rel='next'>"
        f"<span class='meta-nav'>{s['next']}</span> <span class='post-title'>{s['other']} 2</span></a></div></div></nav>"
    )


def share(s):
    return (
        f"<div class='sharedaddy sd-sharing-enabled'><h3 class='sd-title'>{s['share']}</h3><ul><li><a class='share-x'>X"
        "</a></li><li><a class='share-facebook'>Facebook</a></li></ul></div>"
    )


def wp_posted(s, updated_first=False, updated=True):
    pub = f"<time class='entry-date published' datetime='2024-03-04T10:30:00+00:00'>{s['wpdate']}</time>"
    upd = f"<time class='updated' datetime='2024-03-20T08:00:00+00:00'>{s['wpupd']}</time>" if updated else ""
    times = upd + pub if updated_first else pub + upd
    return (
        f"<span class='posted-on'>{s['posted_on']} <a href='{s['url']}' rel='bookmark'>{times}</a></span>"
        f"<span class='byline'> {s['by']} <span class='author vcard'><a class='url fn n' href='/author/x/'>{s['name']}"
        "</a></span></span>"
    )


def page(s, sd, main, h1_site=False, title_tag=None):
    return (
        f"<!DOCTYPE html><html lang='{s['lang']}'>{head(s, sd, title_tag)}<body class='single'>{nav(s, h1_site)}"
        f"<div id='content' class='site-content'>{main}</div>{footer(s)}</body></html>"
    )


# ---- templates: each returns main html and an expected override dict ----


def t_wp_footer_meta(s):
    """Underscores-derived footer meta (entry-footer after the content), tags, share, post nav, comments, sidebar."""
    art = (
        f"<main id='main'><article class='post type-post hentry'><header class='entry-header'><h1 class='entry-title'>"
        f"{s['title']}</h1></header><div class='entry-content'>{body_html(s)}{share(s)}</div>"
        f"<footer class='entry-footer'>{wp_posted(s)}<span class='cat-links'>{s['cats']} <a rel='category tag'>Garten</a>"
        f"</span><span class='tags-links'>{s['tags']} <a rel='tag'>rosen</a>, <a rel='tag'>schnitt</a></span></footer>"
        f"</article>{post_nav(s)}{wp_comments(s)}</main>{sidebar(s)}"
    )
    return art, {}


def t_wp_updated_first(s):
    """GeneratePress-like entry-meta under the title: the updated <time> written before the published one."""
    art = (
        f"<main id='main'><article class='post'><div class='inside-article'><header class='entry-header'>"
        f"<h1 class='entry-title' itemprop='headline'>{s['title']}</h1><div class='entry-meta'>"
        f"{wp_posted(s, updated_first=True)}</div></header><div class='entry-content' itemprop='text'>{body_html(s)}</div>"
        f"<footer class='entry-meta'><span class='cat-links'>{s['cats']} <a>Garden</a></span>"
        f"<span class='tags-links'>{s['tags']} <a>roses</a></span><span class='comments-link'><a>{s['leave']}</a></span>"
        f"</footer></div></article>{post_nav(s)}{wp_comments(s)}</main>{sidebar(s)}"
    )
    return art, {}


def t_wp_meta_above_title(s):
    """Twenty Seventeen-like: the entry-meta above the title, in the header."""
    meta = wp_posted(s)
    art = (
        f"<div class='wrap'><div id='primary'><main id='main'><article class='post'><header class='entry-header'>"
        f"<div class='entry-meta'>{meta}</div><h1 class='entry-title'>{s['title']}</h1></header>"
        f"<div class='entry-content'>{body_html(s)}</div><footer class='entry-footer'><span class='cat-tags-links'>"
        f"<span class='tags-links'>{s['tags']} <a>roses</a></span></span></footer></article>{post_nav(s)}"
        f"{wp_comments(s)}</main></div>{sidebar(s)}</div>"
    )
    return art, {}


def t_wp_post_meta_list(s):
    """Twenty Twenty-like: a list of post meta (author, date as text only, comments link), no <time>."""
    art = (
        f"<main id='site-content'><article class='post'><header class='entry-header'><div class='entry-categories'>"
        f"<a rel='category tag'>Garden</a></div><h1 class='entry-title'>{s['title']}</h1><div class='post-meta-wrapper'>"
        f"<ul class='post-meta'><li class='post-author meta-wrapper'><span class='meta-icon'><span class='screen-reader-text'>"
        f"{s['post_author']}</span></span><span class='meta-text'>{s['by_cap']} <a href='/author/x/'>{s['name']}</a></span>"
        f"</li><li class='post-date meta-wrapper'><span class='meta-icon'><span class='screen-reader-text'>{s['post_date']}"
        f"</span></span><span class='meta-text'><a href='{s['url']}'>{s['wpdate']}</a></span></li>"
        f"<li class='post-comment-link meta-wrapper'><span class='meta-text'><a>{s['comments_n']}</a></span></li></ul>"
        f"</div></header><div class='post-inner'><div class='entry-content'>{body_html(s)}</div></div>"
        f"<div class='section-inner'><div class='post-meta-wrapper post-meta-single-bottom'><ul class='post-meta'>"
        f"<li class='post-tags meta-wrapper'><span class='meta-text'><a rel='tag'>roses</a><a rel='tag'>spring</a></span>"
        f"</li></ul></div></div>{post_nav(s)}{wp_comments(s)}</article></main>"
    )
    return art, {}


def t_wp_block_theme(s):
    """Twenty Twenty-Four-like block theme: "Written by <author> in <category>", wp-block-post-date."""
    art = (
        f"<main class='wp-block-group'><div class='wp-block-group'><h1 class='wp-block-post-title'>{s['title']}</h1>"
        f"<div class='wp-block-template-part'><div class='wp-block-group'><div class='wp-block-post-date'>"
        f"<time datetime='2024-03-04T10:30:00+00:00'><a href='{s['url']}'>{s['wpdate']}</a></time></div>"
        f"<div class='wp-block-group'><p class='has-small-font-size'>{s['written_by']}</p><div class='wp-block-post-author-name'>"
        f"<a href='/author/x/' class='wp-block-post-author-name__link'>{s['name']}</a></div></div></div></div></div>"
        f"<div class='entry-content wp-block-post-content'>{body_html(s)}</div><div class='wp-block-group'>"
        f"<div class='taxonomy-post_tag wp-block-post-terms'><a rel='tag'>roses</a></div>"
        f"<nav class='wp-block-group'><div class='post-navigation-link-previous wp-block-post-navigation-link'>"
        f"<a rel='prev'>{s['other']} 1</a></div><div class='post-navigation-link-next wp-block-post-navigation-link'>"
        f"<a rel='next'>{s['other']} 2</a></div></nav></div><div class='wp-block-comments'><h2 class='wp-block-heading'>"
        f"{s['comments_n']}</h2><ol class='wp-block-comment-template'><li class='comment'><div class='wp-block-comment-author-name'>"
        f"{s['commenter']}</div><div class='wp-block-comment-date'><time datetime='2024-03-20T09:00:00+00:00'>{s['wpupd']}"
        f"</time></div><div class='wp-block-comment-content'><p>{s['sent'][:40]}!</p></div></li></ol></div></main>"
    )
    return art, {}


def t_ghost(s):
    """Ghost Casper-like: article-byline with author-name and byline-meta-date, reading time; related posts cards."""
    cards = "".join(
        f"<article class='post-card'><a class='post-card-image-link'></a><div class='post-card-content'><h2 class='post-card-title'>"
        f"{s['other']} {i}</h2><footer class='post-card-meta'><time class='post-card-meta-date' datetime='2024-02-1{i}'>"
        f"{s['side_dates'][i % 2]}</time></footer></div></article>"
        for i in range(3)
    )
    art = (
        f"<main id='site-main' class='site-main'><article class='article post'><header class='article-header gh-canvas'>"
        f"<div class='article-tag post-card-tags'><span class='post-card-primary-tag'><a href='/tag/garden/'>Garden</a>"
        f"</span></div><h1 class='article-title'>{s['title']}</h1><div class='article-byline'><section class='article-byline-content'>"
        f"<ul class='author-list'><li class='author-list-item'><a href='/author/x/' class='author-avatar'>"
        f"<img class='author-profile-image' src='/a.jpg' alt='{s['name']}'></a></li></ul><div class='article-byline-meta'>"
        f"<h4 class='author-name'><a href='/author/x/'>{s['name']}</a></h4><div class='byline-meta-content'>"
        f"<time class='byline-meta-date' datetime='2024-03-04'>{s['wpdate']}</time><span class='byline-reading-time'>"
        f"<span class='bull'>•</span> {s['min_read']}</span></div></div></section></div></header>"
        f"<section class='gh-content gh-canvas'>{body_html(s)}</section></article></main>"
        f"<aside class='read-more-wrap outer'><div class='read-more inner'>{cards}</div></aside>"
    )
    return art, {}


def t_drupal(s):
    """Drupal-like node: "Submitted by <name> on <D, m/d/Y - H:i>" (the default medium format), tags field, comments."""
    d = f"{WD14[s['lang']]}, 03/14/2024 - 10:30"
    sub = s["submitted"].format(
        a=f"<span class='field--name-uid'><span>{s['name']}</span></span>",
        d=f"<span class='field--name-created'>{d}</span>",
    )
    art = (
        f"<main role='main'><div class='layout-content'><h1 class='page-title'><span class='field--name-title'>{s['title']}"
        f"</span></h1><article role='article' class='node node--type-article'><footer class='node__meta'>"
        f"<div class='node__submitted'>{sub}</div></footer><div class='node__content'><div class='field--name-body'>"
        f"{body_html(s)}</div><div class='field--name-field-tags'><div class='field__label'>{s['tags'].rstrip(': ')}</div>"
        f"<div class='field__items'><div class='field__item'><a>roses</a></div></div></div>"
        f"<section class='field--name-comment'><h2>Comments</h2><article class='comment'><footer><p class='comment__author'>"
        f"{s['commenter']}</p><p class='comment__time'>{WD14[s['lang']]}, 03/20/2024 - 09:00</p></footer>"
        f"<div class='comment__content'><p>{s['sent'][:40]}!</p></div></article></section></div></article></div>"
        f"<aside class='layout-sidebar-second'>{sidebar(s, dated=False)}</aside></main>"
    )
    return art, {"date": "2024-03-14"}


def t_drupal_olivero(s):
    """Olivero-like node meta: "By <name>, <j F, Y>"."""
    art = (
        f"<main role='main'><div class='region--content'><h1 class='title page-title'>{s['title']}</h1>"
        f"<article class='node node--type-article'><div class='node__meta'><span class='node__author'>{s['by_cap']} "
        f"<a href='/user/3'>{s['name']}</a></span>, <span class='node__date'>{MON14[s['lang']]}</span></div>"
        f"<div class='node__content'><div class='text-content field--name-body'>{body_html(s)}</div>"
        f"<div class='field--tags'><h3 class='field__label'>{s['tags'].rstrip(': ')}</h3><ul class='links'><li>"
        f"<a>roses</a></li></ul></div></div></article></div></main>"
    )
    return art, {"date": "2024-03-14"}


def t_joomla(s):
    """Joomla article-info block: "Written by", category, "Published:", "Last Updated:", "Hits:"."""
    art = (
        f"<main><div class='com-content-article item-page'><div class='page-header'><h2 itemprop='headline'>{s['title']}</h2>"
        f"</div><dl class='article-info text-muted'><dt class='article-info-term'>{s['details']}</dt>"
        f"<dd class='createdby'><span class='icon-user icon-fw'></span> {s['written_by']} <span>{s['name']}</span></dd>"
        f"<dd class='category-name'><span class='icon-folder-open icon-fw'></span> <a>Garden</a></dd>"
        f"<dd class='published'><span class='icon-calendar icon-fw'></span> <time datetime='2024-03-04T10:30:00+00:00'>"
        f"{s['published']} {s['joomla_date']}</time></dd><dd class='modified'><span class='icon-calendar icon-fw'></span>"
        f" <time datetime='2024-03-20T08:00:00+00:00'>{s['updated_lbl']} {s['joomla_upd']}</time></dd>"
        f"<dd class='hits'><span class='icon-eye icon-fw'></span> {s['hits']} 1234</dd></dl>"
        f"<div itemprop='articleBody' class='com-content-article__body'>{body_html(s)}</div>"
        f"<ul class='tags list-inline'><li class='list-inline-item'><a class='btn btn-sm btn-info'>roses</a></li></ul>"
        f"<nav class='pagenavigation'><span class='pagination'><a class='btn btn-sm btn-secondary previous' rel='prev'>"
        f"&lt; {s['prev']}</a><a class='btn btn-sm btn-secondary next' rel='next'>{s['next']} &gt;</a></span></nav>"
        f"</div></main>{sidebar(s, dated=False)}"
    )
    return art, {}


def t_blogger(s):
    """Blogger-like: the date header above the post, an h3 title, "Posted by <name> at <time>", labels, blog pager."""
    art = (
        f"<div class='main-inner'><div class='blog-posts hfeed'><div class='date-outer'><h2 class='date-header'><span>"
        f"{s['blog_date']}</span></h2><div class='date-posts'><div class='post-outer'><div class='post hentry'>"
        f"<h3 class='post-title entry-title'>{s['title']}</h3><div class='post-header'></div>"
        f"<div class='post-body entry-content'>{body_html(s)}<div style='clear: both;'></div></div>"
        f"<div class='post-footer'><div class='post-footer-line post-footer-line-1'><span class='post-author vcard'>"
        f"{s['posted_by']} <span class='fn'><a href='https://www.blogger.com/profile/1' rel='author'>{s['name']}</a></span>"
        f"</span> <span class='post-timestamp'>{s['at']} <a class='timestamp-link' href='{s['url']}' rel='bookmark'>"
        f"<abbr class='published' title='2024-03-04T10:30:00+01:00'>10:30</abbr></a></span> <span class='post-comment-link'>"
        f"<a class='comment-link'>{s['comments_n']}</a></span></div><div class='post-footer-line post-footer-line-2'>"
        f"<span class='post-labels'>{s['labels']} <a rel='tag'>garden</a>, <a rel='tag'>roses</a></span></div></div>"
        f"</div><div class='comments' id='comments'><h4>{s['comments_n']}:</h4><dl id='comments-block'><dt class='comment-author'>"
        f"<a>{s['commenter']}</a></dt><dd class='comment-body'><p>{s['sent'][:40]}!</p></dd><dd class='comment-footer'>"
        f"<span class='comment-timestamp'><a>20/3/24 9:00</a></span></dd></dl></div></div></div></div></div>"
        f"<div class='blog-pager' id='blog-pager'><span id='blog-pager-newer-link'><a class='blog-pager-newer-link'>"
        f"{s['newer']}</a></span><span id='blog-pager-older-link'><a class='blog-pager-older-link'>{s['older']}</a></span>"
        f"<a class='home-link'>Home</a></div></div>{sidebar(s, dated=False)}"
    )
    return art, {"title_tag": f"{s['site']}: {s['title']}", "h1_site": True}


def t_hugo_papermod(s):
    """PaperMod-like post-meta: "date · reading time · author", the date's full form in a title attribute."""
    art = (
        f"<main class='main'><article class='post-single'><header class='post-header'><div class='breadcrumbs'>"
        f"<a href='/'>Home</a>&nbsp;»&nbsp;<a href='/posts/'>Posts</a></div><h1 class='post-title entry-hint-parent'>"
        f"{s['title']}</h1><div class='post-meta'><span title='2024-03-04 10:30:00 +0000 UTC'>{s['wpdate']}</span>"
        f"&nbsp;·&nbsp;5 min&nbsp;·&nbsp;{s['name']}</div></header><div class='post-content'>{body_html(s)}</div>"
        f"<footer class='post-footer'><ul class='post-tags'><li><a href='/tags/roses/'>Roses</a></li></ul>"
        f"<nav class='paginav'><a class='prev' href='/p1/'><span class='title'>« {s['prev']}</span><br><span>{s['other']} 1"
        f"</span></a><a class='next' href='/p2/'><span class='title'>{s['next']} »</span><br><span>{s['other']} 2</span></a>"
        f"</nav></footer></article></main>"
    )
    return art, {}


def t_jekyll(s):
    """Jekyll minima-like: post-meta with a dt-published <time> • the author's h-card."""
    art = (
        f"<main class='page-content'><div class='wrapper'><article class='post h-entry'><header class='post-header'>"
        f"<h1 class='post-title p-name'>{s['title']}</h1><p class='post-meta'><time class='dt-published' "
        f"datetime='2024-03-04T10:30:00+00:00'>{s['wpdate']}</time> • <span><span class='p-author h-card'>{s['name']}"
        f"</span></span></p></header><div class='post-content e-content'>{body_html(s)}</div>"
        f"<a class='u-url' href='{s['url']}' hidden></a></article></div></main>"
    )
    return art, {}


def t_hugo_posted(s):
    """A Hugo theme's meta line written out: "<Posted on> <date> <by> <author>" in one span, no <time>."""
    art = (
        f"<main><article><header><h1>{s['title']}</h1><div class='post-meta'><span class='meta'>{s['posted_on']} "
        f"{s['wpdate']} {s['by']} {s['name']}</span></div></header><section class='post-body'>{body_html(s)}</section>"
        f"<footer><div class='post-tags'>{s['tags']} <a>roses</a></div><div class='post-nav'><a class='prev'>← "
        f"{s['prev']}</a> <a class='next'>{s['next']} →</a></div></footer></article></main>"
    )
    return art, {}


def t_medium_export(s):
    """A Medium export: the byline and date only in the post's closing footer, then the export line with its date."""
    art = (
        f"<article class='h-entry'><header><h1 class='p-name'>{s['title']}</h1></header><section data-field='subtitle' "
        f"class='p-summary'>{s['sent'][:30]}</section><section data-field='body' class='e-content'><section "
        f"class='section section--body'><div class='section-content'><div class='section-inner sectionLayout--insetColumn'>"
        f"{body_html(s)}</div></div></section></section><footer><p>{s['by_cap']} <a href='https://medium.com/@x' "
        f"class='p-author h-card'>{s['name']}</a> {s['on'] if s['lang'] == 'en' else ''} <a href='{s['url']}'><time "
        f"class='dt-published' datetime='2024-03-04T10:30:00.000Z'>{s['wpdate']}</time></a>.</p><p><a href='{s['url']}' "
        f"class='p-canonical'>Canonical link</a></p><p>Exported from <a href='https://medium.com'>Medium</a> on "
        f"{s['wpupd']}.</p></footer></article>"
    )
    return art, {"bare": True}


def t_substack(s):
    """Substack-like: title, subtitle, the author's link and a date in plain divs; subscribe and share buttons after."""
    art = (
        f"<div class='main-content'><article class='typography newsletter-post post'><div class='post-header'>"
        f"<h1 class='post-title published'>{s['title']}</h1><h3 class='subtitle'>{s['sent'][:40]}</h3>"
        f"<div class='post-meta'><div class='byline-wrapper'><div class='profile-hover-card-target'><a href='/@x'>{s['name']}"
        f"</a></div><div class='pencraft pc-reset color-pub-secondary-text'>{s['wpdate']}</div></div></div></div>"
        f"<div class='available-content'><div class='body markup' dir='auto'>{body_html(s)}</div></div>"
        f"<div class='subscription-widget-wrap'><p>Subscribe</p></div><div class='post-footer'><a class='button'>Share</a>"
        f"<a class='button'>{s['leave']}</a></div></article></div>"
    )
    return art, {}


def t_news_multi(s):
    """A news CMS byline: several writers with roles, a published and an updated line, related stories after."""
    a2 = AND.get(s["lang"], ",")
    by = (
        f"<div class='byline'><span class='byline__by'>{s['by_cap']} </span><a class='byline__author' href='/people/a/'>"
        f"{s['name']}</a> <span class='byline__and'>{a2}</span> <a class='byline__author' href='/people/b/'>"
        f"{s['other']}</a></div>"
    )
    rel = "".join(
        f"<li><a href='/n{i}/'>{s['other']} {i}</a><time>{d}</time></li>" for i, d in enumerate(s["side_dates"])
    )
    art = (
        f"<main><article class='article'><header><div class='kicker'><a>Garden</a></div><h1 class='headline'>{s['title']}</h1>"
        f"{by}<div class='article-dates'><time class='timestamp' datetime='2024-03-04T10:30:00-05:00'>{s['published']} "
        f"{s['wpdate']}</time> <time class='timestamp--updated' datetime='2024-03-20T08:00:00-05:00'>{s['updated_lbl']} "
        f"{s['wpupd']}</time></div></header><div class='article-body'>{body_html(s)}</div></article>"
        f"<section class='related-stories'><h2>{s['related']}</h2><ul>{rel}</ul></section></main>"
    )
    return art, {"authors": [s["name"], s["other"]]}


def t_phpbb(s):
    """phpBB-like topic: the first post's author and date in "by <name> » <date>", a reply below."""
    posts = ""
    for i, (who, d) in enumerate(((s["name"], s["forum_date"]), (s["commenter"], s["forum_date"].replace("04", "05")))):
        text = body_html(s) if i == 0 else f"<p>{s['sent'][:40]}!</p>"
        posts += (
            f"<div id='p{i}' class='post has-profile bg{i + 1}'><div class='inner'><dl class='postprofile'><dt>"
            f"<a class='username'>{who}</a></dt><dd class='profile-rank'>Member</dd><dd><strong>Posts:</strong> 12</dd>"
            f"</dl><div class='postbody'><div><h3 class='first'><a href='#p{i}'>{'Re: ' if i else ''}{s['title']}</a></h3>"
            f"<p class='author'><span class='responsive-hide'>{s['forum_by']} <strong><a class='username'>{who}</a>"
            f"</strong> » </span>{d}</p><div class='content'>{text}</div></div></div></div></div>"
        )
    art = (
        f"<div id='page-body' class='page-body'><h2 class='topic-title'><a>{s['title']}</a></h2>"
        f"<div class='action-bar bar-top'><a class='button'>Post Reply</a></div>{posts}</div>"
    )
    return art, {"title_tag": f"{s['title']} - {s['site']}"}


def t_discourse(s):
    """Discourse's crawler view: microdata DiscussionForumPosting, the first post's creator and <time>."""
    posts = ""
    for i, who in enumerate((s["name"], s["commenter"])):
        text = body_html(s) if i == 0 else f"<p>{s['sent'][:40]}!</p>"
        dt = "2024-03-04T10:30:00Z" if i == 0 else "2024-03-20T09:00:00Z"
        posts += (
            f"<div id='post_{i + 1}' itemprop='{'' if i == 0 else 'comment'}' class='topic-body crawler-post'>"
            f"<div class='crawler-post-meta'><span class='creator' itemprop='author' itemscope "
            f"itemtype='http://schema.org/Person'><a itemprop='url' href='/u/x{i}'><span itemprop='name'>{who}</span></a>"
            f"</span><span class='crawler-post-infos'><time itemprop='datePublished' datetime='{dt}' class='post-time'>"
            f"{s['wpdate'] if i == 0 else s['wpupd']}</time></span></div><div class='post' itemprop='text'>{text}</div></div>"
        )
    art = (
        f"<div id='main-outlet' class='wrap' role='main'><div id='topic-title'><h1><a href='{s['url']}'>{s['title']}</a>"
        f"</h1><div class='topic-category'><span class='category-name'>Garden</span></div></div>"
        f"<div itemscope itemtype='http://schema.org/DiscussionForumPosting'><meta itemprop='headline' content='{s['title']}'>"
        f"{posts}</div><div id='related-topics' class='more-topics__list'><h3>Related topics</h3><table><tr><td><a>"
        f"{s['other']} 1</a></td><td>12</td><td>Feb 2024</td></tr></table></div></div>"
    )
    return art, {}


TEMPLATES = [
    t_wp_footer_meta,
    t_wp_updated_first,
    t_wp_meta_above_title,
    t_wp_post_meta_list,
    t_wp_block_theme,
    t_ghost,
    t_drupal,
    t_drupal_olivero,
    t_joomla,
    t_blogger,
    t_hugo_papermod,
    t_jekyll,
    t_hugo_posted,
    t_medium_export,
    t_substack,
    t_news_multi,
    t_phpbb,
    t_discourse,
]


def author_info(s):
    like, pub_by, view_all, _ = MORE[s["lang"]]
    return (
        f"<div class='author-info'><div class='author-avatar'><img alt='' src='/av.jpg'></div><div class='author-description'>"
        f"<h2 class='author-title'><span class='author-heading'>{pub_by}</span> {s['name']}</h2><p class='author-bio'>"
        f"{s['sent'][:50]}. <a class='author-link' href='/author/x/' rel='author'>{view_all.format(a=s['name'])}</a></p></div></div>"
    )


def t_wp_jetpack(s):
    """Jetpack's share, like and related-posts blocks inside the entry-content, then the theme's author box."""
    like = MORE[s["lang"]][0]
    rel = "".join(
        f"<div class='jp-relatedposts-post'><h4 class='jp-relatedposts-post-title'><a>{s['other']} {i}</a></h4>"
        f"<p class='jp-relatedposts-post-date'>{d}</p></div>"
        for i, d in enumerate(s["side_dates"])
    )
    art = (
        f"<main id='main'><article class='post'><header class='entry-header'><h1 class='entry-title'>{s['title']}</h1>"
        f"</header><div class='entry-content'>{body_html(s)}{share(s)}<div class='sharedaddy sd-block sd-like "
        f"jetpack-likes-widget-wrapper'><h3 class='sd-title'>{like}</h3><div class='likes-widget-placeholder "
        f"post-likes-widget-placeholder'><span class='button'><span>Like</span></span> <span class='loading'>Loading...</span>"
        f"</div></div><div id='jp-relatedposts' class='jp-relatedposts'><h3 class='jp-relatedposts-headline'><em>"
        f"{s['related']}</em></h3><div class='jp-relatedposts-items'>{rel}</div></div></div>{author_info(s)}"
        f"<footer class='entry-footer'>{wp_posted(s, updated=False)}</footer></article>{post_nav(s)}{wp_comments(s)}</main>"
        f"{sidebar(s)}"
    )
    return art, {}


def t_wp_twentyten(s):
    """Twenty Ten-like: "Posted on <date> by <author>" with no <time>, the closing "This entry was posted in …" line."""
    util = MORE[s["lang"]][3].format(c="<a rel='category tag'>Garden</a>", t="<a rel='tag'>roses</a>")
    art = (
        f"<div id='container'><div id='content' role='main'><div id='nav-above' class='navigation'><div class='nav-previous'>"
        f"<a rel='prev'><span class='meta-nav'>←</span> {s['other']} 1</a></div></div><div class='post hentry'>"
        f"<h1 class='entry-title'>{s['title']}</h1><div class='entry-meta'><span class='meta-prep meta-prep-author'>"
        f"{s['posted_on']}</span> <a href='{s['url']}' rel='bookmark'><span class='entry-date'>{s['wpdate']}</span></a> "
        f"<span class='meta-sep'>{s['by']}</span> <span class='author vcard'><a class='url fn n' href='/author/x/'>{s['name']}"
        f"</a></span></div><div class='entry-content'>{body_html(s)}</div>{author_info(s)}<div class='entry-utility'>{util}"
        f"</div></div><div id='nav-below' class='navigation'><div class='nav-previous'><a rel='prev'>← {s['other']} 1</a></div>"
        f"<div class='nav-next'><a rel='next'>{s['other']} 2 →</a></div></div>{wp_comments(s)}</div></div>"
        f"<div id='primary' class='widget-area'>{sidebar(s)}</div>"
    )
    return art, {}


def t_content_closing_lines(s):
    """Lines a post's own text closes with, written into the content by plugins: its tags, the post links."""
    art = (
        f"<main><article class='post'><h1 class='entry-title'>{s['title']}</h1><p class='byline'>{s['by_cap']} {s['name']}"
        f" · {s['wpdate']}</p><div class='entry-content'>{body_html(s)}<p class='post-tags'>{s['tags']} <a rel='tag'>roses"
        f"</a>, <a rel='tag'>garden</a></p><p class='post-nav'><a rel='prev'>← {s['prev']}</a> <a rel='next'>{s['next']} →"
        f"</a></p></div><section class='comments'><h2>{s['comments_n']}</h2></section></article></main>"
    )
    return art, {}


TEMPLATES += [t_wp_jetpack, t_wp_twentyten, t_content_closing_lines]


RELATED = {
    "en": "Related posts:", "fr": "Articles similaires :", "de": "Ähnliche Beiträge:", "it": "Articoli correlati:",
    "es": "Entradas relacionadas:", "pt": "Posts relacionados:", "nl": "Gerelateerde berichten:", "pl": "Podobne wpisy:",
    "ru": "Похожие записи:", "ja": "関連記事:", "zh": "相关文章：", "ko": "관련 글:", "sv": "Relaterade inlägg:",
    "tr": "İlgili yazılar:", "cs": "Související příspěvky:",
}  # fmt: skip


def t_content_related_list(s):
    """A related-posts plugin's list written into the content (a heading, links), then the share links as a plain
    list."""
    items = "".join(f"<li><a href='/r{i}/'>{s['other']} {i}</a></li>" for i in range(3))
    art = (
        f"<main><article class='post'><header><h1 class='entry-title'>{s['title']}</h1><div class='entry-meta'>"
        f"{wp_posted(s, updated=False)}</div></header><div class='entry-content'>{body_html(s)}"
        f"<div class='yarpp yarpp-related'><h3>{RELATED[s['lang']]}</h3><ol>{items}</ol></div>"
        f"<p>{s['share']}</p><ul><li><a href='https://x.com/share'>X</a></li><li><a href='https://facebook.com/share'>"
        f"Facebook</a></li></ul></div></article>{post_nav(s)}</main>"
    )
    return art, {}


def t_content_plain_tags(s):
    """The post's tags as a plain paragraph closing the content (a plugin's or an editor's), no class."""
    art = (
        f"<main><article class='post'><header><h1 class='entry-title'>{s['title']}</h1><div class='entry-meta'>"
        f"{wp_posted(s, updated=False)}</div></header><div class='entry-content'>{body_html(s)}"
        f"<p>{s['tags']} <a href='/tag/roses/'>roses</a>, <a href='/tag/garden/'>garden</a></p></div></article></main>"
    )
    return art, {}


TEMPLATES += [t_content_related_list, t_content_plain_tags]


def case(template: str, code: str) -> dict:
    """The page of ``template`` (a function's name here, without its "t_") in language ``code``, with what it must
    read: its html, url, title, authors, date (``YYYY-MM-DD``) and its body's first and last paragraphs."""
    fn = globals()[f"t_{template}"]
    n = TEMPLATES.index(fn) * len(STRINGS) + list(STRINGS).index(code)
    s = dict(STRINGS[code], lang=code, url=f"https://blog.example.org/2024/03/{template}-{code}/")
    main, over = fn(s)
    sd = n % 3  # structured data: none, an og:title, a JSON-LD graph without an Article
    if over.get("bare"):
        html = f"<!DOCTYPE html><html lang='{code}'>{head(s, sd)}<body>{main}</body></html>"
    else:
        html = page(s, sd, main, h1_site=over.get("h1_site", False), title_tag=over.get("title_tag"))
    p = paras(s)
    return {
        "html": html,
        "url": s["url"],
        "title": s["title"],
        "authors": over.get("authors", [s["name"]]),
        "date": over.get("date", "2024-03-04"),
        "first": p[0],
        "last": p[-1],
    }


def read_whole(xkey, template: str, code: str) -> None:
    """The page of ``template`` in ``code`` through the API: its title, authors and day, and a body that opens with the
    post's first paragraph and closes with its last (no tags line, share or like block, related posts, author box,
    post navigation or comments after it)."""
    c = case(template, code)
    data = extract_through_api(xkey, {"type": "article", "content": c["html"], "url": c["url"]})["data"]
    got = {"title": data.get("title"), "authors": data.get("authors"), "date": (data.get("publishedAt") or "")[:10]}
    assert got == {"title": c["title"], "authors": c["authors"], "date": c["date"]}
    text = " ".join((data.get("text") or "").split())
    assert text.startswith(" ".join(c["first"].split())), text[:200]
    assert text.endswith(" ".join(c["last"].split())), text[-300:]
