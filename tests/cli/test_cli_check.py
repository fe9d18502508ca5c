"""``zhen check`` as a user runs it: exit statuses for every format, errors as one line, bad input
without tracebacks, --jobs, --select/--ignore, pairs, and no noise on stderr in pipes."""

from __future__ import annotations

import io
import json
import os
import shutil

import pytest

from tests.conftest import SEEDS, run_zhen, seed, zhen_to_a_gone_reader
from zhen_tools.run.progress import Progress, progress_wanted

FORMATS = ("text", "json", "sarif", "github")
GLOSSARY = '[glossary]\nname = "t"\n\n[[entry]]\nid = "tokyo"\nkind = "place"\nen = "Tokyo"\nforbidden = ["Dongjing"]\n'
ERROR_LINE = "He flew to Dongjing on Monday.\n"  # glossary-forbidden: an error
CLEAN_LINE = "He flew to Tokyo on Monday.\n"


@pytest.fixture
def work(tmp_path):
    (tmp_path / "g.toml").write_text(GLOSSARY, encoding="utf-8")
    (tmp_path / "bad.txt").write_text(ERROR_LINE, encoding="utf-8")
    (tmp_path / "good.txt").write_text(CLEAN_LINE, encoding="utf-8")
    return tmp_path


def zhen_in(work, *args, **kw):
    return run_zhen("check", *args, "--glossary", "g.toml", "--no-config", cwd=work, **kw)


# -- exit status ----------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_exit_status_is_the_same_for_every_format(work, fmt):
    assert zhen_in(work, "good.txt", "--format", fmt).returncode == 0
    bad = zhen_in(work, "bad.txt", "--format", fmt)
    assert bad.returncode == 1
    assert "Dongjing" in bad.stdout
    assert zhen_in(work, "bad.txt", "--format", fmt, "--exit-zero").returncode == 0
    missing = zhen_in(work, "bad.txt", "missing.txt", "--format", fmt, "--exit-zero")
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == ["zhen: missing.txt: no such file or directory"]
    assert "Dongjing" in missing.stdout  # the readable file is still checked and reported


def _to_a_gone_reader(work, *args):
    return zhen_to_a_gone_reader("check", *args, "--glossary", "g.toml", "--no-config", cwd=work)


@pytest.mark.parametrize("fmt", [*FORMATS, "diff"])
def test_a_reader_that_went_away_leaves_the_exit_status_of_the_findings(work, fmt):
    # `zhen check ... | head` in a `set -o pipefail` script: the report cannot be written, and
    # the status must still say there were findings (it was 0), without a traceback.
    args = ["--diff"] if fmt == "diff" else ["--format", fmt]
    assert _to_a_gone_reader(work, "bad.txt", *args) == (1, b"")
    assert _to_a_gone_reader(work, "good.txt", *args) == (0, b"")


