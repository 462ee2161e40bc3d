"""The interface in French, English, Arabic and Spanish; the letters always in French.

Language comes from an explicit choice (link or switcher button), then the cookie that keeps
it, then Accept-Language, then French. Every page says its lang and dir. Switching keeps
everything typed, without JavaScript.
"""

from __future__ import annotations

import html
import io
import re
import zipfile

import pytest

from .conftest import CAF_FORM, token_of

LANGS = {"fr": "Décrire la décision", "en": "Describe the decision",
         "ar": "صِف القرار", "es": "Describir la decisión"}


def root_tag(page) -> str:
    return re.search(r"<html[^>]*>", page.text).group(0)


def hidden_case(page) -> str:
    return html.unescape(re.search(r'name="case" value="([^"]+)"', page.text).group(1))


@pytest.mark.parametrize(("lang", "title"), LANGS.items())
def test_accept_language_picks_the_interface_language(client, lang, title):
    page = client.get("/", headers={"Accept-Language": f"{lang};q=0.9, de;q=0.5"})
    assert root_tag(page) == f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">'
    assert f"<h1>{title}</h1>" in page.text


def test_a_regional_variant_and_an_unknown_language_are_handled(client):
    assert 'lang="en"' in root_tag(client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}))
    assert 'lang="fr"' in root_tag(client.get("/", headers={"Accept-Language": "de-DE"}))
    assert 'lang="fr"' in root_tag(client.get("/?lang=xx"))


