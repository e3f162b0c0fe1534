"""Stage 1, source: the seed read into a Release (Markdown + YAML front matter), its inline
markup, pictures and sentences — what every later stage reads."""
