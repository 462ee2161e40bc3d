"""The API's OpenAPI 3.1 description: the paths written by hand (``openapi-paths.json``), the
case's schema and the formats taken from the code, so the description cannot drift from it."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from letters import catalogue
from letters.case_schema import case_schema
from letters.export import PACKET_FILES, RENDERERS

PATHS = Path(__file__).with_name("openapi-paths.json")


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    """Built once; callers only read it."""
    doc: dict[str, Any] = json.loads(PATHS.read_text(encoding="utf-8"))
    doc["components"]["schemas"]["Case"] = case_schema()
    formats = ["json", *dict.fromkeys([*PACKET_FILES, *RENDERERS])]
    parameters = doc["paths"]["/api/v1/letters"]["post"]["parameters"]
    next(p for p in parameters if p["name"] == "format")["schema"]["enum"] = formats
    next(p for p in parameters if p["name"] == "letter")["schema"]["enum"] = sorted(catalogue.kinds())
    return doc
