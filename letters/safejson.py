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
import re
from typing import Any

from .case import FieldError

# A real case is a few kilobytes and three levels deep ({"decision": {"notified_deadline": {}}}).
MAX_CASE_BYTES = 256 * 1024
MAX_DEPTH = 10
FIELD = "(document)"


# A surrogate, written as itself or as a JSON escape ("\\ud800"): the only way text that no
# UTF-8 page or file can hold gets into a document Python decodes.
_MAY_HOLD_SURROGATES = re.compile(r"[\ud800-\udfff]|\\u[dD][89abcdefABCDEF]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


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


def _without_lone_surrogates(data: Any) -> Any:
    """``data`` with every lone surrogate dropped from its strings and keys, without recursion.

    A pair of escapes (an emoji, "\\ud83d\\ude00") decodes to one character and stays.
    """
    def clean(value: Any) -> Any:
        return _LONE_SURROGATE.sub("", value) if isinstance(value, str) else value

    root: list[Any] = [clean(data)]
    stack: list[Any] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            for i, value in enumerate(node):
                node[i] = clean(value)
                stack.append(node[i])
        elif isinstance(node, dict):
            items = [(clean(k), clean(v)) for k, v in node.items()]
            node.clear()
            node.update(items)  # two keys that differed by a surrogate only: the last one stays
            stack.extend(node.values())
    return root[0]


def load_case_json(raw: bytes | str, *, max_bytes: int = MAX_CASE_BYTES,
                   max_depth: int = MAX_DEPTH) -> tuple[Any, list[FieldError]]:
    """Decode ``raw`` as JSON: ``(data, [])``, or ``(None, [error])`` saying in French what is wrong.

    >>> load_case_json(b'{"person": {"name": "Samia"}}')
    ({'person': {'name': 'Samia'}}, [])
    >>> load_case_json(b"[" * 50 + b"]" * 50)[1][0].message
    'Le document est trop imbriqué : 10 niveaux au plus.'
    >>> load_case_json(r'{"name": "Sam\\ud800ia \\ud83d\\ude00"}')
    ({'name': 'Samia 😀'}, [])
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
    if _MAY_HOLD_SURROGATES.search(text):
        # No page, file or letter can hold a lone surrogate: dropped here, where every case
        # document is read, so none can reach a page that shows the case again.
        data = _without_lone_surrogates(data)
    return data, []
