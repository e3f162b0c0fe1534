"""Status: entries nobody has translated, and entries nobody has reviewed.

A fuzzy entry is a machine translation or an old translation carried over to
a changed sentence; the build never publishes it, so a release with one is
not ready.  A segment of the seed missing from the catalog (``pressctl catalog
update`` not run since the seed changed) is as untranslated as an empty one.
"""

from __future__ import annotations

import polib

from pressctl.qa.base import Finding

UNTRANSLATED = "untranslated"
FUZZY = "fuzzy"


def check(entry: polib.POEntry) -> list[Finding]:
    if entry.obsolete:
        return []
    if not entry.msgstr:
        return [Finding(UNTRANSLATED, "not translated", entry.msgid)]
    if "fuzzy" in entry.flags:
        why = "changed source sentence" if entry.previous_msgid else "unreviewed translation"
        return [Finding(FUZZY, f"fuzzy ({why}): review it and remove the fuzzy flag",
                        entry.msgstr)]
    return []


def missing(msgid: str) -> Finding:
    """A segment of the seed that has no entry in the catalog at all."""
    return Finding(UNTRANSLATED, "not in the catalog; run 'pressctl catalog update'", msgid)
