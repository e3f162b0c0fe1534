"""Language codes: the one place that says what ``zh-Hant-TW`` means to pressctl.

A project names its languages with BCP 47 tags: ``en``, ``zh`` (= ``zh-Hans``,
mainland Simplified), ``zh-Hant-TW`` and ``zh-Hant-HK`` (Traditional for
Taiwan and Hong Kong).  Catalog folders, CLDR, Argos, Word and fontconfig
spell the same language other ways (``zh_Hant_TW``, ``zt``, ``zh-TW``,
``Noto Sans CJK TC``); every stage goes through :data:`LANGUAGES` here, so a
catalog found by one stage is found by the next.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Babel is imported where a locale is parsed
    from babel.core import Locale

#: Languages written without spaces between words and with full-width
#: punctuation (Korean uses spaces and ASCII punctuation, so it is not here).
UNSPACED = frozenset({"zh", "zt", "ja"})
#: Languages that count in myriads (万, 亿; 萬, 億; 만, 억): CLDR's short
#: compact forms are the words a reader expects for large figures.
MYRIADS = frozenset({"zh", "zt", "ja", "ko"})


@dataclass(frozen=True)
class Language:
    """How one configured language is spelt by each tool pressctl talks to."""

    tag: str  # BCP 47, as written in config, --lang/--to, file names and the manifest
    folder: str  # gettext/Babel catalog folder: locales/<folder>/LC_MESSAGES
    locale: str  # CLDR locale for dates and numbers (Babel)
    doc_tag: str  # document metadata, DOCX w:lang / w:eastAsia
    argos: str  # Argos Translate's code ("zt" is Traditional Chinese)
    font: str = ""  # fontconfig family of the default face ("" for the Latin default)
    opencc: str = ""  # OpenCC configuration drafting this language from Simplified Chinese
    quotes: str = "“”‘’"  # the regional double and single quotes, open/close


LANGUAGES: dict[str, Language] = {lang.tag: lang for lang in (
    Language("en", "en", "en_GB", "en-GB", "en"),
    Language("zh", "zh", "zh_Hans_CN", "zh-CN", "zh", "Noto Sans CJK SC"),
    # Taiwan's official punctuation standard and Hong Kong's press both use 「」『』.
    Language("zh-Hant-TW", "zh_Hant_TW", "zh_Hant_TW", "zh-TW", "zt", "Noto Sans CJK TC",
             "s2twp", "「」『』"),
    Language("zh-Hant-HK", "zh_Hant_HK", "zh_Hant_HK", "zh-HK", "zt", "Noto Sans CJK HK",
             "s2hk", "「」『』"),
)}
#: Other spellings of the same languages (a folder, a Word tag, a CLDR locale).
ALIASES = {"zh-hans": "zh", "zh-cn": "zh", "zh-hans-cn": "zh", "zh-sg": "zh",
           "zh-hant": "zh-Hant-TW", "zh-tw": "zh-Hant-TW", "zh-hant-tw": "zh-Hant-TW",
           "zh-hk": "zh-Hant-HK", "zh-hant-hk": "zh-Hant-HK", "zh-mo": "zh-Hant-HK",
           "zh-hant-mo": "zh-Hant-HK", "zt": "zh-Hant-TW"}


def base_lang(code: str) -> str:
    """``zh-CN``, ``zh_Hant_TW`` and ``ZH`` all mean ``zh``: the language, not the variant."""
    return code.replace("_", "-").split("-")[0].strip().lower()


def canonical(code: str) -> str:
    """The project tag for any spelling: ``zh_Hant_TW``/``zh-TW`` → ``zh-Hant-TW``,
    ``zh-CN``/``zh_Hans`` → ``zh``, ``en-GB`` → ``en``; unknown tags keep their base.

    Unlike :func:`base_lang` this keeps Simplified and Traditional apart, which
    is what memory, glossary and catalog folders must do.
    """
    key = code.replace("_", "-").strip().lower()
    if key in ALIASES:
        return ALIASES[key]
    for tag in LANGUAGES:
        if tag.lower() == key:
            return tag
    return base_lang(code)


def language(code: str) -> Language:
    """The spellings of ``code``; a language pressctl has no table for (``de``, ``en-US``)
    is spelt as written everywhere, as before tags had a table."""
    raw = code.strip()
    key = raw.replace("_", "-").lower()
    tag = ALIASES.get(key) or next((t for t in LANGUAGES if t.lower() == key), None)
    if tag is not None:
        return LANGUAGES[tag]
    return Language(raw, raw.replace("-", "_"), raw.replace("-", "_"), raw, base_lang(raw))


def folder(code: str) -> str:
    """The catalog folder name: ``zh-Hant-TW`` → ``zh_Hant_TW`` (gettext/Babel form)."""
    return language(code).folder


def is_traditional(code: str) -> bool:
    """Whether ``code`` is a Traditional Chinese variant (drafted from Simplified by OpenCC)."""
    return bool(language(code).opencc)


def is_unspaced(lang: str) -> bool:
    """Whether sentences in ``lang`` run without spaces and end with 。！？."""
    return base_lang(lang) in UNSPACED


def counts_in_myriads(lang: str) -> bool:
    """Whether ``lang`` (a code or a CLDR locale such as ``zh_Hans_CN``) says 1423.8亿."""
    return base_lang(lang) in MYRIADS


#: The East Asian language (DOCX ``w:eastAsia``) of a document in a Latin-script
#: language, so a stray Chinese name gets a CJK font and CJK rules: Simplified Chinese.
EAST_ASIAN_DEFAULT = LANGUAGES["zh"].doc_tag


def cldr_locale(name: str) -> Locale | None:
    """Babel's Locale for a tag or a CLDR locale (``zh-Hant-TW``, ``zh_Hant_TW``, ``en``);
    None when CLDR does not know it.  The one parser of locale names: every stage asks
    here rather than spelling ``Locale.parse(name.replace("-", "_"))`` again."""
    from babel.core import Locale, UnknownLocaleError

    try:
        return Locale.parse(name.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        return None
