"""Stage 3, translate: memory first, then the glossary-protected machine, then OpenCC."""
