"""Stage 7, write: the manifest of a release's outputs, written last (the files themselves
are written atomically by ``core/atomic.py``, which every stage uses)."""
