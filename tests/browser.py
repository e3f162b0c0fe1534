"""A real browser for the tests of the web and e-mail editions: Debian's Chromium through
Selenium, offline, with axe-core (from npm, ``tests/data/axe``) for WCAG checks.

``driver()`` skips the test, with the reason, when Chromium or its driver is absent.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

AXE = Path(__file__).resolve().parent / "data" / "axe" / "node_modules" / "axe-core" / \
    "axe.min.js"
#: Draws each character of the page's text in the font its element asks for, and the
#: same for a character no font has (U+10FFFD, private use): a character whose pixels
#: equal that box, or that draws nothing, is tofu.  Returns those characters.
TOFU = """
const probe = document.createElement('canvas');
probe.width = 64; probe.height = 64;
const ctx = probe.getContext('2d', {willReadFrequently: true});
function pixels(ch, font) {
  ctx.clearRect(0, 0, 64, 64); ctx.font = font; ctx.fillStyle = '#000';
  ctx.textBaseline = 'top'; ctx.fillText(ch, 4, 4);
  const data = ctx.getImageData(0, 0, 64, 64).data;
  let hash = 0, ink = 0;
  for (let i = 3; i < data.length; i += 4) {
    hash = (Math.imul(hash, 31) + data[i]) >>> 0; ink += data[i];
  }
  return ink ? hash : 0;
}
const boxes = new Map();
const seen = new Map();
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  const style = getComputedStyle(node.parentElement);
  if (style.display === 'none' || style.visibility === 'hidden') continue;
  const font = `${style.fontWeight} 32px ${style.fontFamily}`;
  for (const ch of node.data) if (ch.trim()) seen.set(ch + '\\u0000' + font, [ch, font]);
}
const blank = pixels(' ', '32px sans-serif');
const bad = [];
for (const [ch, font] of seen.values()) {
  if (!boxes.has(font)) boxes.set(font, pixels('\\u{10FFFD}', font));
  const box = boxes.get(font);
  const drawn = pixels(ch, font);
  if (drawn === box || drawn === blank) bad.push(ch);
}
return [...new Set(bad)];
"""


@contextmanager
def driver(width: int, height: int = 900) -> Iterator[Any]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        pytest.skip("chromium and chromedriver not installed "
                    "(apt-get install chromium chromium-driver; .ci/setup installs them)")
    selenium = pytest.importorskip("selenium", reason="selenium not installed (the test extra)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    del selenium
    os.environ["SE_OFFLINE"] = "true"  # Selenium Manager must not download a browser
    profile = tempfile.mkdtemp(prefix="pressctl-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ("--headless=new", "--no-sandbox", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={profile}",
                 f"--window-size={width},{height}", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    browser = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    try:
        browser.set_window_size(width, height)
        browser.set_script_timeout(300)  # the glyph check draws every character once
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


def layout_width(browser: Any) -> tuple[int, int]:
    """(the document's scroll width, the viewport's width): equal when nothing overflows."""
    return (browser.execute_script("return document.documentElement.scrollWidth"),
            browser.execute_script("return document.documentElement.clientWidth"))


def broken_images(browser: Any) -> list[str]:
    return list(browser.execute_script(
        "return Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0)"
        ".map(i => i.alt || i.src.slice(0, 80))"))


def tofu(browser: Any) -> list[str]:
    return list(browser.execute_script(TOFU))


def axe_violations(browser: Any) -> list[dict[str, Any]]:
    """axe-core's WCAG 2.0/2.1 A and AA violations on the loaded page.

    axe-core comes from npm (``tests/data/axe``, pinned by its lock file): the copy
    axe-selenium-python bundles is too old to know the WCAG 2.1 rules.
    """
    if not AXE.is_file():
        pytest.skip("axe-core not installed: npm ci --prefix tests/data/axe (.ci/setup does)")
    script = AXE
    browser.execute_script(script.read_text("utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})"
        ".then(r => done({violations: r.violations.map(v => ({id: v.id, help: v.help, "
        "nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary}))}))}))"
        ".catch(e => done({error: String(e)}));")
    assert "error" not in result, result
    return list(result["violations"])
