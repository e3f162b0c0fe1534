"""Argos Translate models: list, install (from a file or the package index), remove.

Packages live where argostranslate keeps them (``ARGOS_PACKAGES_DIR``, by
default ``~/.local/share/argos-translate/packages``), one folder per package,
so argostranslate's own tools see the same models.

pressctl installs packages itself instead of calling
``argostranslate.package.install_from_path``: that function extracts any zip
as it is (paths escaping the folder included), imports
``argostranslate.translate`` (stanza and torch, seconds of start-up) and can
leave a half-extracted folder behind.  Here a package file is checked first
(a zip, a ``metadata.json``, a translation package with a model and a
tokenizer, no entry escaping its folder), extracted beside the packages
folder and only then moved into place, so a bad file leaves the installed
models exactly as they were.

One module of about 400 lines on purpose: listing, checking, installing and
removing are one package's life cycle, sharing the folder layout and the
refusal messages; the index download (``available``, ``install_pair``) ends in
``install_file``, so a split would only hand the same names across a module line.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from pressctl.core.errors import MissingDependency, PressctlError

#: argostranslate's default index; ARGOS_PACKAGE_INDEX overrides it like it does there.
DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/"
#: Seconds without an answer before a download gives up: offline must fail fast.
TIMEOUT = 10.0
#: No real model is near this; a bigger archive is a mistake or a zip bomb.
MAX_UNPACKED = 8 << 30
STAGING_PREFIX = ".pressctl-install-"

Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Installed:
    """An installed package as ``pressctl models list`` shows it."""

    from_code: str
    to_code: str
    version: str
    argos_version: str
    path: Path
    size: int
    type: str = "translate"
    #: argostranslate's own sentence splitter data shipped in the package, if any.
    #: pressctl segments sentences itself and never needs it.
    splitter: str | None = None

    @property
    def pair(self) -> str:
        return f"{self.from_code} → {self.to_code}"

    @property
    def name(self) -> str:
        return self.path.name

    def describe(self) -> str:
        """Model name and version, for catalog comments and messages."""
        return f"Argos Translate {self.from_code}→{self.to_code} {self.version} ({self.name})"

    def to_json(self) -> dict[str, Any]:
        return {"from": self.from_code, "to": self.to_code, "version": self.version,
                "argos_version": self.argos_version, "type": self.type, "size": self.size,
                "path": str(self.path), "name": self.name, "splitter": self.splitter}


def packages_dir() -> Path:
    """The folder argostranslate installs into and reads from, read at call time.

    ``ARGOS_PACKAGES_DIR`` is looked up here rather than through
    ``argostranslate.settings``, which reads it once at import.
    """
    from pressctl.translate.argos import packages_dir as argos_packages_dir

    return argos_packages_dir()


def index_url() -> str:
    """The package index: ``ARGOS_PACKAGE_INDEX`` (a folder URL or the JSON itself)."""
    base = os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return base if base.endswith(".json") else base.rstrip("/") + "/index.json"


def _code(value: str) -> str:
    return value.strip().lower()


def _folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def _splitter(path: Path) -> str | None:
    return next((name for name in ("minisbd", "stanza", "spacy") if (path / name).is_dir()), None)


def _read_installed(path: Path) -> Installed | None:
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not meta.get("from_code") or not meta.get("to_code"):
        return None
    return Installed(_code(str(meta["from_code"])), _code(str(meta["to_code"])),
                     str(meta.get("package_version", "")), str(meta.get("argos_version", "")),
                     path, _folder_size(path), str(meta.get("type", "translate")), _splitter(path))


def installed() -> list[Installed]:
    """Every readable package in the packages folder, by pair then version."""
    folder = packages_dir()
    if not folder.is_dir():
        return []
    found = [pkg for sub in sorted(folder.iterdir())
             if sub.is_dir() and not sub.name.startswith(".")
             for pkg in [_read_installed(sub)] if pkg is not None]
    return sorted(found, key=lambda p: (p.from_code, p.to_code, _version_key(p.version)))


def find(from_code: str, to_code: str) -> Installed | None:
    """The newest installed translation package for the pair, or None."""
    pair = (_code(from_code), _code(to_code))
    matches = [p for p in installed()
               if (p.from_code, p.to_code) == pair and p.type == "translate"]
    return matches[-1] if matches else None


def install_hint(from_code: str, to_code: str) -> str:
    return (f"install one with 'pressctl models install {from_code} {to_code}' "
            f"(downloads) or 'pressctl models install FILE.argosmodel'")


def _version_key(version: str) -> tuple[Any, ...]:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


# ---------------------------------------------------------------- checking a package file


def _refuse(path: Path, why: str) -> PressctlError:
    return PressctlError(f"not a usable Argos Translate package: {why}", path=path,
                         hint="the installed models were left as they were")


def _safe_name(name: str) -> bool:
    """Whether a zip entry name stays inside the folder it is extracted into."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/"):
        return False
    parts = PurePosixPath(name).parts
    return bool(parts) and ".." not in parts and ":" not in parts[0]


