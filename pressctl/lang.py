"""Language codes: the one place that says what ``zh-CN`` means to pressctl.

Config, catalogs, Argos packages and CLDR spell the same language several
ways (``zh``, ``zh-CN``, ``zh_Hans_CN``; Argos uses ``zt`` for Traditional
Chinese).  Every stage compares languages through these helpers so a catalog
found by one stage is found by the next.
"""

from __future__ import annotations

#: Languages written without spaces between words and with full-width
#: punctuation (Korean uses spaces and ASCII punctuation, so it is not here).
UNSPACED = frozenset({"zh", "zt", "ja"})
#: Languages that count in myriads (万, 亿; 萬, 億; 만, 억): CLDR's short
#: compact forms are the words a reader expects for large figures.
MYRIADS = frozenset({"zh", "zt", "ja", "ko"})


def base_lang(code: str) -> str:
    """``zh-CN``, ``zh_Hans_CN`` and ``ZH`` all mean ``zh``."""
    return code.replace("_", "-").split("-")[0].strip().lower()


def is_unspaced(lang: str) -> bool:
    """Whether sentences in ``lang`` run without spaces and end with 。！？."""
    return base_lang(lang) in UNSPACED


def counts_in_myriads(lang: str) -> bool:
    """Whether ``lang`` (a code or a CLDR locale such as ``zh_Hans_CN``) says 1423.8亿."""
    return base_lang(lang) in MYRIADS
