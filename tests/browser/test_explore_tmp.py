from .conftest import run_axe, explain, screenshot
from ..conftest import CAF_FORM

def test_explore(page, live_server, axe_source):
    page.goto(live_server + "/")
    print("FORM", explain(run_axe(page, axe_source)))
    screenshot(page, "x-form-1280")
    page.set_viewport_size({"width": 360, "height": 800})
    screenshot(page, "x-form-360")
    page.get_by_role("button", name="Préparer mes lettres").click()
    print("ERR", explain(run_axe(page, axe_source)))
    print("focus", page.evaluate("document.activeElement.id"))
    screenshot(page, "x-err-360")
    for k, v in CAF_FORM.items():
        if k in ("organisation.kind", "decision.benefit"):
            page.select_option(f"[name='{k}']", v)
        elif k == "wants":
            continue
        elif k in ("decision.automation",):
            page.check(f"[name='{k}'][value='{v}']")
        elif k == "decision.kind":
            page.check(f"[name='{k}'][value='{v}']")
        else:
            page.fill(f"[name='{k}']", v)
    page.get_by_role("button", name="Préparer mes lettres").click()
    print(page.title())
    print("PACKET", explain(run_axe(page, axe_source)))
    screenshot(page, "x-packet-360")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "x-packet-1280")
