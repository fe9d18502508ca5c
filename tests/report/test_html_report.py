"""The HTML report: escaping and the source spans it highlights (here), then the page in a real
headless Chromium (Debian's chromium + chromium-driver, driven by selenium): findings visible and
highlighted at their characters, filtering by rule, a <script> in a checked document inert, pairs
side by side, dismissed findings and the baseline export."""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from tests.conftest import SEEDS, run_zhen
from zhen_tools.findings import make_finding
from zhen_tools.glossary.model import Entry, Glossary
from zhen_tools.report import Report, render
from zhen_tools.report.html import embed_json
from zhen_tools.rules.context import DocContext
from zhen_tools.rules.glossary_mismatch import glossary_mismatch
from zhen_tools.rules.glossary_missing import glossary_missing
from zhen_tools.rules.number_mismatch import number_mismatch
from zhen_tools.run.inputs import pair_documents
from zhen_tools.text.document import document_from_text

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
SCRIPT = '<script>window.__zhen_pwned = 1;</script><img src="x" onerror="window.__zhen_pwned = 2">'
HOSTILE = f"Tokyo，Japan. {SCRIPT} ends here.\n"


def _pair(zh: str, en: str, glossary: Glossary | None = None):
    return pair_documents(
        DocContext(document_from_text(zh, "a.zh.txt"), glossary),
        DocContext(document_from_text(en, "a.en.txt"), glossary),
    )


def _source_text(pair, f) -> str:
    assert f.source_path == "a.zh.txt"
    return pair.source.doc.text[f.source_start : f.source_end]


# -- source spans: the pair rules say which source characters a finding is about ----------------


def test_number_mismatch_flags_with_the_source_number_span():
    pair = _pair("前言。\n经济损失约2.6万亿日元。", "Preface.\nThe loss would be about 2.6 billion yen.")
    (f,) = number_mismatch(pair)
    assert (f.text, _source_text(pair, f)) == ("2.6 billion", "2.6万亿")


def test_number_mismatch_missing_number_flags_its_source_span():
    pair = _pair("船只将于1月12日出发。", "The ship will depart soon.")
    (f,) = number_mismatch(pair)
    assert _source_text(pair, f) == "1月12日"


def test_number_mismatch_extra_number_passes_without_a_source_span():
    # A number only the target has: there is no source characters to point at.
    pair = _pair("船只出发了。", "The ship left with 300 crew.")
    (f,) = number_mismatch(pair)
    assert f.text == "300" and (f.source_path, f.source_start, f.source_end) == (None, None, None)


GLOSSARY = Glossary(
    entries=(
        Entry(
            "minami-torishima",
            "Minami-Torishima",
            kind="place",
            zh=("南鸟岛",),
            confusable=("okinotorishima",),
        ),
        Entry("okinotorishima", "Okinotorishima", kind="place", zh=("冲之鸟礁",)),
        Entry("chikyu", "Chikyū", kind="vessel", variants=("Chikyu",), zh=("地球号",)),
    )
)


def test_glossary_mismatch_flags_with_the_source_term_span():
    pair = _pair("探测船在南鸟岛附近作业。", "The ship worked near Okinotorishima.", GLOSSARY)
    (f,) = glossary_mismatch(pair)
    assert (f.text, _source_text(pair, f)) == ("Okinotorishima", "南鸟岛")


def test_glossary_missing_flags_with_the_source_term_span():
    pair = _pair("地球号从清水港出发。", "The ship left Shimizu.", GLOSSARY)
    (f,) = glossary_missing(pair)
    assert _source_text(pair, f) == "地球号"


# -- the page as text ---------------------------------------------------------------------------


def test_embed_json_escapes_what_could_end_the_script_element():
    text = embed_json({"t": "</script><!--&\u2028\u2029"})
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"t": "</script><!--&\u2028\u2029"}


def _page(text: str, path: str = "a.en.txt") -> str:
    doc = document_from_text(text, path)
    i = text.index("，")
    f = make_finding(doc, i, i + 1, "punctuation", "warning", "full-width comma", ",")
    return render(Report((f,), 1, documents={path: doc}), "html")


def test_document_text_is_escaped_and_nothing_is_fetched():
    page = _page(HOSTILE)
    assert "&lt;script&gt;window.__zhen_pwned = 1;&lt;/script&gt;" in page
    assert "<img" not in page and "<script>window" not in page
    # Self-contained: no URL to load anything from, and a policy that forbids connecting.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert "default-src 'none'" in page and "connect-src 'none'" in page
    # Only the report's own scripts: the data block and the nonce'd script.
    assert len(re.findall(r"<script\b", page)) == 2


