"""Stage 6, write: outputs written atomically."""
