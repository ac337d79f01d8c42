"""Translation QA: issues from a comparison, severities, ids, ignore files, formats, CLI."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from align.cli import main as check_main
from align.errors import AlignInputError
from align.files import read_manifest
from align.outputs.qa_formats import CSV_COLUMNS, render, to_junit
from align.qa import (
    SEVERITIES,
    QAReport,
    Thresholds,
    check,
    check_manifest,
    exit_status,
    issue_id,
    load_ignore,
)
from align.result import Comparison, Flag, Link, Settings
from align.text.document import Document, Segment, Span

SETTINGS = Settings(encoder="test", segmenter="test", version="0", method="hand")


def make_doc(sentences: list[str], lang: str, prefix: str = "") -> Document:
    text = prefix
    segs = []
    for k, s in enumerate(sentences):
        if text and not text.endswith(" "):
            text += " "
        start = len(text)
        text += s
        segs.append(Segment(k, start, len(text), s, (Span(start, len(text), s),)))
    return Document(text, lang, tuple(segs))


def flag_of(doc: Document, side: str, seg: int, confidence: float, part: str | None = None,
            kind: str = "unmatched") -> Flag:
    s = doc.segments[seg]
    if part is None:
        return Flag(side, s.start, s.end, s.text, kind, confidence, seg)
    start = s.start + s.text.index(part)
    return Flag(side, start, start + len(part), part, "partial", confidence, seg)


AR = [
    "التقى الرئيسان يوم الثلاثاء 19/7/2022 في طهران.",
    "وقال الرئيس إن ١٢ اتفاقية وُقّعت.",
    "وقدّم الرئيس التركي التهنئة بعيد الأضحى المبارك لكل الشعب الإيراني والحكومة.",
]
EN = [
    "The presidents met in Tehran on Tuesday.",
    "The president said 13 agreements were signed.",
    "All content by this agency is licensed under a Creative Commons licence.",
]


def seed_like(prefix_a: str = "", prefix_b: str = "") -> Comparison:
    a = make_doc(AR, "ar", prefix_a)
    b = make_doc(EN, "en", prefix_b)
    flags = (flag_of(a, "a", 2, 0.95), flag_of(b, "b", 2, 0.3))
    links = (Link((0,), (0,), 0.9), Link((1,), (1,), 0.4))
    return Comparison(a, b, links, flags, SETTINGS)


#: The severity thresholds the seed_like fixture's confidences were written
#: around; the defaults move when benchmarks/qa_thresholds.py is re-run.
FIXTURE_THRESHOLDS = dict(error_confidence=0.5, warning_confidence=0.2, error_min_words=10,
                          warning_min_words=8)


def test_flags_become_omissions_and_additions():
    report = check(seed_like(), numbers=False, **FIXTURE_THRESHOLDS)
    cats = [(i.category, i.side, i.severity) for i in report.issues]
    # the added licence line is boilerplate: a note whatever its confidence and length
    assert cats == [("omission", "a", "error"), ("addition", "b", "note")]
    by_length = check(seed_like(), numbers=False,
                      thresholds=Thresholds(**FIXTURE_THRESHOLDS, by_content=False))
    assert [i.severity for i in by_length.issues] == ["error", "warning"]
    om = report.issues[0]
    cmp = seed_like()
    assert cmp.a.text[om.start : om.end] == om.text == AR[2]
    assert om.lang == "ar" and om.segment == 2


def test_number_mismatches_in_linked_statements():
    report = check(seed_like(), **FIXTURE_THRESHOLDS)
    nums = [(i.side, i.text, i.severity) for i in report.issues if i.category == "number-mismatch"]
    # The English renders the date by its weekday (19/7/2022 was a Tuesday): a
    # note, not an error; 12 became 13.
    assert nums == [("a", "19/7/2022", "note"), ("a", "١٢", "warning"), ("b", "13", "warning")]
    date = next(i for i in report.issues if i.text == "19/7/2022")
    assert "day 19, month 7, year 2022" in date.detail and "weekday" in date.detail
    assert seed_like().a.text[date.start : date.end] == "19/7/2022"


def test_numbers_inside_a_flag_are_not_reported_twice():
    cmp = seed_like()
    extra = flag_of(cmp.a, "a", 0, 0.9, part="يوم الثلاثاء 19/7/2022")
    cmp = Comparison(cmp.a, cmp.b, cmp.link_list, cmp.flag_list + (extra,), SETTINGS)
    report = check(cmp)
    assert "19/7/2022" not in [i.text for i in report.issues if i.category == "number-mismatch"]
    assert any(i.category == "omission" and "19/7/2022" in i.text for i in report.issues)


def test_unlinked_segments_give_no_number_mismatch():
    cmp = seed_like()
    cmp = Comparison(cmp.a, cmp.b, (), cmp.flag_list, SETTINGS)
    assert not [i for i in check(cmp).issues if i.category == "number-mismatch"]


def test_severity_from_confidence_and_length():
    th = Thresholds(error_confidence=0.8, warning_confidence=0.5, error_min_words=5,
                    warning_min_words=2)
    assert th.severity(0.9, 10) == "error"
    assert th.severity(0.9, 3) == "warning"  # too short for an error
    assert th.severity(0.9, 1) == "note"
    assert th.severity(0.6, 10) == "warning"
    assert th.severity(0.3, 10) == "note"
    assert th.severity(0.85) == "error"  # no length for number mismatches


def test_threshold_keywords_and_min_confidence():
    report = check(seed_like(), numbers=False, warning_confidence=0.4, min_confidence=0.0)
    assert [i.severity for i in report.issues] == ["error", "note"]
    report = check(seed_like(), numbers=False, min_confidence=0.4, warning_confidence=0.4)
    assert [i.category for i in report.issues] == ["omission"]


@pytest.mark.parametrize("kwargs", [
    {"error_confidence": 1.5},
    {"warning_confidence": -0.1},
    {"error_confidence": 0.4, "warning_confidence": 0.5},
    {"min_confidence": 0.9},
    {"error_min_words": -1},
    {"warning_min_words": 2.5},
    {"error_confidence": True},
])
def test_bad_thresholds_fail_early(kwargs):
    with pytest.raises(AlignInputError):
        check(seed_like(), **kwargs)


def test_ids_survive_edits_elsewhere():
    before = check(seed_like())
    after = check(seed_like(prefix_a="عنوان جديد. ", prefix_b="A new headline. "))
    assert [i.id for i in before.issues] == [i.id for i in after.issues]
    assert [i.start for i in before.issues] != [i.start for i in after.issues]
    ids = [i.id for i in before.issues]
    assert len(set(ids)) == len(ids)
    assert issue_id("omission", "a", "x") != issue_id("addition", "a", "x")
    assert issue_id("omission", "a", "x") != issue_id("omission", "b", "x")
    assert issue_id("omission", "a", " Hello,  world ") == issue_id("omission", "a", "hello, world.")
    assert issue_id("omission", "a", "قال ١٩") == issue_id("omission", "a", "قال 19")


def test_ignore_file_suppresses_known_issues(tmp_path):
    report = check(seed_like())
    target = report.issues[0]
    f = tmp_path / "known.txt"
    f.write_text(f"# known issues\n\n{target.id}   # the Eid clause\n", encoding="utf-8")
    assert load_ignore(f) == {target.id}
    again = check(seed_like(), ignore=f)
    assert target.id not in [i.id for i in again.issues]
    assert again.suppressed == 1
    assert len(again.issues) == len(report.issues) - 1


def test_bad_ignore_files(tmp_path):
    with pytest.raises(AlignInputError, match="not found"):
        load_ignore(tmp_path / "missing.txt")
    bad = tmp_path / "bad.txt"
    bad.write_text("# ok\nnot-a-hash\n", encoding="utf-8")
    with pytest.raises(AlignInputError, match="line 2"):
        load_ignore(bad)


def test_exit_status():
    report = check(seed_like(), numbers=False)  # an error and a warning
    assert exit_status(report, "error") == 1
    assert exit_status(report, "warning") == 1
    assert exit_status(report, "never") == 0
    warn_only = check(seed_like(), numbers=False, error_confidence=1.0)
    assert exit_status(warn_only, "error") == 0
    assert exit_status(warn_only, "warning") == 1
    assert exit_status(QAReport(issues=()), "note") == 0
    with pytest.raises(AlignInputError):
        exit_status(report, "fatal")


# -- formats ----------------------------------------------------------------------
HOSTILE = 'Hostile <script>alert("x")</script> & "><img onerror=1> \x00\x07 =cmd|calc'


def hostile_comparison() -> Comparison:
    a = make_doc(["نص عربي عادي هنا.", "جملة أخرى هنا."], "ar")
    b = make_doc(["Normal English text here.", HOSTILE], "en")
    flags = (flag_of(b, "b", 1, 0.99),)
    return Comparison(a, b, (Link((0,), (0,), 0.9),), flags, SETTINGS)


def test_json_shape():
    data = json.loads(render(check(seed_like()), "json"))
    assert set(data) >= {"issues"}
    for issue in data["issues"]:
        assert {"category", "severity", "side", "start", "end", "text", "confidence"} <= set(issue)
        assert issue["severity"] in ("error", "warning", "note")
        assert issue["category"] in ("omission", "addition", "number-mismatch")
        assert isinstance(issue["start"], int) and isinstance(issue["confidence"], float)
    assert data["issues"][0]["text"] == AR[0][AR[0].index("19/7"):][:9]


def test_csv_parses_back():
    report = check(hostile_comparison())
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == len(report.issues)
    assert rows[0]["category"] == "addition" and rows[0]["text"].endswith("=cmd|calc")
    cmp = seed_like()
    rows = list(csv.DictReader(io.StringIO(render(check(cmp), "csv"))))
    assert [r["text"] for r in rows] == [i.text for i in check(cmp).issues]


def test_csv_guards_against_formulas():
    a = make_doc(["نص."], "ar")
    b = make_doc(["=HYPERLINK(\"http://x\")"], "en")
    cmp = Comparison(a, b, (), (flag_of(b, "b", 0, 0.9),), SETTINGS)
    (row,) = list(csv.DictReader(io.StringIO(render(check(cmp), "csv"))))
    assert row["text"].startswith("'=")


def test_junit_each_issue_a_failed_case_with_fail_on_note():
    report = check(seed_like())
    root = ET.fromstring(to_junit(report, fail_on="note"))
    cases = root.findall(".//testcase")
    assert len(cases) == len(report.issues)
    assert all(c.find("failure") is not None for c in cases)
    assert root.get("failures") == str(len(report.issues))


@pytest.mark.parametrize("fail_on", ["error", "warning", "never"])
def test_junit_fails_only_issues_that_reach_fail_on(fail_on):
    report = check(seed_like())
    assert {i.severity for i in report.issues} >= {"error", "note"}  # the test can tell them apart
    root = ET.fromstring(to_junit(report, fail_on=fail_on))
    cases = root.findall(".//testcase")
    assert len(cases) == len(report.issues)
    should_fail = [fail_on != "never" and SEVERITIES.index(i.severity) >= SEVERITIES.index(fail_on)
                   for i in report.issues]
    assert [c.find("failure") is not None for c in cases] == should_fail
    for case, fails in zip(cases, should_fail):
        if not fails:  # the issue is still reported, as the case's output
            assert case.find("system-out") is not None and case.find("system-out").text
    assert root.get("failures") == str(sum(should_fail))
    assert (root.get("failures") != "0") == (exit_status(report, fail_on) == 1)


def test_junit_escapes_hostile_text():
    report = check(hostile_comparison())
    xml = to_junit(report, fail_on="note")
    root = ET.fromstring(xml)  # well-formed despite <, &, quotes and control characters
    (failure,) = root.iter("failure")
    assert "<script>" in failure.text and "<script>" not in xml
    assert "\x00" not in xml
    xml = to_junit(report, fail_on="never")  # the same text as a passing case's output
    (out,) = ET.fromstring(xml).iter("system-out")
    assert "<script>" in out.text and "<script>" not in xml and "\x00" not in xml


def test_junit_clean_pair_passes():
    a = make_doc(["نص عربي."], "ar")
    b = make_doc(["English text."], "en")
    report = check(Comparison(a, b, (Link((0,), (0,), 0.9),), (), SETTINGS))
    root = ET.fromstring(to_junit(report))
    (case,) = root.iter("testcase")
    assert case.find("failure") is None and case.find("error") is None
    assert root.get("failures") == "0"


def test_text_format_lists_issues():
    out = render(check(seed_like(), **FIXTURE_THRESHOLDS), "text")
    assert out.startswith("align check: 5 issues (1 error, 2 warnings, 2 notes)")
    assert "19/7/2022" in out and AR[2] in out


def test_frame():
    df = check(seed_like()).frame
    assert list(df["category"])[:2] == ["number-mismatch", "number-mismatch"]
    assert {"id", "severity", "text"} <= set(df.columns)


# -- CLI and manifests, with the comparison replaced by a hand-built one ------------
@pytest.fixture
def fake_compare(monkeypatch):
    """align.compare replaced: texts that contain "CLEAN" compare clean."""
    import align.pipeline as compare_module

    def fake(text_a, text_b, **kwargs):
        if not text_a.strip() or not text_b.strip():
            raise AlignInputError("text is empty")
        if "CLEAN" in text_b:
            a, b = make_doc(["نص."], "ar"), make_doc(["CLEAN text."], "en")
            return Comparison(a, b, (Link((0,), (0,), 0.9),), (), SETTINGS)
        return seed_like()

    monkeypatch.setattr(compare_module, "compare", fake)
    return fake


@pytest.fixture
def files(tmp_path):
    (tmp_path / "a.txt").write_text("نص المصدر", encoding="utf-8")
    (tmp_path / "b.txt").write_text("target text", encoding="utf-8")
    (tmp_path / "clean.txt").write_text("CLEAN target", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("  ", encoding="utf-8")
    return tmp_path


def test_cli_exit_codes(fake_compare, files, capsys):
    a, b, clean = str(files / "a.txt"), str(files / "b.txt"), str(files / "clean.txt")
    assert check_main(["check", a, b, "--fail-on", "warning"]) == 1
    assert "omission" in capsys.readouterr().out
    assert check_main(["check", a, b, "--fail-on", "never"]) == 0
    assert check_main(["check", a, clean, "--fail-on", "note"]) == 0
    assert check_main(["check", a, b, "--error-confidence", "1", "--fail-on", "error",
                       "--no-numbers"]) == 0


def test_cli_formats_and_output_file(fake_compare, files, capsys):
    a, b = str(files / "a.txt"), str(files / "b.txt")
    check_main(["check", a, b, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert data["issues"]
    out = files / "report.csv"
    check_main(["check", a, b, "--format", "csv", "-o", str(out)])
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == len(data["issues"])
    out = files / "report.xml"
    check_main(["check", a, b, "--format", "junit", "-o", str(out)])
    assert ET.parse(out).getroot().tag == "testsuites"


def test_cli_ignore(fake_compare, files, capsys):
    a, b = str(files / "a.txt"), str(files / "b.txt")
    check_main(["check", a, b, "--format", "json"])
    ids = [i["id"] for i in json.loads(capsys.readouterr().out)["issues"]]
    ignore = files / "ignore.txt"
    ignore.write_text("\n".join(ids) + "\n", encoding="utf-8")
    assert check_main(["check", a, b, "--ignore", str(ignore), "--fail-on", "note"]) == 0


@pytest.mark.parametrize("argv, message", [
    (["check"], "SOURCE and TARGET"),
    (["check", "a.txt"], "SOURCE and TARGET"),
    (["check", "a.txt", "b.txt", "--manifest", "m.csv"], "not both"),
    (["check", "missing.txt", "b.txt"], "file not found"),
    (["check", "a.txt", "b.txt", "--ignore", "nope.txt"], "ignore file not found"),
    (["check", "a.txt", "empty.txt"], "empty"),
    (["check", "--manifest", "nope.csv"], "manifest not found"),
    (["check", "a.txt", "b.txt", "--error-confidence", "0.1"], "warning_confidence"),
])
def test_cli_usage_and_input_errors_exit_2(fake_compare, files, capsys, monkeypatch, argv, message):
    monkeypatch.chdir(files)
    assert check_main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_cli_argparse_errors_exit_2(files, capsys):
    with pytest.raises(SystemExit) as exc:
        check_main(["check", "a", "b", "--error-confidence", "2"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        check_main(["check", "a", "b", "--fail-on", "fatal"])
    assert exc.value.code == 2


def write_manifest(root: Path, rows: list[str], header: bool = True) -> Path:
    m = root / "pairs.csv"
    m.write_text(("id,source,target\n" if header else "") + "\n".join(rows) + "\n", encoding="utf-8")
    return m


def test_read_manifest(files):
    m = write_manifest(files, ["p1,a.txt,b.txt", f"p2,{files / 'a.txt'},clean.txt"])
    rows = read_manifest(m)
    assert [r[0] for r in rows] == ["p1", "p2"]
    assert rows[0][1] == files / "a.txt"
    assert len(read_manifest(write_manifest(files, ["p1,a.txt,b.txt"], header=False))) == 1
    for bad, msg in [(["p1,a.txt"], "3 columns"), (["p1,a.txt,b.txt", "p1,a.txt,b.txt"], "duplicate"),
                     (["p1,a.txt,missing.txt"], "file not found"), ([], "no pairs")]:
        with pytest.raises(AlignInputError, match=msg):
            read_manifest(write_manifest(files, bad))


def test_manifest_one_report_for_all_pairs(fake_compare, files, capsys):
    m = write_manifest(files, ["p1,a.txt,b.txt", "p2,a.txt,clean.txt"])
    report = check_manifest(m)
    assert [p.id for p in report.pairs] == ["p1", "p2"]
    assert {i.pair for i in report.issues} == {"p1"}
    root = ET.fromstring(to_junit(report))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["p1", "p2"]
    assert suites[1].find("testcase/failure") is None
    assert check_main(["check", "--manifest", str(m), "--format", "csv", "--fail-on", "warning"]) == 1
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["pair"] for r in rows} == {"p1"}


def test_manifest_bad_pair_is_reported_and_exits_2(fake_compare, files, capsys):
    m = write_manifest(files, ["p1,a.txt,clean.txt", "bad,a.txt,empty.txt"])
    assert check_main(["check", "--manifest", str(m), "--format", "junit"]) == 2
    captured = capsys.readouterr()
    root = ET.fromstring(captured.out)
    assert root.get("errors") == "1"
    assert "pair bad: text is empty" in captured.err


@pytest.mark.parametrize("text, lang, expected", [
    ("and congratulated the nation on Eid al-Adha", "en", "fact"),    # a name
    ("التهنئة والمباركة بعيدي الأضحى والغدير، مؤكداً", "ar", "fact"),  # a predicate's worth
    ("a decision that was not lawful", "en", "fact"),                 # a negation
    ("لم يحضر", "ar", "fact"),
    ("on 14 July", "en", "fact"),                                     # a date
    ("he said", "en", "glue"),
    ("وأضاف سماحته", "ar", "glue"),
    ("All content is licensed under a Creative Commons licence.", "en", "glue"),
    ("the big one", "en", "plain"),
])
def test_content_class(text, lang, expected):
    from align.qa import content_class

    assert content_class(text, lang) == expected


def test_short_fact_is_a_warning_and_glue_a_note():
    a = make_doc(["قال الرئيس: نحن متفقون، لم نتفق على الحدود.", "وأضاف سماحته."], "ar")
    b = make_doc(["The president said: we agree.", "He said."], "en")
    fact = flag_of(a, "a", 0, 0.9, part="لم نتفق على الحدود")
    glue = flag_of(a, "a", 1, 0.99, part="وأضاف سماحته")
    cmp = Comparison(a, b, (Link((0,), (0,), 0.9),), (fact, glue), SETTINGS)
    report = check(cmp, numbers=False)
    assert [(i.text, i.severity) for i in report.issues] == [
        ("لم نتفق على الحدود", "warning"), ("وأضاف سماحته", "note")]
    # below warning confidence a fact stays a note
    low = Comparison(a, b, cmp.link_list, (Flag("a", fact.start, fact.end, fact.text, "partial",
                                                0.3, 0),), SETTINGS)
    assert check(low, numbers=False).issues[0].severity == "note"