@dataclass(frozen=True)
class _Plan:
    prefix: str  # the folder inside the zip that holds metadata.json ("" for the root)
    folder: str  # the folder name to install as
    meta: dict[str, Any]


def _inspect(zf: zipfile.ZipFile, path: Path) -> _Plan:
    infos = zf.infolist()
    for info in infos:
        if not _safe_name(info.filename):
            raise _refuse(path, f"entry {info.filename!r} would be written outside "
                                "the package folder")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise _refuse(path, f"entry {info.filename!r} is a symbolic link")
    if sum(info.file_size for info in infos) > MAX_UNPACKED:
        raise _refuse(path, "it unpacks to more than 8 GiB")
    names = {info.filename for info in infos}
    if "metadata.json" in names:
        prefix = ""
    else:
        tops = {PurePosixPath(n).parts[0] for n in names}
        prefix = f"{next(iter(tops))}/" if len(tops) == 1 else ""
        if not prefix or f"{prefix}metadata.json" not in names:
            raise _refuse(path, "no metadata.json (a package is a zip of one folder "
                                "holding metadata.json, model/ and sentencepiece.model)")
    try:
        meta = json.loads(zf.read(f"{prefix}metadata.json").decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError) as exc:
        raise _refuse(path, f"metadata.json is not readable JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise _refuse(path, "metadata.json is not a JSON object")
    kind = meta.get("type", "translate")
    if kind != "translate":
        raise _refuse(path, f"it is a {kind!r} package, not a translation package")
    if not isinstance(meta.get("from_code"), str) or not isinstance(meta.get("to_code"), str) \
            or not meta["from_code"] or not meta["to_code"]:
        raise _refuse(path, "metadata.json names no from_code and to_code")
    if f"{prefix}model/model.bin" not in names:
        raise _refuse(path, "not a translation package: no model/model.bin")
    if not names & {f"{prefix}sentencepiece.model", f"{prefix}bpe.model"}:
        raise _refuse(path, "not a translation package: no sentencepiece.model or bpe.model")
    if prefix:
        folder = prefix.rstrip("/")
    else:
        version = str(meta.get("package_version", "0")).replace(".", "_")
        folder = f"translate-{meta['from_code']}_{meta['to_code']}-{version}"
    if folder.startswith(".") or not _safe_name(folder) or "/" in folder:
        raise _refuse(path, f"unusable package folder name {folder!r}")
    return _Plan(prefix, folder, meta)


def _staging_parent(dest: Path) -> Path:
    """Extract next to the packages folder, where a crash leaves nothing argostranslate lists.

    Falls back to a hidden folder inside it when the parent is not writable or
    on another file system (renames must not cross devices).
    """
    parent = dest.parent
    try:
        if os.access(parent, os.W_OK) and parent.stat().st_dev == dest.stat().st_dev:
            return parent
    except OSError:
        pass
    return dest


def _extract(zf: zipfile.ZipFile, plan: _Plan, into: Path, path: Path) -> None:
    root = into.resolve()
    for info in zf.infolist():
        rel = info.filename[len(plan.prefix):]
        if not rel:
            continue
        target = (root / rel).resolve()
        if not target.is_relative_to(root):
            raise _refuse(path, f"entry {info.filename!r} escapes the package folder")
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as src, open(target, "wb") as out:
            shutil.copyfileobj(src, out, 1 << 20)


def install_file(path: Path) -> Installed:
    """Check and install a ``.argosmodel`` file; replaces an older package of the same pair."""
    if not path.is_file():
        raise PressctlError("no such file", path=path,
                            hint="give a .argosmodel file or a language pair ('en zh')")
    if not zipfile.is_zipfile(path):
        raise _refuse(path, "not a zip archive")
    dest = packages_dir()
    try:
        with zipfile.ZipFile(path) as zf:
            plan = _inspect(zf, path)
            dest.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=_staging_parent(dest)))
            try:
                unpacked = staging / plan.folder
                unpacked.mkdir()
                _extract(zf, plan, unpacked, path)
                return _move_into_place(unpacked, dest, staging)
            finally:
                shutil.rmtree(staging, ignore_errors=True)
    except zipfile.BadZipFile as exc:
        raise _refuse(path, f"damaged zip archive ({exc})") from None
    except OSError as exc:
        raise PressctlError(f"cannot install: {exc.strerror or exc}", path=dest) from None