@pytest.mark.parametrize("fmt", ["jsonl", "text"])
def test_jsonl_records_to_a_reader_that_went_away_keep_the_exit_status_too(work, fmt):
    # Streamed (jsonl): the run stops at the first line it cannot write, a failing finding.
    for name, target, status in (("bad", ERROR_LINE, 1), ("good", CLEAN_LINE, 0)):
        record = {"id": "1", "source": "他周一飞往东京。", "target": target.strip()}
        (work / f"{name}.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        assert _to_a_gone_reader(work, f"{name}.jsonl", "--format", fmt) == (status, b""), name


def test_warnings_fail_only_with_fail_on_warning(work):
    (work / "warn.txt").write_text("He flew to Dongjing.\n", encoding="utf-8")
    (work / "zhen.toml").write_text('[severity]\nglossary-forbidden = "warning"\n', encoding="utf-8")
    args = ("check", "warn.txt", "--glossary", "g.toml")
    assert run_zhen(*args, cwd=work).returncode == 0
    assert run_zhen(*args, "--fail-on", "warning", cwd=work).returncode == 1
    assert run_zhen(*args, "--fail-on", "error", cwd=work).returncode == 0
    assert run_zhen(*args, "--fail-on", "info", cwd=work).returncode == 1


def test_json_summary_counts_the_files_checked(work):
    (work / "bin.dat").write_bytes(b"\x00\x01\x02\x03" * 100)
    proc = zhen_in(work, "bad.txt", "good.txt", "bin.dat", "--format", "json")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["zhen: bin.dat: binary file (not text), skipped"]
    out = json.loads(proc.stdout)
    assert out["summary"]["files"] == 2
    assert out["summary"]["by_rule"] == {"glossary-forbidden": 1}


def test_usage_errors_exit_2(work):
    assert zhen_in(work).returncode == 2  # no PATH
    proc = zhen_in(work, "bad.txt", "--select", "no-such-rule")
    assert proc.returncode == 2 and proc.stderr.startswith("zhen: unknown rule 'no-such-rule'")
    assert zhen_in(work, "bad.txt", "--jobs", "-1").returncode == 2
    assert zhen_in(work, "bad.txt", "--format", "xml").returncode == 2
    assert zhen_in(work, "--source", "bad.txt").returncode == 2


def test_a_rerun_does_not_check_the_last_runs_report_file(work):
    # The report of `zhen check . -o report.json` lies in the folder the next run walks: it holds
    # the findings' text, which was checked again (more findings, one more file).
    for fmt, name, summary in (
        ("json", "report.json", lambda t: [json.loads(t)["summary"][k] for k in ("files", "findings")]),
        ("text", "report.txt", lambda t: t.splitlines()[-1]),
    ):
        first = zhen_in(work, ".", "--format", fmt, "-o", name)
        once = summary((work / name).read_text(encoding="utf-8"))
        again = zhen_in(work, ".", "--format", fmt, "-o", name)
        assert first.returncode == again.returncode == 1, again.stderr
        assert summary((work / name).read_text(encoding="utf-8")) == once
        (work / name).unlink()
    assert once == "1 finding (1 error, 0 warnings, 0 info) in 2 files"  # bad.txt and good.txt


@pytest.mark.parametrize(
    "args",
    [
        ("bad.txt", "-o", "bad.txt"),
        ("good.txt", "bad.txt", "-o", "./bad.txt"),
        ("--source", "good.txt", "--target", "bad.txt", "-o", "bad.txt"),
        ("bad.jsonl", "-o", "bad.jsonl"),
    ],
)
def test_a_report_file_that_is_also_an_input_is_refused_and_the_input_kept(work, args):
    (work / "bad.jsonl").write_text(json.dumps({"target": ERROR_LINE}) + "\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in work.iterdir()}
    proc = zhen_in(work, *args)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.count("\n") == 1 and "names an input to check" in proc.stderr
    assert {p.name: p.read_bytes() for p in work.iterdir()} == before


# -- selection ------------------------------------------------------------------------------------


def test_select_by_prefix_and_ignore(tmp_path):
    shutil.copyfile(seed("002"), tmp_path / "s.txt")

    def rules(*a):
        return {
            f["rule"]
            for f in json.loads(
                run_zhen("check", "s.txt", "--no-config", "--format", "json", *a, cwd=tmp_path).stdout
            )["findings"]
        }

    everything = rules()
    assert {"glossary-forbidden", "glossary-near-miss"} <= everything  # seed 002: 'Sanna Takashi', 'Takashi'
    glossary_rules = {r for r in everything if r.startswith("glossary-")}
    assert rules("--select", "glossary") == glossary_rules
    assert rules("--select", "glossary", "--ignore", "glossary-near-miss") == glossary_rules - {
        "glossary-near-miss"
    }
    assert rules("--select", "glossary-forbidden,glossary-near-miss") == {
        "glossary-forbidden",
        "glossary-near-miss",
    }
    assert rules("--no-glossary", "--select", "glossary") == set()


# -- bad input ------------------------------------------------------------------------------------


def test_empty_file(work):
    (work / "empty.txt").write_bytes(b"")
    proc = zhen_in(work, "empty.txt", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["summary"] == {"files": 1, "findings": 0, "by_rule": {}}


def test_binary_file_in_a_walked_folder(work):
    (work / "sub").mkdir()
    (work / "sub" / "image.txt").write_bytes(bytes(range(256)) * 10)
    shutil.copyfile(work / "bad.txt", work / "sub" / "bad.txt")
    proc = zhen_in(work, "sub")
    assert proc.returncode == 2
    (line,) = proc.stderr.splitlines()
    assert line.startswith(f"zhen: {os.path.join('sub', 'image.txt')}: ")
    assert "Dongjing" in proc.stdout


def test_a_50_mb_file(tmp_path):
    # Repeated short English lines, one suppression comment near the end: reading, decoding, the
    # line index, the suppression scan and the report must all stay linear.
    line = "The ship reached the island on Monday, officials said.\n"
    p = tmp_path / "big.txt"
    with p.open("w", encoding="utf-8") as fh:
        fh.write(line * (50_000_000 // len(line) + 1))
        fh.write("clean  # zhen: ignore[untranslated]\n")
    assert p.stat().st_size > 50_000_000
    proc = run_zhen(
        "check",
        str(p),
        "--no-config",
        "--no-glossary",
        "--select",
        "unused-ignore",
        "--warn-unused-ignores",
        "--format",
        "json",
        cwd=tmp_path,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    # untranslated did not run, so its suppression proves nothing: no unused-ignore either.
    assert out["summary"] == {"files": 1, "findings": 0, "by_rule": {}}
    assert proc.stderr == ""


def test_a_1_mb_single_line(tmp_path):
    words = "Tokyo reached an agreement with Dongjing officials on rare earth exports " * 14_000
    p = tmp_path / "line.txt"
    p.write_text(words, encoding="utf-8")
    assert p.stat().st_size > 1_000_000 and "\n" not in words
    (tmp_path / "g.toml").write_text(GLOSSARY, encoding="utf-8")
    proc = run_zhen(
        "check",
        "line.txt",
        "--glossary",
        "g.toml",
        "--no-config",
        "--format",
        "json",
        cwd=tmp_path,
        timeout=600,
    )
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["findings"]
    forbidden = [f for f in found if f["rule"] == "glossary-forbidden"]
    assert len(forbidden) == 14_000 and {f["line"] for f in forbidden} == {1}
    # "Dongjing" is at offset 32 of each 73-character phrase.
    assert [f["column"] for f in forbidden[:2]] == [33, 106]
    assert forbidden[-1]["column"] == 73 * 13_999 + 33


def test_invalid_glossary_is_exit_2_with_file_and_line(work):
    (work / "broken.toml").write_text(
        '[glossary]\nname = "b"\n\n[[entry]]\nid = "x"\nen = "X"\ncolour = "red"\n', encoding="utf-8"
    )
    proc = run_zhen("check", "good.txt", "--glossary", "broken.toml", "--no-config", cwd=work)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert lines and all(line.startswith("zhen: broken.toml:") for line in lines), lines
    assert "broken.toml:7:" in lines[0]
    assert "Traceback" not in proc.stderr


def test_missing_glossary_is_exit_2(work):
    proc = run_zhen("check", "good.txt", "--glossary", "nope.toml", "--no-config", cwd=work)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["zhen: nope.toml: no such file or directory"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="as root chmod 000 does not stop reads")
def test_unreadable_file(work):
    p = work / "secret.txt"
    p.write_text(ERROR_LINE, encoding="utf-8")
    os.chmod(p, 0)
    try:
        proc = zhen_in(work, "secret.txt", "bad.txt")
    finally:
        os.chmod(p, 0o644)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["zhen: secret.txt: permission denied"]


def test_standard_input(work):
    proc = run_zhen(
        "check", "-", "--glossary", "g.toml", "--no-config", "--format", "json", input=ERROR_LINE, cwd=work
    )
    assert proc.returncode == 1
    (f,) = json.loads(proc.stdout)["findings"]
    assert (f["path"], f["text"], f["column"]) == ("-", "Dongjing", 12)


# -- jobs and pipes -------------------------------------------------------------------------------


@pytest.fixture
def seed_dir(tmp_path):
    d = tmp_path / "seeds"
    (d / "deeper").mkdir(parents=True)
    for i, src in enumerate(sorted(SEEDS.glob("*.txt")) * 2):
        shutil.copyfile(src, (d / "deeper" if i % 2 else d) / f"{i:02d}-{src.name}")
    return d


def test_jobs_2_output_is_identical_to_jobs_1(seed_dir):
    one = run_zhen("check", str(seed_dir), "--no-config")
    two = run_zhen("check", str(seed_dir), "--no-config", "--jobs", "2")
    auto = run_zhen("check", str(seed_dir), "--no-config", "-j", "0", "--format", "json")
    assert one.returncode == two.returncode == auto.returncode == 1
    assert one.stdout and two.stdout == one.stdout
    assert json.loads(auto.stdout)["summary"]["files"] == 10


def test_a_piped_run_prints_nothing_on_stderr(seed_dir):
    proc = run_zhen("check", str(seed_dir), "--no-config", env={"CI": ""})
    assert proc.returncode == 1
    assert proc.stderr == ""


def test_progress_only_on_a_terminal_outside_ci(monkeypatch):
    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    assert progress_wanted(Tty()) and not progress_wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not progress_wanted(Tty())
    monkeypatch.delenv("CI")
    tty = Tty()
    p = Progress(tty, delay=0)
    p(1, 4)
    p(4, 4)
    p.close()
    assert "4/4 files" in tty.getvalue() and tty.getvalue().endswith("\r")
    quick = Tty()
    p = Progress(quick, delay=60)  # a run shorter than the delay shows nothing
    p(4, 4)
    p.close()
    assert quick.getvalue() == ""


# -- pairs ----------------------------------------------------------------------------------------


def test_source_and_target_are_checked_as_a_pair(tmp_path):
    (tmp_path / "src.txt").write_text("日本首相高市早苗2日表示。\n", encoding="utf-8")
    (tmp_path / "tgt.txt").write_text(
        "Japanese Prime Minister Sanae Takaichi said on the 2nd.\n", encoding="utf-8"
    )
    proc = run_zhen(
        "check", "--source", "src.txt", "--target", "tgt.txt", "--no-config", "--format", "json", cwd=tmp_path
    )
    assert proc.returncode in (0, 1), proc.stderr
    assert proc.stderr == ""
    assert json.loads(proc.stdout)["summary"]["files"] == 2


# -- inputs that would hang or exhaust memory ------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_named_fifo_is_a_one_line_error_and_a_walked_one_is_skipped(work):
    os.mkfifo(work / "pipe.txt")
    named = zhen_in(work, "pipe.txt", "good.txt", timeout=60)
    assert named.returncode == 2
    assert named.stderr.strip() == "zhen: pipe.txt: not a regular file (a FIFO, device or socket)"
    walked = zhen_in(work, ".", timeout=60)
    assert walked.returncode == 1  # bad.txt's finding; the FIFO is not an input at all
    assert "pipe.txt" not in walked.stdout + walked.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_walked_link_to_dev_zero_is_skipped_and_a_named_one_is_an_error(work):
    (work / "zero.txt").symlink_to("/dev/zero")
    walked = zhen_in(work, ".", timeout=60)
    assert walked.returncode == 1 and "zero.txt" not in walked.stdout + walked.stderr
    named = zhen_in(work, "zero.txt", timeout=60)
    assert named.returncode == 2 and "Traceback" not in named.stderr
    assert named.stderr.strip() == "zhen: zero.txt: not a regular file (a FIFO, device or socket)"


def test_max_file_size_from_the_flag_and_the_config(work):
    (work / "big.txt").write_text(CLEAN_LINE * 100, encoding="utf-8")  # 2,800 bytes
    over = zhen_in(work, "big.txt", "bad.txt", "--max-file-size", "2k")
    assert over.returncode == 2
    assert over.stderr.strip() == "zhen: big.txt: larger than the 2 KB limit (max-file-size)"
    assert "Dongjing" in over.stdout  # the other file is still checked
    assert zhen_in(work, "big.txt", "--max-file-size", "3KB").returncode == 0
    assert zhen_in(work, "big.txt", "--max-file-size", "0").returncode == 0  # no limit
    bad_flag = zhen_in(work, "big.txt", "--max-file-size", "lots")
    assert bad_flag.returncode == 2 and "--max-file-size" in bad_flag.stderr
    (work / "zhen.toml").write_text('max-file-size = "1 KB"\n', encoding="utf-8")
    cfg = run_zhen("check", "big.txt", "--glossary", "g.toml", "--config", "zhen.toml", cwd=work)
    assert cfg.returncode == 2 and "larger than the 1 KB limit" in cfg.stderr
    flag_wins = run_zhen(
        "check",
        "big.txt",
        "--glossary",
        "g.toml",
        "--config",
        "zhen.toml",
        "--max-file-size",
        "1MB",
        cwd=work,
    )
    assert flag_wins.returncode == 0
