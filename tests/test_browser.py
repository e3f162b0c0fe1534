"""The web pages, the newsroom index and the e-mail's HTML in Chromium (issue 26): at a
phone's and a desktop's width nothing overflows, every picture loads, every character is
drawn, and axe-core finds no WCAG 2.1 AA violation.  Screenshots go to the test's folder."""

from __future__ import annotations

import base64
import email
import email.policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.browser import axe_violations, broken_images, driver, layout_width, tofu
from tests.newsroom_project import AFTER, BEFORE, EMBARGOED, LANGS, OPEN, web_project

WIDTHS = (375, 1280)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_project(tmp_path_factory.mktemp("browser") / "p", AFTER)


@pytest.fixture(scope="module")
def embargoed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return web_project(tmp_path_factory.mktemp("browser") / "e", BEFORE)


def _check(browser: object, url: str, shot: Path) -> None:
    browser.get(url)  # type: ignore[attr-defined]
    scroll, viewport = layout_width(browser)
    assert scroll <= viewport, f"{url}: {scroll}px of content in a {viewport}px window"
    assert broken_images(browser) == [], url
    assert tofu(browser) == [], url
    violations = axe_violations(browser)
    assert violations == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
                              for v in violations]
    height = browser.execute_script("return document.documentElement.scrollHeight")  # type: ignore[attr-defined]
    browser.set_window_size(browser.get_window_size()["width"], min(height, 6000))  # type: ignore[attr-defined]
    browser.save_screenshot(str(shot))  # type: ignore[attr-defined]


def test_the_tofu_detector_sees_a_character_no_font_has(tmp_path: Path) -> None:
    """The check below must be able to fail: a private-use character is reported."""
    page = tmp_path / "tofu.html"
    page.write_text('<!DOCTYPE html><html lang="en"><title>t</title><p>ok \U000F0041 中</p>',
                    "utf-8")
    with driver(800) as browser:
        browser.get(page.as_uri())
        assert tofu(browser) == ["\U000F0041"]


@pytest.mark.parametrize("width", WIDTHS)
def test_release_pages_in_every_language(project: Path, width: int, tmp_path: Path) -> None:
    with driver(width) as browser:
        for slug in (EMBARGOED, OPEN):
            for lang in LANGS:
                page = project / "dist" / slug / f"{slug}.{lang}.html"
                _check(browser, page.as_uri(), tmp_path / f"{slug}.{lang}.{width}.png")
                browser.set_window_size(width, 900)
        for lang in LANGS:
            _check(browser, (project / "dist" / f"index.{lang}.html").as_uri(),
                   tmp_path / f"index.{lang}.{width}.png")
            browser.set_window_size(width, 900)


@pytest.mark.parametrize("width", WIDTHS)
def test_an_embargoed_page(embargoed: Path, width: int, tmp_path: Path) -> None:
    with driver(width) as browser:
        for lang in LANGS:
            page = embargoed / "dist" / EMBARGOED / f"{EMBARGOED}.{lang}.html"
            _check(browser, page.as_uri(), tmp_path / f"embargoed.{lang}.{width}.png")
            browser.set_window_size(width, 900)


def _mail_html(project: Path, lang: str, folder: Path) -> Path:
    """The e-mail's HTML part with its cid: pictures as data URIs, as a mail client shows it."""
    data = (project / "dist" / EMBARGOED / f"{EMBARGOED}.{lang}.eml").read_bytes()
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    related = msg.get_payload()[1]  # type: ignore[index]
    html_part, *pictures = related.get_payload()
    text = html_part.get_content()
    for picture in pictures:
        cid = picture["Content-ID"].strip("<>")
        uri = (f"data:{picture.get_content_type()};base64,"
               f"{base64.b64encode(picture.get_content()).decode()}")
        assert f"cid:{cid}" in text
        text = text.replace(f"cid:{cid}", uri)
    path = folder / f"mail.{lang}.html"
    path.write_text(text, "utf-8")
    return path


@pytest.mark.parametrize("width", WIDTHS)
def test_the_email_html(project: Path, width: int, tmp_path: Path) -> None:
    with driver(width) as browser:
        for lang in LANGS:
            page = _mail_html(project, lang, tmp_path)
            _check(browser, page.as_uri(), tmp_path / f"mail.{lang}.{width}.png")
            browser.set_window_size(width, 900)


@pytest.mark.parametrize("width", WIDTHS)
def test_the_bmw_pages_with_their_charts(width: int, tmp_path: Path) -> None:
    """The BMW release (en original, zh translation): charts as inline SVG, no base_url."""
    from tests.conftest import copy_project
    from tests.newsroom_project import build

    project = copy_project(tmp_path / "bmw")
    build(project, "--format", "html", "--format", "email")
    slug = "bmw-huawei-harmonyos"
    with driver(width) as browser:
        for lang in ("en", "zh"):
            page = project / "dist" / slug / f"{slug}.{lang}.html"
            _check(browser, page.as_uri(), tmp_path / f"{slug}.{lang}.{width}.png")
            assert browser.execute_script(
                "return document.querySelectorAll('figure.chart svg').length") >= 1
            browser.set_window_size(width, 900)
