"""The HTML report in a real headless Chromium: layout, direction, flags, safety, links.

Needs Debian's ``chromium`` and ``chromium-driver`` plus ``selenium`` (skipped
cleanly otherwise). Screenshots go to the test's tmp dir and, when the
environment variable ``ALIGN_SCREENSHOT_DIR`` is set, there too.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from conftest import seed_path

from test_html import HOSTILE_IMG, HOSTILE_SCRIPT, make_comparison

pytestmark = pytest.mark.browser

CHROMIUM = next((p for p in ("/usr/bin/chromium", shutil.which("chromium") or "",
                             shutil.which("chromium-browser") or "") if p and os.path.exists(p)), None)
CHROMEDRIVER = next((p for p in ("/usr/bin/chromedriver", shutil.which("chromedriver") or "")
                     if p and os.path.exists(p)), None)



@pytest.fixture
def browser(tmp_path):
    webdriver = pytest.importorskip("selenium.webdriver")
    if CHROMIUM is None or CHROMEDRIVER is None:
        pytest.skip("chromium and chromium-driver are not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1400,1000", "--force-device-scale-factor=1",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


# Installed before any page script runs: records whether anything called alert().
ALERT_TRAP = "window.__alerted = false; window.alert = function () { window.__alerted = true; };"


def _open(driver, page: str, path: Path) -> None:
    path.write_text(page, encoding="utf-8")
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": ALERT_TRAP})
    driver.get(path.as_uri())


def _alerted(driver) -> bool:
    return bool(driver.execute_script("return window.__alerted;"))


def test_alert_trap_detects_unescaped_markup(browser, tmp_path):
    """Control: the trap does catch an injected handler, so the inertness check below can fail."""
    _open(browser, f"<!DOCTYPE html><p>{HOSTILE_IMG}</p>", tmp_path / "unsafe.html")
    browser.execute_script("return 0;")
    import time

    deadline = time.monotonic() + 5
    while not _alerted(browser) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _alerted(browser)


def _screenshot(driver, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    assert driver.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    target = os.environ.get("ALIGN_SCREENSHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, Path(target) / name)
    return shot


def test_report_in_chromium_hostile_text_is_inert(browser, tmp_path):
    from selenium.webdriver.common.by import By

    cmp = make_comparison()
    _open(browser, cmp.to_html(title=f"Hostile {HOSTILE_SCRIPT}"), tmp_path / "report.html")
    assert not _alerted(browser)

    columns = browser.find_elements(By.CSS_SELECTOR, "section.side .text")
    assert len(columns) == 2
    a_col, b_col = columns
    assert a_col.get_attribute("dir") == "rtl" and a_col.get_attribute("lang") == "ar"
    assert b_col.get_attribute("dir") == "ltr" and b_col.get_attribute("lang") == "en"
    assert browser.execute_script("return getComputedStyle(arguments[0]).direction;", a_col) == "rtl"
    # The two columns sit side by side.
    assert a_col.rect["x"] + a_col.rect["width"] <= b_col.rect["x"] + 1

    # Hostile text: visible as text, no element, no script but ours.
    assert browser.find_elements(By.TAG_NAME, "img") == []
    assert len(browser.find_elements(By.TAG_NAME, "script")) == 1
    assert HOSTILE_SCRIPT in b_col.text and HOSTILE_IMG in b_col.text
    assert HOSTILE_SCRIPT in browser.title
    # Every character of both texts survives in the DOM.
    assert a_col.get_property("textContent") == cmp.a.text
    assert b_col.get_property("textContent") == cmp.b.text

    # Flags, coloured by kind, with confidence.
    marks = browser.find_elements(By.CSS_SELECTOR, "mark.flag")
    assert sorted(m.get_attribute("data-kind") for m in marks) == sorted(f.kind for f in cmp.flag_list)
    colours = {m.get_attribute("data-kind"): m.value_of_css_property("background-color") for m in marks}
    assert colours["unmatched"] != colours["partial"]
    badge = browser.execute_script(
        "return getComputedStyle(arguments[0], '::after').content;", marks[0])
    assert badge.strip('"') == marks[0].get_attribute("data-confidence")

    # Clicking the first Arabic segment highlights its reordered English counterpart.
    seg_a0 = browser.find_element(By.CSS_SELECTOR, '.seg[data-side="a"][data-seg="0"]')
    seg_b3 = browser.find_element(By.CSS_SELECTOR, '.seg[data-side="b"][data-seg="3"]')
    seg_b0 = browser.find_element(By.CSS_SELECTOR, '.seg[data-side="b"][data-seg="0"]')
    seg_a0.click()
    assert "active" in seg_a0.get_attribute("class").split()
    assert "counterpart" in seg_b3.get_attribute("class").split()
    assert "counterpart" not in seg_b0.get_attribute("class").split()
    # And the other way round.
    seg_b0.click()
    seg_a1 = browser.find_element(By.CSS_SELECTOR, '.seg[data-side="a"][data-seg="1"]')
    assert "counterpart" in seg_a1.get_attribute("class").split()
    assert "counterpart" not in seg_b3.get_attribute("class").split()
    # No script error was raised by the page, and nothing called alert().
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []
    assert not _alerted(browser)
    _screenshot(browser, tmp_path, "report_hostile.png")


@pytest.mark.slow
def test_seed_pair_report_in_chromium(browser, tmp_path):
    """The real seed pair through align.compare with the default encoder, rendered and checked."""
    from selenium.webdriver.common.by import By

    align = pytest.importorskip("align")
    if not hasattr(align, "compare"):
        pytest.skip("align.compare is not available")
    path_a, path_b = seed_path("000"), seed_path("002")
    if path_a is None or path_b is None:
        pytest.skip("seed pair not found")
    text_a = path_a.read_text(encoding="utf-8")
    text_b = path_b.read_text(encoding="utf-8")
    cmp = align.compare(text_a, text_b)
    _open(browser, cmp.to_html(title="Seed pair: Arabic (000) \u2194 English (002)"), tmp_path / "seed.html")

    a_col, b_col = browser.find_elements(By.CSS_SELECTOR, "section.side .text")
    assert a_col.get_attribute("dir") == "rtl" and b_col.get_attribute("dir") == "ltr"
    assert a_col.get_property("textContent") == cmp.a.text
    assert b_col.get_property("textContent") == cmp.b.text
    assert len(browser.find_elements(By.CSS_SELECTOR, ".seg")) == len(cmp.a.segments) + len(cmp.b.segments)
    if cmp.flag_list:
        assert browser.find_elements(By.CSS_SELECTOR, "mark.flag")
    if cmp.link_list:
        def seg(side, i):
            return browser.find_element(By.CSS_SELECTOR, f'.seg[data-side="{side}"][data-seg="{int(i)}"]')

        link = cmp.link_list[0]
        seg("a", link.a[0]).click()
        target = seg("b", link.b[0])
        assert "counterpart" in target.get_attribute("class").split()
        browser.find_element(By.TAG_NAME, "body").send_keys("\ue00c")  # Escape clears the selection
        assert "counterpart" not in target.get_attribute("class").split()
        # For the screenshot: select the best-supported link among the opening statements,
        # so the picture shows a statement and its (possibly moved) counterpart level.
        early = [k for k in cmp.link_list if min(k.a) < 4] or list(cmp.link_list)
        shown = max(early, key=lambda k: (k.score, -min(k.a)))
        seg("a", shown.a[0]).click()
        counterpart = seg("b", shown.b[0])
        assert "counterpart" in counterpart.get_attribute("class").split()
        # The click scrolled the English column so the counterpart is in view.
        top = browser.execute_script("return arguments[0].getBoundingClientRect().top;", counterpart)
        assert 0 <= top < browser.execute_script("return window.innerHeight;")
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
    # The words of each flag that found no counterpart are marked inside the flag itself.
    missing = browser.find_elements(By.CSS_SELECTOR, "section.side mark.flag mark.missing")
    expected = [m.text for f in sorted(cmp.flag_list, key=lambda f: (f.side, f.start))
                for m in f.evidence.missing]
    assert [m.get_property("textContent") for m in missing] == expected
    if missing:
        # Scroll its column (not the page) to the first one and select its statement, so
        # the picture in the README shows the marks and the sentence they are missing from.
        browser.execute_script(
            "const c = arguments[0].closest('.text'), r = arguments[0].getBoundingClientRect();"
            "c.scrollTop += r.top - c.getBoundingClientRect().top - c.clientHeight / 3;", missing[0])
        missing[0].find_element(By.XPATH, "ancestor::span[contains(@class, 'seg')]").click()
        ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()
        box = browser.execute_script("return arguments[0].getBoundingClientRect();", missing[0])
        assert 0 <= box["top"] < browser.execute_script("return window.innerHeight;")
        assert missing[0].value_of_css_property("background-color") != \
            missing[0].find_element(By.XPATH, "..").value_of_css_property("background-color")
    errors = [e for e in browser.get_log("browser") if e.get("level") == "SEVERE"]
    assert errors == []
    _screenshot(browser, tmp_path, "report_seed_pair.png")


CONFLICT_AR = ("قال مسؤولون في الشرطة إن 41 شخصاً قتلوا في الهجوم على السوق المركزي في المدينة. "
               "وأضافوا أن التحقيق ما زال جارياً.")
CONFLICT_EN = ("Police officials said 40 people were killed in the attack on the city's central "
               "market. They added that the investigation was continuing.")


def test_conflicting_values_are_shown_side_by_side(browser, tmp_path):
    """A count given differently: both values in one row, side a's left of side b's, each
    marked inside its own statement, and the columns' text untouched."""
    from selenium.webdriver.common.by import By

    align = pytest.importorskip("align")
    cmp = align.compare(CONFLICT_AR, CONFLICT_EN, src_lang="ar", tgt_lang="en")
    assert sorted(f.kind for f in cmp.flag_list) == ["conflict", "conflict"]
    _open(browser, cmp.to_html(title="conflict"), tmp_path / "conflict.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.conflicts tbody tr")
    assert len(rows) == 1
    cells = rows[0].find_elements(By.CSS_SELECTOR, "td")
    values = [[m.text for m in c.find_elements(By.CSS_SELECTOR, ".values mark.value")] for c in cells[1:]]
    assert values == [["41"], ["40"]]
    assert cells[1].rect["x"] + cells[1].rect["width"] <= cells[2].rect["x"] + 1
    contexts = [c.find_element(By.CSS_SELECTOR, ".context mark.value").text for c in cells[1:]]
    assert contexts == ["41", "40"]
    a_col, b_col = browser.find_elements(By.CSS_SELECTOR, "section.side .text")
    assert a_col.get_property("textContent") == cmp.a.text
    assert b_col.get_property("textContent") == cmp.b.text
    marks = browser.find_elements(By.CSS_SELECTOR, "section.side mark.flag.conflict")
    assert [m.text for m in marks] == ["41", "40"]
    assert "41 here, 40 there" in marks[0].get_attribute("title")
    assert not _alerted(browser)
    _screenshot(browser, tmp_path, "report_conflict.png")


