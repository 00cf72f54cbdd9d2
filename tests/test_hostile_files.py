"""Files a stranger put in place: every reader and writer of iafr goes through iafr.safefiles.

Reads refuse a symbolic link out of its directory, a FIFO, a device and an oversized file before
reading a byte; writes replace only a new path or a regular file, follow a link only where the
user named it, and write a device or a FIFO the user named through, never replacing it. The
cases that could hang (a FIFO read or written) run in a child process under a timeout.
"""

from __future__ import annotations

import ast
import os
import stat
import threading
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from iafr import safefiles
from tests.conftest import Invoke
from tests.hostile import limits
from tests.hostile.corpus import copy_mini

SECRET = "secret-token-3f9a"


def secret_outside(tmp_path: Path) -> Path:
    """A YAML file outside the data directory whose only key is a secret."""
    path = tmp_path / "outside" / "secret.yaml"
    path.parent.mkdir()
    path.write_text(f"{SECRET}: 1\n", encoding="utf-8")
    return path


def replace_with_link(path: Path, target: Path | str) -> None:
    path.unlink()
    path.symlink_to(target)


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line]


# --- reading the data -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_data_file_linked_out_of_the_data_directory_is_refused_unread(
    iafr: Invoke, mini: Path, tmp_path: Path, fmt: str
) -> None:
    replace_with_link(mini / "axes.yaml", secret_outside(tmp_path))
    result = iafr("check", "--data", str(mini), "--format", fmt)
    assert result.exit_code == 1
    assert SECRET not in result.stdout + result.stderr  # never parsed, so never quoted in an annotation
    if fmt == "text":
        assert f"{mini / 'axes.yaml'}: file: axes.yaml is a symbolic link that leads out of {mini}; refused" in (
            result.stdout
        )


def test_a_link_inside_the_data_directory_is_read(iafr: Invoke, mini: Path) -> None:
    (mini / "kept").mkdir()
    (mini / "axes.yaml").rename(mini / "kept" / "axes.yaml")
    (mini / "axes.yaml").symlink_to(Path("kept") / "axes.yaml")
    result = iafr("check", "--data", str(mini))
    assert result.exit_code == 0, result.output