def test_bilingual_file_rows_pair_source_and_target_cells(tmp_path):
    tsv = "zh\ten\n前言。\tPreface.\n经济损失约2.6万亿日元。\tThe loss would be about 2.6 billion yen.\n"
    (tmp_path / "t.tsv").write_text(tsv, encoding="utf-8")
    out = tmp_path / "t.html"
    run_zhen(
        "check",
        "--no-config",
        "--select",
        "number",
        "--format",
        "html",
        "-o",
        str(out),
        "t.tsv",
        cwd=tmp_path,
    )
    rows = re.findall(r'<tr id="p0-\d+">(.*?)</tr>', out.read_text(encoding="utf-8"))
    assert len(rows) == 2  # the header row is not a translation unit
    assert (
        '<td class="src" lang="zh">经济损失约<span class="anchor" id="s0"></span>'
        '<mark class="s" data-s="0">2.6万亿</mark>' in rows[1]
    )
    assert '<mark class="f sev-error" data-f="0">2.6 billion</mark> yen.</td>' in rows[1]


def test_bilingual_targets_read_as_their_units_without_quoting_markup_or_entities(browser, tmp_path):
    # An editor reads the side-by-side table: a wrapped msgstr showed `South Bird " "Island`, an
    # XLIFF target its `&amp;`, `<g id="1">` and `&quot;`, and the findings table the same.
    (tmp_path / "a.po").write_text(
        'msgid "南鸟岛"\nmsgstr ""\n"Mud near the South Bird "\n"Island, \\"they\\" said ."\n',
        encoding="utf-8",
    )
    (tmp_path / "t.xlf").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2"><file source-language="zh" '
        'target-language="en" datatype="plaintext" original="x"><body>\n<trans-unit id="1"><source>三井物产'
        '</source><target>Mitsui &amp; Co. near the <g id="1">South Bird Island</g> said '
        "&quot;yes&quot; .</target></trans-unit>\n</body></file></xliff>\n",
        encoding="utf-8",
    )
    findings = _open(browser, _report(tmp_path, "a.po", "t.xlf", cwd=tmp_path, extra=("--no-config",)))
    cells = [c.text for c in browser.find_elements("css selector", "table.sbs td.tgt")]
    assert cells == [
        'Mud near the South Bird Island, "they" said .',
        'Mitsui & Co. near the South Bird Island said "yes" .',
    ]
    shown = sorted((f["path"], f["text"]) for f in findings)
    assert shown == [
        ("a.po", " ."),
        ("a.po", "South Bird Island"),
        ("t.xlf", " ."),
        ("t.xlf", "South Bird Island"),
    ]
    for i in range(len(findings)):  # the highlight holds what the findings table says
        assert browser.execute_script(MARKED, i) == findings[i]["text"], findings[i]


def test_mark_is_at_the_findings_characters():
    page = _page("甲乙 Tokyo，Japan.")
    assert '<mark class="f sev-warning" data-f="0">，</mark>' in page


# -- in a real browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (dev extra)")
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("no browser: apt-get install chromium chromium-driver (as .ci/run does)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    profile = tempfile.mkdtemp(prefix="zhen-chromium-")
    for arg in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1000",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver, path: Path) -> list[dict]:
    driver.get(path.as_uri())
    assert driver.execute_script("return document.body.getAttribute('data-ready')") == "1"
    return driver.execute_script(
        "return JSON.parse(document.getElementById('zhen-data').textContent).findings"
    )


# The text under each finding's marks, joined: what the reader sees highlighted.
MARKED = """
var i = String(arguments[0]);
return Array.from(document.querySelectorAll('mark[data-f]')).filter(function (m) {
  return m.getAttribute('data-f').split(' ').indexOf(i) >= 0;
}).map(function (m) { return m.textContent; }).join('');
"""


def _report(tmp_path: Path, *paths: str, cwd: Path, extra: tuple[str, ...] = ()) -> Path:
    out = tmp_path / "report.html"
    proc = run_zhen("check", "--format", "html", "-o", str(out), *extra, *paths, cwd=cwd)
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stdout == ""
    return out


def test_seeds_report_shows_and_highlights_each_finding(browser, tmp_path):
    work = tmp_path / "seeds"
    shutil.copytree(SEEDS, work)
    (work / "hostile.en.txt").write_text(HOSTILE, encoding="utf-8")
    page = _report(tmp_path, ".", cwd=work)
    findings = _open(browser, page)
    assert not browser.execute_script("return window.__zhen_pwned")  # the <script> did not run
    body = browser.find_element("tag name", "body").text
    assert "<script>window.__zhen_pwned = 1;</script>" in body  # shown as text

    rows = browser.find_elements("css selector", "#findings tbody tr")
    assert len(rows) == len(findings) > 20
    assert all(r.is_displayed() for r in rows)
    rendered = [i for i, f in enumerate(findings) if f["loc"] == f"f{i}"]
    assert len(rendered) == len(findings)  # the seeds' findings are all inside rendered text
    for i in rendered:
        assert browser.execute_script(MARKED, i) == findings[i]["text"], findings[i]
    south = next(i for i, f in enumerate(findings) if f["text"] == "South Bird Island")
    mark = browser.find_element("css selector", f"#f{south} + mark")
    assert mark.text == "South Bird Island" and "off" not in mark.get_attribute("class")

    browser.save_screenshot(str(tmp_path / "seeds.png"))
    browser.save_screenshot(str(Path(tempfile.gettempdir()) / "zhen-html-report-seeds.png"))

    # Filter by rule: only punctuation stays, in the table and in the text.
    for box in browser.find_elements("css selector", "#f-rules input"):
        if box.get_attribute("value") != "punctuation":
            box.click()
    shown = [r for r in rows if r.is_displayed()]
    assert shown and len(shown) == sum(f["rule"] == "punctuation" for f in findings)
    assert {r.get_attribute("data-rule") for r in shown} == {"punctuation"}
    assert "off" in mark.get_attribute("class")  # South Bird Island no longer highlighted

    # Clicking a row brings its finding into view.
    comma = next(r for r in shown if "hostile.en.txt" in r.text)
    comma.click()
    target = browser.find_element("css selector", "#" + findings[int(comma.get_attribute("data-i"))]["loc"])
    assert browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight;", target
    )