def test_report_works_inside_the_notebook_frame(browser, tmp_path):
    """The inline notebook view (sandboxed srcdoc iframe) keeps the report interactive and inert."""
    from selenium.webdriver.common.by import By

    from align.outputs.notebook import report_iframe

    cmp = make_comparison()
    _open(browser, f"<!DOCTYPE html><meta charset='utf-8'>{report_iframe(cmp, height=500)}",
          tmp_path / "frame.html")
    browser.switch_to.frame(browser.find_element(By.TAG_NAME, "iframe"))
    b_col = browser.find_element(By.CSS_SELECTOR, 'section.side-b .text')
    assert b_col.get_property("textContent") == cmp.b.text
    assert browser.find_elements(By.TAG_NAME, "img") == []
    seg_a0 = browser.find_element(By.CSS_SELECTOR, '.seg[data-side="a"][data-seg="0"]')
    seg_a0.click()
    seg_b3 = browser.find_element(By.CSS_SELECTOR, '.seg[data-side="b"][data-seg="3"]')
    assert "counterpart" in seg_b3.get_attribute("class").split()


BIDI_SPILL_A = ("قال الرئيس إن الاجتماع كان مثمراً. وأضاف أن البلدين سيواصلان التعاون في مجال الطاقة. "
                "ووصل الوفد إلى العاصمة صباح اليوم.")