def test_a_link_choice_wins_and_is_remembered_in_a_cookie_holding_only_the_code(client):
    page = client.get("/?lang=es", headers={"Accept-Language": "en"})
    assert 'lang="es"' in root_tag(page)
    cookie = next(c for c in page.headers.getlist("Set-Cookie") if c.startswith("recours_lang="))
    assert cookie.split(";")[0] == "recours_lang=es"
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    again = client.get("/", headers={"Accept-Language": "en"})
    assert 'lang="es"' in root_tag(again)
    assert not any(c.startswith("recours_lang=") for c in again.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("path", ["/", "/glossaire", "/nulle-part"])
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_sets_lang_and_dir_and_offers_the_other_languages(client, path, lang):
    page = client.get(f"{path}?lang={lang}")
    assert root_tag(page) == f'<html lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">'
    assert 'aria-current="true"' in page.text
    for other in set(LANGS) - {lang}:
        assert f'lang="{other}"' in page.text  # each language named in itself


def test_the_form_switcher_keeps_everything_typed(browser, client):
    token = browser.token()
    fields = {**CAF_FORM, "decision.description": "Mon récit <b>à moi</b>", "wants": ["contest", "documents"]}
    page = client.post("/langue", data={"csrf_token": token, **fields, "lang": "en"})
    assert page.status_code == 200
    assert root_tag(page) == '<html lang="en" dir="ltr">'
    assert "<h1>Describe the decision</h1>" in page.text
    assert 'value="Samia Benali"' in page.text
    assert "12 rue des Lilas\n33000 Bordeaux</textarea>" in page.text
    assert "Mon récit &lt;b&gt;à moi&lt;/b&gt;</textarea>" in page.text
    assert 'value="caf" selected' in page.text
    assert 'value="contest" checked' in page.text and 'value="documents" checked' in page.text
    assert 'value="explanation" checked' not in page.text
    assert "error-summary" not in page.text  # switching validates nothing
    cookies = page.headers.getlist("Set-Cookie")
    assert cookies and "recours_lang=en" in " ".join(cookies)


def test_the_switcher_buttons_belong_to_the_form_and_enter_still_submits_it(client):
    page = client.get("/?lang=fr").text
    first_submit = re.search(r'<button type="submit" form="describe"[^>]*>', page).group(0)
    assert "formaction" not in first_submit  # Enter presses this one: it prepares the letters
    switch = re.findall(r'<button type="submit" form="describe" formaction="/langue"[^>]*value="(\w+)"', page)
    assert sorted(switch) == ["ar", "en", "es"]


def test_english_interface_shows_the_french_letters_and_an_english_courtesy_copy(browser, client):
    token = browser.token()
    page = client.post("/", data={"csrf_token": token, **CAF_FORM}, headers={"Accept-Language": "en"})
    assert page.status_code == 200
    text = page.text
    assert "<h1>Your letters</h1>" in text
    assert "The letters to send are in French" in text
    assert text.count("Courtesy translation – do not send.") == 2
    assert text.count('<article class="letter" lang="fr">') == 2
    assert text.count('<article class="letter" lang="en">') == 2
    assert "Appeal to the Amicable Appeals Board" in text
    assert '<ol class="steps" lang="en" dir="ltr">' in text and "Keep the post office receipt" in text
    courtesy = text[text.index('class="courtesy"'):]
    assert "Subject: Request for an explanation" in courtesy


def test_french_interface_has_no_courtesy_copy(browser):
    page = browser.submit(CAF_FORM)
    assert "courtoisie" not in page.text and 'lang="en"' not in page.text.split("<main", 1)[1].split(
        'class="languages"')[0]


def test_spanish_interface_has_no_copy_rather_than_one_in_another_language(browser, client):
    token = browser.token()
    page = client.post("/", data={"csrf_token": token, **CAF_FORM}, headers={"Accept-Language": "es"})
    assert "<h1>Sus cartas</h1>" in page.text
    assert 'class="courtesy"' not in page.text and '<article class="letter" lang="en">' not in page.text
    assert "Las cartas que hay que enviar están en francés" in page.text
    assert '<ol class="steps" lang="fr" dir="ltr">' in page.text  # the steps say they are French


def test_arabic_page_is_right_to_left_and_the_french_letter_stays_left_to_right(browser, client):
    token = browser.token()
    page = client.post("/", data={"csrf_token": token, **CAF_FORM}, headers={"Accept-Language": "ar"})
    assert root_tag(page) == '<html lang="ar" dir="rtl">'
    assert page.text.count('<div class="letter-preview" dir="ltr">') == 2


def test_the_packet_switcher_shows_the_same_packet_in_the_new_language(browser, client):
    first = browser.submit(CAF_FORM)
    page = client.post("/langue", data={"csrf_token": token_of(first), "case": hidden_case(first),
                                        "lang": "en"})
    assert page.status_code == 200
    assert "<h1>Your letters</h1>" in page.text and "Courtesy translation – do not send." in page.text
    assert hidden_case(page) == hidden_case(first)


def test_letter_downloads_stay_french_whatever_the_interface(browser, client):
    first = browser.submit(CAF_FORM)
    data = {"csrf_token": token_of(first), "case": hidden_case(first)}
    french = client.post("/telecharger", data={**data, "format": "txt", "letter": "recourse"})
    english = client.post("/telecharger", data={**data, "format": "txt", "letter": "recourse"},
                          headers={"Accept-Language": "en", "Cookie": "recours_lang=en"})
    assert english.data == french.data
    assert "Objet : Recours devant la commission de recours amiable" in english.data.decode()
    archive = client.post("/telecharger", data={**data, "format": "zip"}, headers={"Accept-Language": "ar"})
    names = zipfile.ZipFile(io.BytesIO(archive.data)).namelist()
    assert "02-recours-devant-la-commission-de-recours-amiable.docx" in names


def test_field_errors_are_translated_on_the_page_and_stay_french_in_the_api(browser, client):
    token = browser.token()
    fields = {**CAF_FORM, "person.name": "", "decision.date": "2031-01-01", "decision.amount": "-3"}
    page = client.post("/", data={"csrf_token": token, **fields}, headers={"Accept-Language": "en"})
    assert page.status_code == 422
    assert '<a href="#f-person-name">Your name is required.</a>' in page.text
    assert "The date of the decision is in the future: check it." in page.text
    assert "The amount cannot be negative." in page.text
    spanish = client.post("/", data={"csrf_token": token, **fields}, headers={"Accept-Language": "es"})
    assert "Su nombre: es obligatorio." in spanish.text
    api = client.post("/api/v1/letters", json={"person": {"name": ""}}, headers={"Accept-Language": "en"})
    messages = [e["message"] for e in api.get_json()["errors"]]
    assert "Votre nom est obligatoire." in messages


def test_the_expired_page_message_is_translated(client):
    page = client.post("/", data={**CAF_FORM, "csrf_token": "forged"}, headers={"Accept-Language": "en"})
    assert page.status_code == 400
    assert "The page has expired." in page.text and 'value="Samia Benali"' in page.text


def test_every_select_offers_i_dont_know(client):
    page = client.get("/").text
    selects = re.findall(r"<select .*?</select>", page, re.S)
    assert len(selects) >= 2
    for select in selects:
        assert "je ne sais pas" in select.lower(), select[:80]


def test_every_question_has_a_short_help_text(client):
    page = client.get("/").text
    questions = re.findall(r'<(?:select|fieldset class="field[^"]*")[^>]*>', page)
    assert len(questions) >= 8
    for tag in questions:
        described = re.search(r'aria-describedby="([^"]*)"', tag)
        helps = [x for x in (described.group(1).split() if described else []) if x.endswith("-help")]
        assert helps and f'id="{helps[0]}"' in page, tag


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_explains_every_term_in_every_language(client, lang):
    page = client.get(f"/glossaire?lang={lang}")
    assert page.status_code == 200
    terms = re.findall(r'<dt id="([\w-]+)">', page.text)
    for key in ("indu", "cra", "rapo", "lrar", "dpo", "cada", "cnil", "defenseur", "recours",
                "notification", "reexamen", "acces", "explication"):
        assert key in terms
    explanations = re.findall(r"<dd>(.*?)</dd>", page.text, re.S)
    assert len(explanations) == len(terms)
    assert all(20 < len(x.strip()) < 260 for x in explanations)  # one or two short sentences


def test_the_glossary_is_linked_from_the_form_and_the_packet_and_terms_open_inline(browser, client):
    form = client.get("/?lang=en").text
    assert 'href="/glossaire"' in form
    assert "<summary>What does “Indu, overpayment (trop-perçu)” mean?</summary>" in form
    packet = browser.submit(CAF_FORM).text  # the client keeps the English chosen above
    assert 'href="/glossaire"' in packet
    assert "What does “LRAR (registered letter with acknowledgement of receipt)” mean?" in packet


def test_the_timeline_switcher_keeps_the_case_and_shows_the_timeline_again(browser, client):
    first = browser.submit(CAF_FORM)
    data = {"csrf_token": token_of(first), "case": hidden_case(first)}
    timeline = client.post("/suivi", data=data)
    assert timeline.status_code == 200
    assert '<input type="hidden" name="page" value="timeline">' in timeline.text
    page = client.post("/langue", data={**data, "page": "timeline", "lang": "ar"})
    assert page.status_code == 200
    assert root_tag(page) == '<html lang="ar" dir="rtl">'
    assert "<h1>متابعة ملفك</h1>" in page.text
    assert hidden_case(page) == hidden_case(first)


def test_an_error_page_after_a_post_links_to_the_form_in_each_language(client):
    page = client.post("/telecharger", data={"csrf_token": "x", "case": "{"})
    assert page.status_code == 400
    assert 'href="/?lang=en"' in page.text and 'href="/telecharger?lang=en"' not in page.text


@pytest.mark.parametrize("path", ["/%5Cevil.example/x", "/%2F%2Fevil.example/x", "/\\\\evil.example",
                                  "//evil.example/x", "/glossaire/%5Cevil.example"])
def test_the_language_links_of_any_page_stay_on_this_site(client, path):
    """A link built from the path asked for would open another site: /\\evil.example/x is
    //evil.example/x to a browser."""
    page = client.get(path)
    links = re.findall(r'<a href="([^"]+)"[^>]*hreflang=', page.text)
    assert len(links) == 3, path
    for link in links:
        assert link.startswith("/") and link[1:2] not in ("/", "\\") and "evil" not in link, link


def test_the_language_links_of_a_page_keep_its_route_and_query(client):
    page = client.get("/glossaire?lang=en")
    links = re.findall(r'<a href="([^"]+)"[^>]*hreflang=', page.text)
    assert links == ["/glossaire?lang=fr", "/glossaire?lang=ar", "/glossaire?lang=es"]
