"""``catalog update`` keeps the translator's file as their editor wrote it (postyle).

One edited source sentence must change about as many lines as GNU msgmerge
changes, keep CRLF, the byte-order mark, Poedit and Weblate headers and
``Language: zh_Hans`` as written, store the edited sentence once, and not
drop a msgctxt a translator added without saying so.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from pressctl.catalogs import catalog
from pressctl.source.segment import Segment

SENTENCES = [
    ("Xiamen Ferry Group ordered twelve electric ferries for the Xiamen–Gulangyu route, the "
     "largest order of its kind in China.", "厦门轮渡集团为厦门—鼓浪屿航线订购了十二艘电动渡轮，"
     "是国内同类订单中规模最大的一笔。"),
    ("Each ferry charges at the quay in just eight minutes.", "每艘渡轮在码头充电仅需八分钟。"),
    ("The first vessels enter service in 2027.", "首批船只将于2027年投入运营。"),
    ("Revenue", "营收"),
    ("The ferries carry 400 passengers each and cut emissions on the route by 9,000 tonnes a "
     "year, according to the operator's own estimate published in its annual report.",
     "每艘渡轮可载客400人，据运营方在年报中公布的估算，该航线每年可减少排放9,000吨。"),
    ("About Xiamen Ferry Group", "关于厦门轮渡集团"),
]
EDITED = ("Each ferry charges at the quay in just eight minutes.",
          "Each ferry charges at the quay in just seven minutes.")


def _pot(texts: list[str]) -> polib.POFile:
    return catalog.template([Segment(t, "body", i + 1) for i, t in enumerate(texts)],
                            "seeds/ferry.md", project="ferry")


def _translated(path: Path) -> None:
    po = catalog.merge(None, _pot([s for s, _ in SENTENCES]), lang="zh_CN")
    for entry, (_, target) in zip(po, SENTENCES, strict=True):
        entry.msgstr = target
    path.write_text(po.__unicode__(), encoding="utf-8")


def _edited_pot() -> polib.POFile:
    return _pot([EDITED[1] if s == EDITED[0] else s for s, _ in SENTENCES])


def _changed_lines(before: str, after: str) -> int:
    return sum(1 for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                  lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---")))


@pytest.mark.skipif(shutil.which("msgmerge") is None or shutil.which("msgcat") is None,
                    reason="GNU gettext (msgmerge, msgcat) is not installed")
def test_a_one_sentence_edit_changes_about_as_much_as_msgmerge(tmp_path: Path) -> None:
    raw = tmp_path / "raw.po"
    _translated(raw)
    ours, theirs, pot = tmp_path / "ours.po", tmp_path / "theirs.po", tmp_path / "new.pot"
    # the catalog as GNU tools write it (msgcat's wrapping), as a translator would have it
    subprocess.run(["msgcat", str(raw), "-o", str(ours)], check=True)
    shutil.copy(ours, theirs)
    before = ours.read_text(encoding="utf-8")
    _edited_pot().save(str(pot))
    subprocess.run(["msgmerge", "--quiet", "--previous", "-o", str(theirs), str(theirs),
                    str(pot)], check=True)
    catalog.update(ours, _edited_pot(), lang="zh_CN")
    after = ours.read_text(encoding="utf-8")
    gnu = _changed_lines(before, theirs.read_text(encoding="utf-8"))
    mine = _changed_lines(before, after)
    assert mine <= gnu + 2, "\n".join(difflib.unified_diff(before.splitlines(),
                                                           after.splitlines(), lineterm=""))
    po = polib.pofile(after)
    edited = po.find(EDITED[1])
    assert edited is not None and "fuzzy" in edited.flags and edited.previous_msgid == EDITED[0]
    assert po.find(EDITED[0]) is None  # stored once: no #~ copy beside the fuzzy entry
    assert EDITED[0] not in [e.msgid for e in po if e.obsolete]


EDITOR_FILE = (
    "\ufeff# Chinese translation of the ferry release.\r\n"
    "# Li Na <li.na@example.com>, 2026.\r\n"
    "#\r\n"
    'msgid ""\r\n'
    'msgstr ""\r\n'
    '"Project-Id-Version: ferry\\n"\r\n'
    '"POT-Creation-Date: 1970-01-01 00:00+0000\\n"\r\n'
    '"PO-Revision-Date: 2026-12-01 10:12+0800\\n"\r\n'
    '"Last-Translator: Li Na <li.na@example.com>\\n"\r\n'
    '"Language-Team: Chinese (Simplified) <https://weblate.example.com/zh_Hans/>\\n"\r\n'
    '"Language: zh_Hans\\n"\r\n'
    '"MIME-Version: 1.0\\n"\r\n'
    '"Content-Type: text/plain; charset=UTF-8\\n"\r\n'
    '"Content-Transfer-Encoding: 8bit\\n"\r\n'
    '"Plural-Forms: nplurals=1; plural=0;\\n"\r\n'
    '"X-Generator: Weblate 5.8\\n"\r\n'
    '"X-Poedit-SourceCharset: UTF-8\\n"\r\n'
    '"Generated-By: pressctl\\n"\r\n'
)


def _editor_catalog(path: Path) -> str:
    """The catalog as Poedit/Weblate leave it: BOM, CRLF, unwrapped lines, their headers,
    and a msgctxt the translator added to one entry."""
    blocks = [EDITOR_FILE.rstrip("\r\n")]
    for number, (source, target) in enumerate(SENTENCES, start=1):
        lines = ["#. body", f"#: seeds/ferry.md:{number}"]
        if source == "Revenue":
            lines.append('msgctxt "table heading"')
        lines += [f'msgid "{source}"', f'msgstr "{target}"']
        blocks.append("\r\n".join(lines))
    text = "\r\n\r\n".join(blocks) + "\r\n"
    path.write_bytes(text.encode("utf-8"))
    return text


def test_update_keeps_the_editors_style_and_headers(tmp_path: Path) -> None:
    path = tmp_path / "ferry.po"
    before = _editor_catalog(path)
    report = catalog.update(path, _edited_pot(), lang="zh_CN")
    assert report.written
    raw = path.read_bytes()
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8")
    assert "\n" not in text.replace("\r\n", ""), "LF line endings slipped in"
    for header in ('"Language: zh_Hans\\n"', '"X-Generator: Weblate 5.8\\n"',
                   '"X-Poedit-SourceCharset: UTF-8\\n"', "# Li Na <li.na@example.com>, 2026.",
                   '"Language-Team: Chinese (Simplified) <https://weblate.example.com/zh_Hans/>\\n"'):
        assert header in text
    # unchanged entries byte for byte; the long lines stay unwrapped
    for source, target in SENTENCES:
        if source not in (EDITED[0], "Revenue"):
            assert f'msgid "{source}"\r\nmsgstr "{target}"' in text
    assert _changed_lines(before, text) <= 12, "\n".join(
        difflib.unified_diff(before.splitlines(), text.splitlines(), lineterm=""))
    po = polib.pofile(text.removeprefix("\ufeff"))
    revenue = next(e for e in po if e.msgid == "Revenue" and not e.obsolete)
    # the template has no context: the translator's entry is carried over, but marked
    assert revenue.msgstr == "营收" and "fuzzy" in revenue.flags
    assert revenue.previous_msgctxt == "table heading"
    # a second update changes nothing
    assert not catalog.update(path, _edited_pot(), lang="zh_CN").written
