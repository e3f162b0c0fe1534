"""The ``email`` format (issue 26): an ``.eml`` per release and language, read back with
Python's email package."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from lxml import html

from tests.newsroom_project import AFTER, BEFORE, EMBARGOED, OPEN, build, copy


@pytest.fixture(scope="module")
def before(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy(tmp_path_factory.mktemp("mail") / "p")
    build(project, "--format", "email", "--now", BEFORE)
    return project


def message(project: Path, slug: str, lang: str) -> EmailMessage:
    data = (project / "dist" / slug / f"{slug}.{lang}.eml").read_bytes()
    parsed = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def test_the_message_is_multipart_alternative_with_text_and_html(before: Path) -> None:
    msg = message(before, EMBARGOED, "en")
    assert msg.get_content_type() == "multipart/alternative"
    text_part, related = msg.get_payload()  # type: ignore[misc]
    assert text_part.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    assert msg["Content-Language"] == "en-GB"
    assert msg["From"] == "Hangzhou City Ferries <press@ferry.example.cn>"
    assert msg["Date"] == "Mon, 17 Mar 2025 09:00:00 +0800"
    assert msg["X-Unsent"] == "1"
    text = text_part.get_content()
    assert "Hangzhou City Ferries Launches Its First Electric Ferries" in text
    assert "Grand Canal – Binjiang | 36 | 50 minutes" in text
    assert "- Diesel saved each year: 1,800 tonnes (2025)" in text
    assert "Hangzhou City Ferries website <https://ferry.example.cn/timetable>" in text


def test_the_subject_carries_the_embargo_until_it_lifts(before: Path, tmp_path: Path) -> None:
    assert message(before, EMBARGOED, "en")["Subject"] == (
        "[Embargoed until 17 March 2025 09:00 GMT+08:00] "
        "Hangzhou City Ferries Launches Its First Electric Ferries")
    assert message(before, EMBARGOED, "zh")["Subject"] == \
        "[2025年3月17日 09:00 GMT+08:00前禁止发布] 杭州城市渡轮启用首批电动渡轮"
    assert message(before, OPEN, "zh-Hant-TW")["Subject"] == "杭州城市渡輪推出夜間遊船"
    assert message(before, EMBARGOED, "zh-Hant-TW")["From"] == \
        "杭州城市渡輪 <press@ferry.example.cn>"
    after = copy(tmp_path / "after")
    build(after, EMBARGOED, "--format", "email", "--lang", "en", "--now", AFTER)
    msg = message(after, EMBARGOED, "en")
    assert msg["Subject"] == "Hangzhou City Ferries Launches Its First Electric Ferries"
    assert "X-Embargo" not in msg


def test_the_html_part_has_inlined_css_a_table_layout_and_cid_pictures(before: Path) -> None:
    msg = message(before, EMBARGOED, "zh")
    related = msg.get_payload()[1]  # type: ignore[index]
    html_part, picture = related.get_payload()
    assert html_part.get_content_type() == "text/html"
    doc = html.fromstring(html_part.get_content())
    assert doc.get("lang") == "zh-CN"
    assert not doc.xpath("//style") and not doc.xpath("//link[@rel='stylesheet']")
    assert "font-size: clamp(1.6rem, 5vw, 2.3rem)" in doc.xpath("string(//h1/@style)")
    assert "var(" not in html_part.get_content()  # Outlook knows no CSS variables
    # Outlook (no max-width) gets its own 600-pixel table; other clients narrow on a phone
    assert '<!--[if mso]><table role="presentation" width="600"' in html_part.get_content()
    [column] = doc.xpath("//table[@role='presentation'][contains(@style, 'max-width: 600px')]")
    assert column.xpath(".//h1/text()") == ["杭州城市渡轮启用首批电动渡轮"]
    [img] = doc.xpath("//img")
    assert img.get("src") == f"cid:{picture['Content-ID'].strip('<>')}"
    assert img.get("alt") == "停靠在西湖码头的电动渡轮"
    assert picture.get_content_type() == "image/jpeg"
    assert picture.get_content_disposition() == "inline"
    assert picture.get_content()[:3] == b"\xff\xd8\xff"
    assert doc.xpath("string(//p[contains(@class, 'banner')])") == \
        "2025年3月17日 09:00 GMT+08:00前禁止发布"
    assert doc.xpath("//table//th[@scope='col']")


def test_messages_are_reproducible(before: Path) -> None:
    path = before / "dist" / EMBARGOED / f"{EMBARGOED}.en.eml"
    first = path.read_bytes()
    build(before, EMBARGOED, "--format", "email", "--lang", "en", "--now", BEFORE, "--force")
    assert path.read_bytes() == first
