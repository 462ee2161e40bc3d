"""Reading a case document safely: bounded size and nesting, plain French errors, never an exception.

Every way a case comes in as raw bytes (the API, the command line, an uploaded case file)
goes through ``load_case_json`` before ``parse_case``::

    data, errors = load_case_json(raw)
    if errors:
        ...  # show them: each names the "(document)" and says what is wrong
    case, errors = parse_case(data, today=...)
"""

from __future__ import annotations

import json
import math
from typing import Any

from .case import FieldError

# A real case is a few kilobytes and three levels deep ({"decision": {"notified_deadline": {}}}).
MAX_CASE_BYTES = 256 * 1024
MAX_DEPTH = 10
FIELD = "(document)"


class _Refused(ValueError):
    """Raised from inside the JSON decoder's hooks with the message to show."""


def _no_constant(name: str) -> float:
    raise _Refused(f"Le document contient « {name} », qui n'est pas un nombre JSON valide.")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused("Le document contient un nombre beaucoup trop grand.")
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _Refused(f"La clé « {key[:40]} » apparaît deux fois dans le même objet.")
        out[key] = value
    return out


def _depth(data: Any) -> int:
    """Nesting depth of decoded JSON, without recursion (a scalar is 0, ``{}`` is 1)."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
        if children is None:
            continue
        deepest = max(deepest, level)
        stack.extend((child, level + 1) for child in children)
    return deepest


def load_case_json(raw: bytes | str, *, max_bytes: int = MAX_CASE_BYTES,
                   max_depth: int = MAX_DEPTH) -> tuple[Any, list[FieldError]]:
    """Decode ``raw`` as JSON: ``(data, [])``, or ``(None, [error])`` saying in French what is wrong.

    >>> load_case_json(b'{"person": {"name": "Samia"}}')
    ({'person': {'name': 'Samia'}}, [])
    >>> load_case_json(b"[" * 50 + b"]" * 50)[1][0].message
    'Le document est trop imbriqué : 10 niveaux au plus.'
    """
    size = len(raw.encode("utf-8", "surrogatepass")) if isinstance(raw, str) else len(raw)
    if size > max_bytes:
        return None, [FieldError(FIELD, f"Le document est trop volumineux : {max_bytes // 1024} Ko au plus "
                                        f"({(size + 1023) // 1024} Ko envoyés).")]
    if isinstance(raw, str):
        text = raw.removeprefix("\ufeff")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return None, [FieldError(FIELD, "Le document doit être du texte encodé en UTF-8.")]
    if not text.strip():
        return None, [FieldError(FIELD, "Le document est vide.")]
    try:
        data = json.loads(text, parse_constant=_no_constant, parse_float=_finite,
                          object_pairs_hook=_unique_keys)
    except _Refused as exc:
        return None, [FieldError(FIELD, str(exc))]
    except json.JSONDecodeError as exc:
        return None, [FieldError(FIELD, f"Le document n'est pas du JSON valide (ligne {exc.lineno}, "
                                        f"colonne {exc.colno}).")]
    except RecursionError:
        return None, [FieldError(FIELD, f"Le document est trop imbriqué : {max_depth} niveaux au plus.")]
    except ValueError:
        # Python refuses to read an integer of thousands of digits.
        return None, [FieldError(FIELD, "Le document contient un nombre beaucoup trop long.")]
    if _depth(data) > max_depth:
        return None, [FieldError(FIELD, f"Le document est trop imbriqué : {max_depth} niveaux au plus.")]
    return data, []
