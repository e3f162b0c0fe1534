"""Text that is the same in every language: URLs, e-mail addresses, phone numbers, figures.

One definition for every stage.  The translation engine hides these spans
from the model, QA checks that they come through unchanged, and a segment
made of nothing else has *nothing to translate*: ``catalog update`` (and so
``translate``) enters it as its own reviewed translation instead of leaving
it for a translator to copy.

The patterns are bounded by ASCII on purpose.  Python's ``\\w`` matches
Chinese characters, so a pattern written with it reads
``请联系press@example.com或访问`` as the address ``请联系press@example.com或访问``;
URLs and addresses in a press release are ASCII (an internationalised domain
is written in its ``xn--`` form), and whatever surrounds them is not part of
them.
"""

from __future__ import annotations

import re

#: ``https://…``, ``http://…`` or ``www.…``; RFC 3986 characters only, and not
#: ending in punctuation that closes the sentence around it ("… at www.bmw.com.").
URL = re.compile(r"(?<![A-Za-z0-9.@-])(?:https?://|www\.)"
                 r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]*[A-Za-z0-9\-_~/#=&+%]")
#: ``press@example.com``: an ASCII local part, ``@``, and a dotted ASCII domain.
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
                   r"(?![A-Za-z0-9-])")
#: A figure or a phone number: digits with the separators either uses
#: (``142.38``, ``2025``, ``17.1%``, ``+49 89 382-0``, ``(010) 8455 7000``).
FIGURE = re.compile(r"[+(]?\d(?:[\d\s().,/+-]*\d)?%?\)?")


def nothing_to_translate(text: str) -> bool:
    """Whether ``text`` is only URLs, e-mail addresses, phone numbers and figures.

    Such a segment reads the same in every language, so its translation is
    itself.  Punctuation and spaces between them are allowed ("+86 10 8455
    7000 / press@example.com"); one letter or ideograph left over is a word
    for a translator, and a segment with none of these spans at all (``###``,
    a dash) is not covered, since its translation may differ.
    """
    rest, found = text, False
    for pattern in (URL, EMAIL, FIGURE):
        rest, count = pattern.subn(" ", rest)
        found = found or count > 0
    return found and not any(c.isalnum() for c in rest)
