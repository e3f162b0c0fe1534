"""What a build reads from a catalog, as a hash: the catalogs' part of the input keys.

Its own module because a build with nothing to do asks it for every catalog and
finds each answer in the cache: it then needs neither polib nor the catalog
checks of :mod:`pressctl.catalogs.catalog`, which are imported on a miss only.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from pressctl.core.atomic import remembered_hash
from pressctl.core.inputs import file_hash

#: Translator comments that change what a build does: a QA waiver (``# qa-ignore: units``).
_READ_COMMENT = re.compile(r"^\s*qa-ignore:.*$", re.MULTILINE)


def reading_hash(path: Path) -> str:
    """A hash of what the kits and the QA gate read from a catalog, or "-" for no file.

    Translations, contexts, flags (fuzzy, formats), QA waivers and the source
    language; not the rest of the comments, the references, the wrapping, the
    header order or an editor's headers.  A translator's comment-only edit then
    leaves ``build --check`` content.  Remembered per file content in the cache
    (``catalogs/``), so a build with nothing to do parses no catalog twice.
    """
    raw = file_hash(path)
    if raw == "-":
        return raw
    return remembered_hash("catalogs", raw, lambda: _read(path))


def _read(path: Path) -> str:
    from pressctl.catalogs.catalog import load, source_language

    po = load(path)
    digest = hashlib.sha256(source_language(po, "").encode())
    for entry in po:
        fields = (entry.msgctxt or "", entry.msgid, entry.msgstr,
                  repr(sorted(entry.msgstr_plural.items())), " ".join(sorted(entry.flags)),
                  " ".join(_READ_COMMENT.findall(entry.tcomment or "")),
                  "obsolete" if entry.obsolete else "")
        digest.update(("\0".join(fields) + "\1").encode())
    return digest.hexdigest()