def _move_into_place(unpacked: Path, dest: Path, staging: Path) -> Installed:
    new = _read_installed(unpacked)
    assert new is not None  # checked by _inspect
    old = [p for p in installed() if (p.from_code, p.to_code) == (new.from_code, new.to_code)]
    final = dest / unpacked.name
    retired: list[Path] = []
    for index, pkg in enumerate(old):
        aside = staging / f"old-{index}"
        os.replace(pkg.path, aside)
        retired.append(aside)
    if final.exists():  # a folder that is not a readable package: keep it aside too
        aside = staging / "old-folder"
        os.replace(final, aside)
        retired.append(aside)
    try:
        os.replace(unpacked, final)
    except OSError:
        for pkg, aside in zip(old, retired, strict=False):
            with contextlib.suppress(OSError):
                os.replace(aside, pkg.path)
        raise
    result = _read_installed(final)
    assert result is not None
    return result


def remove(from_code: str, to_code: str) -> list[Installed]:
    """Delete every installed package for the pair."""
    pair = (_code(from_code), _code(to_code))
    found = [p for p in installed() if (p.from_code, p.to_code) == pair]
    if not found:
        raise PressctlError(f"no model installed for {pair[0]} → {pair[1]}",
                            hint="'pressctl models list' shows the installed ones")
    for pkg in found:
        try:
            shutil.rmtree(pkg.path)
        except OSError as exc:
            raise PressctlError(f"cannot remove: {exc.strerror or exc}", path=pkg.path) from None
    return found


# ---------------------------------------------------------------- the package index


def _open(url: str, timeout: float) -> Any:
    scheme = urllib.parse.urlsplit(url).scheme
    if scheme not in ("http", "https", "file"):
        raise PressctlError(f"unsupported URL {url!r}", hint="use an http(s) URL")
    request = urllib.request.Request(url, headers={"User-Agent": "pressctl"})
    try:
        return urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        raise PressctlError(f"{url} answered HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise MissingDependency(
            f"cannot reach {url}: {reason}",
            hint="no network? download the .argosmodel file on another machine and run "
                 "'pressctl models install FILE.argosmodel'") from None


def available(timeout: float = TIMEOUT) -> list[dict[str, Any]]:
    """The translation packages the index offers (``ARGOS_PACKAGE_INDEX``)."""
    url = index_url()
    with _open(url, timeout) as response:
        try:
            data = json.loads(response.read().decode("utf-8"))
        except (ValueError, UnicodeDecodeError, OSError) as exc:
            raise PressctlError(f"the package index {url} is not valid JSON ({exc})") from None
    if not isinstance(data, list):
        raise PressctlError(f"the package index {url} is not a list of packages")
    return [m for m in data if isinstance(m, dict) and m.get("type", "translate") == "translate"
            and m.get("from_code") and m.get("to_code")]


def _download(url: str, target: Path, timeout: float, progress: Progress | None) -> None:
    with _open(url, timeout) as response, open(target, "wb") as out:
        length = response.headers.get("Content-Length") if hasattr(response, "headers") else None
        total = int(length) if length and length.isdigit() else None
        done = 0
        while chunk := response.read(1 << 16):
            out.write(chunk)
            done += len(chunk)
            if progress is not None:
                progress(done, total)


def install_pair(from_code: str, to_code: str, *, timeout: float = TIMEOUT,
                 progress: Progress | None = None) -> Installed:
    """Download the newest package for the pair from the index and install it."""
    pair = (_code(from_code), _code(to_code))
    offered = available(timeout)
    matches = [m for m in offered if (_code(str(m["from_code"])), _code(str(m["to_code"]))) == pair]
    if not matches:
        pairs = sorted({f"{m['from_code']}-{m['to_code']}" for m in offered})
        raise PressctlError(f"the package index {index_url()} has no model for "
                            f"{pair[0]} → {pair[1]}",
                            hint=f"it offers {', '.join(pairs[:30]) or 'nothing'}")
    best = max(matches, key=lambda m: _version_key(str(m.get("package_version", ""))))
    links = [str(link) for link in best.get("links") or []]
    if not links:
        raise PressctlError(f"the package index lists no download link for {pair[0]} → {pair[1]}")
    dest = packages_dir()
    dest.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=_staging_parent(dest)))
    try:
        target = staging / f"translate-{pair[0]}_{pair[1]}.argosmodel"
        failure: PressctlError | None = None
        for link in links:
            try:
                _download(link, target, timeout, progress)
                break
            except PressctlError as exc:
                failure = exc
            except OSError as exc:
                failure = MissingDependency(f"download from {link} failed: {exc}")
        else:
            assert failure is not None
            raise failure
        return install_file(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
