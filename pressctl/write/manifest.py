"""The manifest of a release's outputs, written last, after every file it lists.

A build that is killed before the manifest leaves the previous one, whose
hashes no longer match the new files, so the next build rebuilds them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pressctl.core.atomic import sha256, write_text


def write_manifest(folder: Path, data: dict[str, Any], files: list[Path],
                   inputs: dict[str, Any] | None = None) -> Path:
    """Record every output with size and SHA-256; written last, after the files.

    ``inputs`` maps a file name to the hash of what it was built from, which
    lets the next build skip it.  An unchanged manifest is not rewritten.
    """
    entries = [
        {"path": f.name, "size": f.stat().st_size, "sha256": sha256(f),
         **({"inputs": inputs[f.name]} if inputs and inputs.get(f.name) else {})}
        for f in sorted(files, key=lambda p: p.name)
    ]
    manifest = {**data, "files": entries}
    target = folder / "manifest.json"
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    if not (target.is_file() and target.read_text(encoding="utf-8") == text):
        write_text(target, text)
    return target
