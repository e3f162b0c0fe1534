"""The web edition: one static, self-contained HTML5 page per release and language.

``edition.render(kit, path)`` writes the page (and its social card beside it);
``page`` composes the document, ``markup`` is the one home of escaping and of
inline markup, ``assets`` makes the pictures, the chart and the card.  The
e-mail edition (:mod:`pressctl.render.email`) reuses the article.
"""
