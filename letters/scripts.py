"""Which writing system a text is in, so the packet page can warn that a French body will read
the person's own words as they typed them.

Read from Unicode's character names ("ARABIC LETTER BEH" is Arabic): no language detection,
no word lists. Latin letters (French, Spanish, English…) give no warning here.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

# The first word of a letter's Unicode name -> the script id the interface names.
SCRIPTS = {
    "ARABIC": "arabic", "CYRILLIC": "cyrillic", "HEBREW": "hebrew", "GREEK": "greek",
    "CJK": "chinese", "HIRAGANA": "japanese", "KATAKANA": "japanese", "HANGUL": "korean",
    "TIFINAGH": "tifinagh", "DEVANAGARI": "devanagari", "BENGALI": "bengali", "TAMIL": "tamil",
    "THAI": "thai", "ARMENIAN": "armenian", "GEORGIAN": "georgian", "ETHIOPIC": "ethiopic",
}
SHARE = 0.25  # a name or a word in another script inside a French story is no reason to warn


def foreign_script(text: str) -> str | None:
    """The main non-Latin script of ``text``, when at least a quarter of its letters are in it;
    ``"other"`` for a script not in ``SCRIPTS``; None for a text in Latin letters.

    >>> foreign_script("La CAF me réclame 2 340 euros."), foreign_script("")
    (None, None)
    >>> foreign_script("طلبت مني الكاف إرجاع 2340 يورو")
    'arabic'
    >>> foreign_script("J'ai écrit à la CAF de Bordeaux, M. Саша m'a répondu.")
    >>> foreign_script("Мне пришло письмо")
    'cyrillic'
    """
    counts: Counter[str] = Counter()
    for char in text:
        if char.isalpha():
            first = unicodedata.name(char, "?").split(" ")[0]
            counts["latin" if first == "LATIN" else SCRIPTS.get(first, "other")] += 1
    total = sum(counts.values())
    counts.pop("latin", None)
    if not counts:
        return None
    script, letters = counts.most_common(1)[0]
    return script if letters >= SHARE * total else None
