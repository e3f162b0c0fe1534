"""Stage 2, catalogs: gettext PO files, the translation memory and the glossary."""
