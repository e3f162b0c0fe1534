"""pressctl: multilingual press kits from one source document.

The package is one pipeline and its folders are the stages, in order (README,
"Architecture"): ``source`` (seed → Release, sentences) → ``catalogs`` (PO files,
memory, glossary) → ``translate`` → ``qa`` → ``kit`` (a release localised, with
everything a renderer needs resolved) → ``render`` (``pdf``, ``docx``) → ``write``
(the manifest); ``build`` runs the stages, ``project`` and ``cli`` face the user,
``core`` is the base every stage stands on.  A stage imports only itself and the
stages before it (``tests/test_imports.py``).
"""

__version__ = "0.1.0"
