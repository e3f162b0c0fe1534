"""The DOCX renderer: Word kits written with python-docx."""
