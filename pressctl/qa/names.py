"""Names a release keeps in Latin letters in every language: its organisation and its people.

"Example Energy, Inc." stays "Example Energy, Inc." in a Chinese translation,
and so does "Anna Berg" in a quotation's attribution or a press contact,
when the release does not give them a Chinese form (a glossary row would).
Such a name is right where it stands, with its own capitals and punctuation,
even at the start of a sentence where the leftover check would take
"Example" for an English word left behind; the checks blank it out
(:func:`pressctl.qa.text.mask`).  Only what the release itself declares is
taken: the organisation (front matter, or the project's configuration) and
the name before the first comma of a speaker's attribution or a contact line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pressctl.source.release import Release

#: A person's name as it heads an attribution or a contact line: two to five words,
#: each capitalised (particles such as "van", "de" or "bin" aside), no figures.
_PERSON = re.compile(r"^[A-Z][A-Za-z\u00c0-\u024f'’.-]*"
                     r"(?: (?:[a-z]{1,3} )*[A-Z][A-Za-z\u00c0-\u024f'’.-]*){1,4}$")
_LATIN = re.compile(r"[A-Za-z]")
_WORD = re.compile(r"[A-Z][A-Za-z\u00c0-\u024f'’-]+")
_FIRST_PIECE = re.compile(r"[,，、;；(（]")


def _person(line: str, alone: bool) -> str | None:
    """The name heading ``line`` ("Anna Berg, Head of Communications"), if it is one;
    a line of only capitalised words ("Media Relations") counts only if ``alone``."""
    pieces = _FIRST_PIECE.split(line.strip().lstrip("—–- "), maxsplit=1)
    head = pieces[0].strip()
    if not alone and len(pieces) == 1:
        return None
    return head if _PERSON.match(head) else None


#: First words that do not name an organisation alone ("The Example Group").
_GENERIC = frozenset({"The", "A", "An", "New", "First", "General", "National", "United",
                      "International", "Global", "China", "Group"})


def _organisation(name: str) -> list[str]:
    """The organisation as written, without its legal form ("Example Energy") and by its
    first word, as a release calls it in later sentences ("Halvard will publish …" from
    "Halvard Instruments"), unless that word is generic ("The", "National")."""
    name = " ".join(name.split())
    if not _LATIN.search(name):
        return []
    short = _FIRST_PIECE.split(name, maxsplit=1)[0].strip()
    found = [name, short] if short and short != name else [name]
    words = short.split()
    if len(words) > 1 and len(words[0]) > 2 and words[0] not in _GENERIC and \
            _WORD.fullmatch(words[0]):
        found.append(words[0])
    return found


def kept_names(organisations: Iterable[str], speakers: Iterable[str] = (),
               contacts: Iterable[str] = ()) -> tuple[str, ...]:
    """The Latin-script names among ``organisations`` and heading ``speakers``' attributions
    and ``contacts`` lines (a contact's name is followed by a role or an address)."""
    found: list[str] = []
    for organisation in organisations:
        found.extend(_organisation(organisation or ""))
    people = [(line, True) for line in speakers] + [(line, False) for line in contacts]
    for line, alone in people:
        person = _person(line or "", alone)
        if person:
            found.append(person)
    return tuple(dict.fromkeys(found))


def release_names(release: Release, organisation: str = "") -> tuple[str, ...]:
    """The names ``release`` keeps in Latin letters (``organisation``: the project's)."""
    speakers = [block.speaker or "" for block in release.blocks if block.speaker]
    return kept_names((release.organisation, organisation), speakers, release.contact)