ZH = "前言。\n经济损失约2.6万亿日元。\n船只将于1月12日出发。\n"
EN = "Preface.\nThe loss would be about 2.6 billion yen.\nThe ship will depart on January 12.\n"


def test_pair_side_by_side_highlights_the_source_number(browser, tmp_path):
    work = tmp_path / "pair"
    work.mkdir()
    (work / "a.zh.txt").write_text(ZH, encoding="utf-8")
    (work / "a.en.txt").write_text(EN, encoding="utf-8")
    findings = _open(browser, _report(tmp_path, ".", cwd=work, extra=("--no-config", "--select", "number")))
    assert [f["text"] for f in findings] == ["2.6 billion"]
    rows = browser.find_elements("css selector", "table.sbs tbody tr")
    assert len(rows) == 3  # three sentence beads
    src, tgt = rows[1].find_elements("css selector", "td.src mark.s, td.tgt mark.f")
    assert (src.text, tgt.text) == ("2.6万亿", "2.6 billion")
    assert rows[1].find_element("css selector", "td.src").text == "经济损失约2.6万亿日元。"
    browser.save_screenshot(str(tmp_path / "pair.png"))


def test_dismissed_findings_hide_behind_a_toggle_and_export_as_a_baseline(browser, tmp_path):
    work = tmp_path / "bl"
    work.mkdir()
    (work / "a.en.txt").write_text("Tokyo，Japan.\n", encoding="utf-8")
    run_zhen("check", "--no-config", "--write-baseline", "zhen-baseline.json", ".", cwd=work)
    data = json.loads((work / "zhen-baseline.json").read_text(encoding="utf-8"))
    data["entries"][0]["reason"] = "house style"
    (work / "zhen-baseline.json").write_text(json.dumps(data), encoding="utf-8")
    (work / "a.en.txt").write_text("Tokyo，Japan.\nOsaka，Japan.\n", encoding="utf-8")
    findings = _open(
        browser, _report(tmp_path, ".", cwd=work, extra=("--no-config", "--baseline", "zhen-baseline.json"))
    )
    assert [(f["line"], f["dismissed"], f["reason"]) for f in findings] == [
        (2, False, None),
        (1, True, "house style"),
    ]
    rows = browser.find_elements("css selector", "#findings tbody tr")
    assert [r.is_displayed() for r in rows] == [True, False]
    browser.find_element("id", "f-dismissed").click()
    assert rows[1].is_displayed() and "dis" in rows[1].get_attribute("class")
    assert "house style" in rows[1].text

    # Tick the new one too, give a reason, export: the download is a Blob, written by the page.
    rows[0].find_element("css selector", "input").click()
    browser.find_element("id", "reason").send_keys("proper noun list")
    browser.find_element("id", "export").click()
    link = browser.find_element("id", "export-link")
    assert link.get_attribute("href").startswith("blob:file://") or link.get_attribute("href").startswith(
        "blob:"
    )
    exported = json.loads(link.get_attribute("data-json"))
    reasons = sorted(e.get("reason") for e in exported["entries"])
    assert reasons == ["house style", "proper noun list"]
    (work / "reviewed.json").write_text(link.get_attribute("data-json"), encoding="utf-8")
    proc = run_zhen("check", "--no-config", "--baseline", "reviewed.json", "a.en.txt", cwd=work)
    assert "No findings" in proc.stdout, proc.stdout + proc.stderr
