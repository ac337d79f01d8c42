"""The ``align`` command's success paths, its one error path, and the per-pair runner
that manifests and frames share."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import REPO

import align
from align.cli import main
from align.collections.runner import run_pairs
from align.errors import AlignEncoderError, AlignInputError

AR = "هطلت أمطار غزيرة على المدينة أمس. وأغلقت المدارس أبوابها. وافتتح الوزير جسراً جديداً."
EN = "Heavy rain fell on the city yesterday. Schools closed their doors."


@pytest.fixture()
def pair(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "b.txt").write_text(EN, encoding="utf-8")
    return str(tmp_path / "a.txt"), str(tmp_path / "b.txt")


def test_compare_prints_a_table_of_flags_and_links(pair, capsys):
    assert main(["compare", *pair]) == 0
    out = capsys.readouterr().out
    cmp = align.compare(AR, EN)
    assert out.startswith(f"# {cmp.signature}\n")
    assert f"ONLY IN ONE VERSION ({len(cmp.flag_list)})" in out
    assert f"LINKS ({len(cmp.link_list)})" in out
    assert "وافتتح الوزير" in out  # the Arabic-only statement is listed


def test_compare_json_on_stdout_and_in_a_file_is_the_interchange_format(pair, tmp_path, capsys):
    assert main(["compare", *pair, "--format", "json"]) == 0
    expected = align.compare(AR, EN).to_json() + "\n"
    assert capsys.readouterr().out == expected
    out = tmp_path / "out.json"
    assert main(["compare", *pair, "--format", "json", "-o", str(out), "-v"]) == 0
    assert out.read_text(encoding="utf-8") == expected


def test_every_subcommand_takes_verbose(pair, tmp_path):
    from align.cli import build_parser

    for argv in (["compare", *pair], ["check", *pair], ["pair", str(tmp_path), str(tmp_path)]):
        assert build_parser().parse_args(argv + ["-vv"]).verbose == 2


def test_an_unwritable_output_is_one_error_line(pair, tmp_path, capsys):
    status = main(["compare", *pair, "-o", str(tmp_path / "no" / "such" / "dir.txt")])
    err = capsys.readouterr().err
    assert status == 2 and err.startswith("align compare: error: No such file or directory")
    assert len(err.strip().splitlines()) == 1


def test_a_bad_pair_in_a_compare_manifest_is_reported_and_the_rest_written(pair, tmp_path, capsys):
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("good,a.txt,b.txt\nbad,a.txt,empty.txt\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["compare", "--manifest", str(tmp_path / "pairs.csv"), "-o", str(out)]) == 2
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    assert "align compare: error: pair bad: " in capsys.readouterr().err


def test_a_bad_pair_is_said_once_on_stderr(tmp_path):
    (tmp_path / "a.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "empty.txt").write_text(" ", encoding="utf-8")
    (tmp_path / "pairs.csv").write_text("bad,a.txt,empty.txt\n", encoding="utf-8")
    for argv in (["compare", "--manifest", "pairs.csv", "-o", "out"],
                 ["check", "--manifest", "pairs.csv"]):
        proc = subprocess.run([sys.executable, "-m", "align", *argv], capture_output=True, text=True,
                              cwd=tmp_path, timeout=120, env={**os.environ, "PYTHONPATH": str(REPO)})
        assert proc.returncode == 2
        assert proc.stderr.count("pair bad") == 1, proc.stderr  # not also as a log record


def test_python_dash_m_align_runs_the_command():
    proc = subprocess.run([sys.executable, "-m", "align", "--version"], capture_output=True,
                          text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0 and proc.stdout.startswith("align ")


def test_the_runner_records_or_raises_the_errors_a_pair_may_have():
    def work(pid, a, b):
        if a is None:
            raise AlignInputError("text_a is empty")
        if b is None:
            raise FileNotFoundError(2, "No such file", "b.txt")
        if a == "enc":
            raise AlignEncoderError("NaN")
        return a + b

    rows = [(1, "x", "y"), (2, None, "y"), (3, "x", None), (4, "enc", "y")]
    got = [(o.id, o.result, o.error) for o in run_pairs(rows, work, show_progress_bar=False)]
    assert got[0] == (1, "xy", None)
    assert [g[1] for g in got[1:]] == [None, None, None]
    assert "empty" in got[1][2] and "b.txt" in got[2][2] and "NaN" in got[3][2]
    with pytest.raises(AlignInputError, match="pair 2: text_a is empty"):
        list(run_pairs(rows, work, errors="raise", show_progress_bar=False))


def test_the_runner_lets_a_bug_through():
    def work(pid, a, b):
        raise KeyError("bug")

    with pytest.raises(KeyError):
        list(run_pairs([(1, "a", "b")], work, show_progress_bar=False))
