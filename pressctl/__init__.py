"""pressctl: multilingual press kits from one source document.

The package is one pipeline; the modules are its stages, in order:
``read`` (seed → Release) → ``segment`` → ``catalog`` / ``localize`` (translations)
→ ``render`` (one module per format) → ``write`` (atomic files + manifest).
``build`` runs the stages; ``cli`` is the thin command-line layer over them.
"""

__version__ = "0.1.0"