def test_a_query_never_hashes_a_file_linked_out_and_refuses_it(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    assert iafr("build", data=mini).exit_code == 0
    replace_with_link(mini / "axes.yaml", secret_outside(tmp_path))
    result = iafr("measures", data=mini)
    assert result.exit_code == 1
    assert "axes.yaml is a symbolic link that leads out of" in result.stderr
    assert SECRET not in result.stdout + result.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_data_file_linked_to_a_device_is_refused_at_once(mini: Path, device: str) -> None:
    replace_with_link(mini / "funding.yaml", device)
    result = limits.iafr("check", "--data", str(mini), timeout=30)
    limits.assert_no_traceback(result)
    assert result.returncode == 1
    assert "funding.yaml is a symbolic link that leads out of" in result.stdout


def test_a_fifo_as_corpus_yaml_does_not_hang_version(tmp_path: Path) -> None:
    data = copy_mini(tmp_path / "data")
    (data / "corpus.yaml").unlink()
    os.mkfifo(data / "corpus.yaml")
    result = limits.iafr("--version", cwd=tmp_path, timeout=30)
    assert result.returncode == 0 and result.stdout.endswith("(corpus unknown)\n")


def test_a_fifo_as_the_integrity_stamp_does_not_hang_a_query(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    db = tmp_path / "iafr.db"
    assert iafr("build", "--data", str(mini), "--db", str(db)).exit_code == 0
    stamp = tmp_path / "iafr.db.verified"
    stamp.unlink()
    os.mkfifo(stamp)
    result = limits.iafr("measures", "--data", str(mini), "--db", str(db), "--format", "csv", timeout=30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(stamp.lstat().st_mode)  # neither read nor written


# --- reading the sources' texts ---------------------------------------------------------------


def map_text(data: Path, texts: Path, body: str) -> Path:
    """Map article-test to ``texts/article.txt`` holding ``body``; returns that path."""
    texts.mkdir(exist_ok=True)
    path = texts / "article.txt"
    path.write_text(body, encoding="utf-8")
    sources = data / "sources.yaml"
    text = sources.read_text(encoding="utf-8")
    block = "  - id: article-test\n"
    at = text.index("    primary: true\n", text.index(block)) + len("    primary: true\n")
    sources.write_text(text[:at] + "    text: article.txt\n" + text[at:], encoding="utf-8")
    return path


def test_a_source_text_linked_out_of_the_sources_directory_is_refused_unquoted(
    iafr: Invoke, mini: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "private.txt"
    outside.write_text(f"Le plan prévoit 1,5 milliards d'euros. {SECRET}\n", encoding="utf-8")
    texts = tmp_path / "texts"
    replace_with_link(map_text(mini, texts, "x"), outside)
    result = iafr("check", "--data", str(mini), "--sources", str(texts))
    assert result.exit_code == 1
    assert SECRET not in result.stdout + result.stderr
    assert (
        f"text: {texts / 'article.txt'} is not a file but a symbolic link that leads out of {texts};"
        " 'text' names a regular text file of the --sources directory" in result.stdout
    )


def test_a_fifo_as_a_source_text_is_refused_not_waited_on(mini: Path, tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    path = map_text(mini, texts, "x")
    path.unlink()
    os.mkfifo(path)
    result = limits.iafr("check", "--data", str(mini), "--sources", str(texts), timeout=30)
    limits.assert_no_traceback(result)
    assert result.returncode == 1
    assert "article.txt is not a file but a FIFO" in result.stdout


# --- writing a report -------------------------------------------------------------------------


def test_report_output_dash_is_standard_output(iafr: Invoke, mini: Path) -> None:
    result = iafr("report", "--output", "-", "--format", "md", data=mini)
    assert result.exit_code == 0 and result.stdout.startswith("# ")


def test_report_output_through_a_link_the_user_named_replaces_the_file_it_leads_to(
    iafr: Invoke, mini: Path, tmp_path: Path
) -> None:
    real = tmp_path / "site" / "report.md"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(real)
    assert iafr("report", "--output", str(link), data=mini).exit_code == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# ")


def test_report_output_to_a_character_device_writes_through(iafr: Invoke, mini: Path) -> None:
    result = iafr("report", "--output", os.devnull, data=mini)
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(os.devnull).st_mode)  # still the device, not a regular file


def test_report_output_to_a_link_to_standard_output_writes_through(mini: Path, tmp_path: Path) -> None:
    link = tmp_path / "out.txt"
    link.symlink_to("/proc/self/fd/1")
    result = limits.iafr("report", "--output", str(link), "--data", str(mini), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 0, result.stderr
    assert "French AI policy" in result.stdout  # went to the pipe the link names
    assert link.is_symlink() and os.readlink(link) == "/proc/self/fd/1"


def test_report_output_to_a_fifo_with_a_reader_writes_through(mini: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while not received and reader.is_alive():  # the reader is waiting in open() once it runs
        result = limits.iafr(
            "report", "--output", str(fifo), "--data", str(mini), "--db", str(tmp_path / "x.db"), timeout=30
        )
        if result.returncode == 0:
            break
        assert "a FIFO that no process reads" in result.stderr  # started before the reader: tried again
    reader.join(timeout=30)
    assert received and b"French AI policy" in received[0]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_report_output_to_a_fifo_nobody_reads_is_refused_at_once(mini: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = limits.iafr("report", "--output", str(fifo), "--data", str(mini), "--db", str(tmp_path / "x.db"))
    assert result.returncode == 2
    assert lines(result.stderr) == [
        f"iafr: --output {fifo} is a FIFO that no process reads; give a file name, or '-' for standard output"
    ]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_report_output_to_a_socket_is_refused(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    import socket

    path = tmp_path / "s"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        result = iafr("report", "--output", str(path), data=mini)
    assert result.exit_code == 2
    assert lines(result.stderr) == [f"iafr: --output {path} is a socket; give a file name, or '-' for standard output"]


# --- writing schemas, a site, a lock ----------------------------------------------------------


def test_schema_output_never_writes_through_a_link(iafr: Invoke, tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    assert iafr("schema", "--output", str(target)).exit_code == 0
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    replace_with_link(target / "axes.schema.json", victim)
    result = iafr("schema", "--output", str(target))
    assert result.exit_code == 2
    assert lines(result.stderr) == [
        f"iafr: --output {target}: {target / 'axes.schema.json'} is a symbolic link to a regular file;"
        " refusing to write there: remove it"
    ]
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_schema_check_and_write_never_wait_on_a_fifo(tmp_path: Path) -> None:
    target = tmp_path / "schemas"
    assert limits.iafr("schema", "--output", str(target)).returncode == 0
    fifo = target / "axes.schema.json"
    fifo.unlink()
    os.mkfifo(fifo)
    checked = limits.iafr("schema", "--output", str(target), "--check", timeout=30)
    assert checked.returncode == 1
    assert f"{fifo}: a FIFO, not a schema file; run 'iafr schema --output {target}'" in checked.stdout
    written = limits.iafr("schema", "--output", str(target), timeout=30)
    assert written.returncode == 2 and "is a FIFO; refusing to write there" in written.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_serve_export_never_writes_through_a_link(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (site / "metadata.json").symlink_to(victim)
    result = iafr("serve", "--export", str(site), "--data", str(mini), "--force")
    assert result.exit_code == 2
    assert f"--export {site / 'metadata.json'} is a symbolic link to a regular file; refusing" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_link_in_place_of_the_lock_is_refused(iafr: Invoke, mini: Path, tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "iafr.db.lock").symlink_to(victim)
    result = iafr("build", "--data", str(mini), "--db", str(tmp_path / "iafr.db"))
    assert result.exit_code == 2
    assert "iafr.db.lock is not a regular file (a symbolic link)" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_export_force_never_waits_on_a_fifo_named_like_the_descriptor(mini: Path, tmp_path: Path) -> None:
    package = tmp_path / "package"
    package.mkdir()
    os.mkfifo(package / "datapackage.json")
    db = str(tmp_path / "x.db")
    result = limits.iafr("export", str(package), "--force", "--data", str(mini), "--db", db, timeout=30)
    assert result.returncode == 2
    assert "holds datapackage.json, which no data package there lists" in result.stderr


# --- the module itself ------------------------------------------------------------------------

SEGMENTS = st.lists(st.sampled_from(["..", ".", "sub", "other", "data", "x.yaml"]), min_size=1, max_size=6)


@settings(max_examples=150, deadline=None)
@given(SEGMENTS, st.booleans())
def test_a_link_is_read_exactly_when_it_stays_inside_its_directory(
    tmp_path_factory: pytest.TempPathFactory, segments: list[str], absolute: bool
) -> None:
    root = tmp_path_factory.mktemp("links")
    data = root / "data"
    for directory in (data / "sub", root / "other", root / "sub"):
        directory.mkdir(parents=True, exist_ok=True)
    for place in (data / "x.yaml", data / "sub" / "x.yaml", root / "x.yaml", root / "other" / "x.yaml"):
        place.write_bytes(b"a: 1\n")
    target = Path(*segments)
    link = data / "link.yaml"
    link.symlink_to(data / target if absolute else target)
    real = Path(os.path.realpath(link))
    inside = real.is_relative_to(Path(os.path.realpath(data)))
    try:
        assert safefiles.read_bytes(link) == real.read_bytes()
        assert inside
    except safefiles.Refused as refused:
        assert refused.kind in ("link-out", "directory") and (refused.kind == "directory" or not inside)
    except (FileNotFoundError, NotADirectoryError):
        assert not real.exists() or not real.parent.is_dir()


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=300))
def test_a_read_returns_the_bytes_exactly_when_they_fit(
    tmp_path_factory: pytest.TempPathFactory, content: bytes, limit: int
) -> None:
    path = tmp_path_factory.mktemp("size") / "f"
    path.write_bytes(content)
    try:
        assert safefiles.read_bytes(path, limit=limit) == content and len(content) <= limit
    except safefiles.Refused as refused:
        assert refused.kind == "too-large" and len(content) > limit


def test_a_write_replaces_a_regular_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_text("old", encoding="utf-8")
    safefiles.write_file(path, b"new")
    assert path.read_bytes() == b"new" and sorted(p.name for p in tmp_path.iterdir()) == ["f.txt"]


def test_a_write_never_follows_a_link_it_was_not_named(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_bytes(b"keep")
    link = tmp_path / "link"
    link.symlink_to(victim)
    with pytest.raises(safefiles.Refused, match="a symbolic link to a regular file"):
        safefiles.write_file(link, b"new")
    assert victim.read_bytes() == b"keep"


# --- every reader and writer goes through the module ------------------------------------------

SRC = Path(__file__).resolve().parent.parent / "src" / "iafr"
_FILE_CALLS = {"read_text", "read_bytes", "write_text", "write_bytes"}
_OS_CALLS = {"open", "replace", "rename"}
ALLOWED = {
    ("cli/output.py", "os.open"),  # /dev/null put in place of a stdout whose reader left
    ("export/directory.py", "os.replace"),  # a whole directory renamed into place
    ("export/directory.py", "os.rename"),
}


def _file_calls(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        if isinstance(function, ast.Name) and function.id == "open":
            found.append("open")
        elif isinstance(function, ast.Attribute):
            owner = ast.unparse(function.value)
            if owner == "os" and function.attr in _OS_CALLS:
                found.append(f"os.{function.attr}")
            elif function.attr in _FILE_CALLS and owner != "safefiles":
                found.append(f"{owner}.{function.attr}")
            elif function.attr == "open" and owner not in ("os", "webbrowser"):
                found.append(f"{owner}.open")
    return found


def test_no_module_but_safefiles_opens_reads_or_replaces_a_file() -> None:
    found = [
        f"{path.relative_to(SRC)}: {call}"
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "safefiles.py"
        for call in _file_calls(path)
        if (str(path.relative_to(SRC)), call) not in ALLOWED
    ]
    assert found == []
