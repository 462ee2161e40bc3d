"""Light and private, measured in the browser: every page under 100 KB with all it loads,
nothing asked of any other site, and no script needed (none inline, where CSP forbids it)."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from ..conftest import CAF_FORM
from .conftest import ARTIFACTS, every_state, ui_languages

BUDGET = 100 * 1024  # bytes on the wire for a page and every file it loads


@pytest.mark.parametrize("language", ui_languages())
def test_every_page_weighs_under_100_kb_and_asks_nothing_of_other_sites(context, traffic, live_server,
                                                                        language):
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # count the stylesheet every time
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))

    weights: dict[str, int] = {}
    for state in every_state(page, live_server, language, CAF_FORM):
        page.wait_for_load_state("load")
        loaded, finished[:] = list(finished), []
        documents = [i for i, r in enumerate(loaded) if r.resource_type == "document"]
        if not documents:
            continue  # opening a <details> loads nothing
        # The page as shown (after a language switch, say) and every file it loaded.
        weights[state] = sum(r.sizes()["responseBodySize"] + r.sizes()["responseHeadersSize"]
                             for r in loaded[documents[-1]:])
        assert page.locator("script:not([src])").count() == 0, f"{state}: inline script"
        for src in page.locator("script[src]").evaluate_all("s => s.map(e => e.src)"):
            assert urlsplit(src).path.startswith("/static/"), f"{state}: script {src}"

    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"page-weights-{language}.json").write_text(json.dumps(weights, indent=1))
    assert len(weights) == 8, weights
    heavy = {state: size for state, size in weights.items() if size >= BUDGET}
    assert not heavy, f"over {BUDGET} bytes: {heavy}"
    origin = urlsplit(live_server)
    assert traffic.requests and all(urlsplit(u).netloc == origin.netloc for u in traffic.requests)
    assert traffic.outside == []