# The first English sentence opens a right-to-left override (U+202E) and never closes it.
BIDI_SPILL_B = ("The president said the meeting was \u202efruitful. "
                "He added that both countries would keep cooperating on energy. "
                "The delegation arrived in the capital this morning.")


def _char_left(driver, element, offset: int) -> float:
    """Left edge, in pixels, of the character at ``offset`` of an element's single text node."""
    return driver.execute_script(
        "const walker = document.createTreeWalker(arguments[0], NodeFilter.SHOW_TEXT);"
        "let node, pos = arguments[1];"
        "while ((node = walker.nextNode()) && pos >= node.length) pos -= node.length;"
        "const r = document.createRange(); r.setStart(node, pos); r.setEnd(node, pos + 1);"
        "return r.getBoundingClientRect().left;", element, offset)


def test_unterminated_bidi_override_stays_inside_its_statement(browser, tmp_path):
    """An unclosed U+202E reverses only its own statement: the next one reads left to right
    and sits after it, not drawn inside it (each statement is a bidi isolate)."""
    from selenium.webdriver.common.by import By

    align = pytest.importorskip("align")
    cmp = align.compare(BIDI_SPILL_A, BIDI_SPILL_B, src_lang="ar", tgt_lang="en")
    assert len(cmp.b.segments) == 3
    _open(browser, cmp.to_html(title="bidi spill"), tmp_path / "bidi.html")
    b_col = browser.find_element(By.CSS_SELECTOR, "section.side-b .text")
    assert b_col.get_property("textContent") == cmp.b.text
    first, second = (browser.find_element(By.CSS_SELECTOR, f'.seg[data-side="b"][data-seg="{i}"]')
                     for i in (0, 1))
    # Inside the override the first sentence's tail is reversed, as the text asks...
    k = cmp.b.segments[0].text.index("fruitful")
    assert _char_left(browser, first, k) > _char_left(browser, first, k + 7)
    # ...but the next statement reads left to right ("He added", on one line)...
    xs = [_char_left(browser, second, k) for k in range(8)]
    assert xs == sorted(xs) and xs[0] < xs[-1]
    # ...and starts after the first one ends, not inside it.
    assert xs[0] >= max(_char_left(browser, first, k) for k in range(len(cmp.b.segments[0].text)))
    _screenshot(browser, tmp_path, "report_bidi_isolation.png")


