"""Every web route, fuzzed: whatever a page, a script or an attacker sends, never a server error.

The routes come from the app's URL map, so a route added later is fuzzed without touching
this file. Each example is one request: a method, a route, the form fields a page posts (the
case it carries as any JSON at all, or a valid case with parts replaced by anything, lone
surrogates included), a format, a letter, a language. A valid token is sent most of the time,
so the examples get past the CSRF check to the code that reads the case.
Bounded like the other property tests: a fixed number of examples, no deadline, no database.
"""

from __future__ import annotations

import json
import re

from hypothesis import HealthCheck, Phase, event, given, note, settings
from hypothesis import strategies as st

from letters.export import MIME
from web import create_app

from .conftest import CAF_FORM, TODAY, load_case_data, token_of
from .test_properties import BOUNDED, json_values, mutated, valid_cases, without_surrogates
from .test_properties import texts as any_texts

APP = create_app({"TESTING": True, "TODAY": TODAY, "RATE_LIMIT_POSTS": 0})
CLIENT = APP.test_client()
TOKEN = token_of(CLIENT.get("/"))
ROUTES = sorted((rule.rule, sorted(rule.methods - {"OPTIONS"})) for rule in APP.url_map.iter_rules())
EXAMPLE = load_case_data("caf-prime-activite-indu")
texts = any_texts.map(without_surrogates)  # what an HTTP client can send as form fields


def path_of(rule: str, draw) -> str:
    """The rule with each ``<argument>`` filled (a static file name, say)."""
    return re.sub(r"<[^>]+>", lambda _: draw(st.sampled_from(["recours.css", "../app.py", "x", "%5C"])),
                  rule)


# The case a page carries: what Recours wrote, something close to it, or anything at all, as
# JSON text escaped like a browser would send it (a lone surrogate as \udXXX).
carried = st.one_of(
    st.just(json.dumps(EXAMPLE)),
    st.just(json.dumps(EXAMPLE, ensure_ascii=False)),
    mutated(st.just(EXAMPLE)).map(json.dumps),
    mutated(st.just(EXAMPLE)).map(json.dumps),
    mutated().map(json.dumps),
    valid_cases.map(json.dumps),
    json_values.map(json.dumps),
    texts,
)
event_fields = st.fixed_dictionaries({}, optional={
    "event.kind": st.sampled_from(["sent", "received_ack", "answer", "extension", "x"]) | texts,
    "event.letter": st.sampled_from(["explanation", "recourse", "cada"]) | texts,
    "event.date": st.sampled_from(["2026-11-20", "2026-11-30", "1999-01-01", "2026-02-30"]) | texts,
    "event.answer": st.sampled_from(["partial", "full"]) | texts,
    "event.issues": st.lists(st.sampled_from(["no_score", "x"]) | texts, max_size=3),
    "event.proof": texts,
})
form_fields = st.dictionaries(st.sampled_from(sorted(CAF_FORM)), texts, max_size=4)
formats = st.sampled_from(["zip", "docx", "txt", "html", "ics", "json", "pdf", "x", ""])


@st.composite
def requests(draw):
    rule, methods = draw(st.sampled_from(ROUTES))
    own = st.sampled_from(methods)  # mostly the route's own methods, sometimes another
    method = draw(st.one_of(own, own, own, st.sampled_from(["GET", "POST", "PUT", "DELETE"])))
    fields: dict = {}
    token = draw(st.sampled_from([TOKEN, TOKEN, TOKEN, TOKEN, None, "forged"]))  # mostly the page's own
    if token:
        fields["csrf_token"] = token
    if draw(st.sampled_from([True, True, True, False])):
        fields["case"] = draw(carried)
    fields |= draw(form_fields) | draw(event_fields)
    fmt = draw(formats.filter(lambda f: f != "pdf") | formats)  # PDFs are slow: fewer of them
    if fmt:
        fields["format"] = fmt
    asked = (("letter", draw(st.sampled_from(["recourse", "explanation", "nope", ""]))),
             ("format", draw(formats)), ("lang", draw(st.sampled_from(["en", "ar", "xx", ""]))))
    query = {k: v for k, v in asked if v and draw(st.booleans())}
    for name in ("lang", "page"):
        if draw(st.booleans()):
            fields[name] = draw(st.sampled_from(["en", "ar", "timeline", "packet"]) | texts)
    json_body = rule.startswith("/api/") and draw(st.booleans())
    body = draw(carried | any_texts.map(lambda t: json.dumps({"person": {"name": t}}, ensure_ascii=False)))
    return method, path_of(rule, draw), query, fields, json_body, body


@settings(BOUNDED, max_examples=1500, suppress_health_check=list(HealthCheck),
          phases=[Phase.explicit, Phase.generate, Phase.shrink])
@given(requests())
def test_no_web_route_ever_answers_a_server_error(request):
    method, path, query, fields, json_body, body = request
    note(f"{method} {path} {query!r} {'JSON ' + repr(body) if json_body else repr(fields)}")
    if json_body:
        got = CLIENT.open(path, method=method, query_string=query, data=body.encode("utf-8", "surrogatepass"),
                          content_type="application/json")
    else:
        got = CLIENT.open(path, method=method, query_string=query, data=fields)
    event(f"{path.split('/')[1] or '/'} {got.status_code}")
    try:
        assert got.status_code < 500, (got.status_code, got.text[:300])
        assert got.mimetype in (*(m.split(";")[0] for m in MIME.values()), "text/css", "text/javascript")
        got.get_data()  # the whole answer can be sent: no text a page or a file cannot hold
    finally:
        got.close()  # a static file answer holds the file open
