"""Build step for ``pip install .``: put the web pages' files inside the ``web`` package.

In a checkout, ``templates/``, ``static/`` and ``translations/`` sit at the top of the project
(web/__init__.py finds them there). A wheel carries them inside ``web/``: the templates and the
stylesheet copied, and the interface catalogs compiled from their ``.po`` source (the ``.mo``
files Flask-Babel reads are built, never committed).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from setuptools.command.build_py import build_py

COPIED = ("templates", "static")


class BuildWithCatalogs(build_py):
    def run(self) -> None:
        super().run()
        web = Path(self.build_lib) / "web"
        for folder in COPIED:
            shutil.copytree(folder, web / folder, dirs_exist_ok=True)
        for po in sorted(Path("translations").glob("*/LC_MESSAGES/messages.po")):
            target = web / po.parent / "messages.mo"
            target.parent.mkdir(parents=True, exist_ok=True)
            with po.open("rb") as source:
                catalog = read_po(source, locale=po.parts[1])
            with target.open("wb") as out:
                write_mo(out, catalog)
