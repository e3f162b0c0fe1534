"""Renderers: one module per output format, each exposing ``render(kit, path)``."""
