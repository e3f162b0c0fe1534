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


def base_lang(code: str) -> str:
    """``zh-CN``, ``zh_Hans_CN`` and ``ZH`` all mean ``zh``."""
    return code.replace("_", "-").split("-")[0].strip().lower()


def is_unspaced(lang: str) -> bool:
    """Whether sentences in ``lang`` run without spaces and end with 。！？."""
    return base_lang(lang) in UNSPACED