# Right of the last character of the first statement, or left of it: where the
# second statement of one line starts relative to the first, in pixels.
_GAP_JS = """
const [cell, first, second] = arguments;
const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
const nodes = []; let node, text = "";
while ((node = walker.nextNode())) { nodes.push([node, text.length]); text += node.data; }
function rangeOf(sub) {
  const at = text.indexOf(sub), end = at + sub.length, range = document.createRange();
  for (const [n, off] of nodes) {
    if (at >= off && at <= off + n.data.length) range.setStart(n, at - off);
    if (end >= off && end <= off + n.data.length) { range.setEnd(n, end - off); break; }
  }
  return range.getBoundingClientRect();
}
const a = rangeOf(first), b = rangeOf(second);
return {gap: b.left - a.right, sameLine: Math.abs(a.top - b.top) < 2};
"""


def test_unterminated_bidi_override_stays_in_its_statement_in_the_links_table(browser, tmp_path):
    """A merged link shows two statements in one table cell: a U+202E left open in the
    first must not reverse the second or draw it inside the first (each is a <bdi>)."""
    from selenium.webdriver.common.by import By

    from align.result import Comparison, Link, Settings
    from align.text import segment_text

    first, second = "The minister \u202eopened the session.", "Both sides signed the deal."
    a = segment_text("افتتح الوزير الجلسة. ووقع الطرفان الاتفاق.", "ar")
    b = segment_text(f"{first} {second}", "en")
    assert [s.text for s in b.segments] == [first, second]
    settings = Settings(encoder="use-m", segmenter="rules", version="0")
    cmp = Comparison(a, b, (Link((0, 1), (0, 1), 0.9),), (), settings)
    _open(browser, cmp.to_html(title="bidi"), tmp_path / "bidi.html")
    browser.execute_script("document.querySelectorAll('details').forEach(d => d.open = true);")

    cell = browser.find_elements(By.CSS_SELECTOR, "table.links tbody td")[2]
    assert cell.get_property("textContent") == f"{first} {second}"
    got = browser.execute_script(_GAP_JS, cell, "opened the session.", second)
    assert got["sameLine"], got
    assert got["gap"] >= 0, f"the second statement is drawn inside the first: {got}"
    _screenshot(browser, tmp_path, "report_bidi.png")
