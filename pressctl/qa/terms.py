"""The glossary terms that apply to one target language.

Loading and orienting the glossary is :mod:`pressctl.catalogs.glossary`'s job (the
translation engine uses the same terms); this adapter only turns them into
the checks' :class:`~pressctl.qa.base.Term` and is the one place to change if
that API moves.
"""

from __future__ import annotations

from pressctl.core.settings import Config
from pressctl.qa.base import Term


def load_terms(config: Config, lang: str, *, source_lang: str | None = None) -> tuple[Term, ...]:
    """Glossary terms for translating ``source_lang`` (the release's language; by default the
    project's) into ``lang``, the CSV reversed where needed (华为 → Huawei); none without one."""
    from pressctl.catalogs import glossary

    if not config.target_languages:
        return ()
    loaded = glossary.load(config.glossary_path, source_lang=config.source_lang,
                           target_lang=config.target_languages[0])
    return tuple(Term(t.source, t.target)
                 for t in loaded.direction(source_lang or config.source_lang, lang))
