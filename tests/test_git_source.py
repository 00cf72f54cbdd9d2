"""``iafr diff REV``: the corpus read from git blobs, and one clear line for every git failure."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from iafr import gitsource
from iafr.errors import UsageError
from tests.conftest import MINI, Invoke

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _hermetic_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No user or system git configuration; never look above tmp_path for a repository, nor at the
    one a caller's environment names (git rebase --exec, a hook: GIT_DIR would be the enclosing
    repository, and the fixtures' commits would land there)."""
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(tmp_path / "no-gitconfig"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    for name in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{name}_NAME", "Test")
        monkeypatch.setenv(f"GIT_{name}_EMAIL", "test@example.org")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True)
    return done.stdout


def commit_all(repo: Path, message: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose one commit holds the mini corpus in data/; the current directory."""
    root = tmp_path / "repo"
    shutil.copytree(MINI, root / "data")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "mini corpus")
    monkeypatch.chdir(root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_head_against_clean_work_tree_is_identical(iafr: Invoke, repo: Path) -> None:
    result = iafr("diff", "HEAD")
    assert result.exit_code == 0, result.output
    assert "old: HEAD (" in result.stdout


def test_head_against_edited_work_tree(iafr: Invoke, repo: Path) -> None:
    edit(repo / "data" / "recommendations.yaml", "title: Frugalité des modèles", "title: Des modèles frugaux")
    status_before = git(repo, "status", "--porcelain")
    result = iafr("diff", "HEAD", "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["old"]["kind"] == "revision"
    assert document["old"]["detail"] == git(repo, "rev-parse", "HEAD").strip()
    (change,) = document["entities"]["measures"]["changed"]
    assert change["id"] == "m2"
    # reading a revision leaves the work tree and the index as they were
    assert git(repo, "status", "--porcelain") == status_before


def test_two_revisions(iafr: Invoke, repo: Path) -> None:
    edit(repo / "data" / "funding.yaml", 'amount: "1,5 Md€"', 'amount: "2 Md€"')
    commit_all(repo, "raise the plan")
    git(repo, "tag", "v2")
    result = iafr("diff", "HEAD~1", "v2", "--format", "json")
    assert result.exit_code == 1, result.output
    (change,) = json.loads(result.stdout)["entities"]["funding"]["changed"]
    assert change["fields"] == [{"field": "amount", "old": 1500000000, "new": 2000000000}]
    assert iafr("diff", "main", "v2").exit_code == 0


def test_corpus_in_a_subdirectory_follows_the_data_option(
    iafr: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "other"
    shutil.copytree(MINI, root / "corpus" / "fr")
    git(root, "init", "-q")
    commit_all(root, "corpus")
    edit(root / "corpus" / "fr" / "axes.yaml", "label: Calcul", "label: Calcul intensif")
    monkeypatch.chdir(root)
    result = iafr("diff", "HEAD", "--data", "corpus/fr", "--stat")
    assert result.exit_code == 1, result.output
    assert "axes: +0 −0 ~1" in result.stdout


def test_invalid_revision_side_names_the_side_and_the_blob(iafr: Invoke, repo: Path) -> None:
    edit(repo / "data" / "funding.yaml", "status: announced", "status: promised")
    commit_all(repo, "broken")
    result = iafr("diff", "HEAD~1", "HEAD")  # the new side is read strictly
    assert result.exit_code == 2
    assert "HEAD:data/funding.yaml:" in result.stderr
    assert "new (HEAD)" in result.stderr
    # a file nobody can read is refused on the old side too, however lenient
    (repo / "data" / "funding.yaml").write_text("funding: [unclosed\n", encoding="utf-8")
    commit_all(repo, "unreadable")
    unreadable = iafr("diff", "HEAD", "HEAD~1")
    assert unreadable.exit_code == 2 and "old (HEAD)" in unreadable.stderr


def test_unknown_revision_is_a_usage_error(iafr: Invoke, repo: Path) -> None:
    result = iafr("diff", "no-such-branch")
    assert result.exit_code == 2
    assert "unknown revision 'no-such-branch'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_option_like_revision_is_refused(iafr: Invoke, repo: Path, tmp_path: Path) -> None:
    result = iafr("diff", "--", "--output=" + str(tmp_path / "pwned"))
    assert result.exit_code == 2
    assert "cannot start with '-'" in result.stderr
    assert not (tmp_path / "pwned").exists()
    with pytest.raises(UsageError):
        gitsource.check_revision_name("HEAD\n--all")


def test_outside_a_repository(iafr: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = iafr("diff", "HEAD~1", str(MINI))
    assert result.exit_code == 3
    assert "not inside a git repository" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_git_executable(iafr: Invoke, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitsource, "GIT", "git-that-is-not-installed")
    result = iafr("diff", "HEAD")
    assert result.exit_code == 3
    assert "git is not installed" in result.stderr


def test_shallow_clone_says_history_is_missing(iafr: Invoke, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit(repo / "data" / "axes.yaml", "label: Calcul", "label: Calcul intensif")
    commit_all(repo, "second")
    shallow = repo.parent / "shallow"
    git(repo.parent, "clone", "-q", "--depth", "1", repo.as_uri(), str(shallow))
    monkeypatch.chdir(shallow)
    result = iafr("diff", "HEAD~1")
    assert result.exit_code == 3
    assert "shallow" in result.stderr
    assert iafr("diff", "HEAD").exit_code == 0


def test_data_file_that_is_a_tree(iafr: Invoke, repo: Path) -> None:
    (repo / "data" / "axes.yaml").unlink()
    (repo / "data" / "axes.yaml").mkdir()
    (repo / "data" / "axes.yaml" / "inner.txt").write_text("x", encoding="utf-8")
    commit_all(repo, "a directory where a file should be")
    result = iafr("diff", "HEAD", str(MINI))
    assert result.exit_code == 2
    assert "HEAD:data/axes.yaml is a directory in that revision" in result.stderr


def test_revision_without_the_data_directory(iafr: Invoke, repo: Path) -> None:
    git(repo, "checkout", "-q", "--orphan", "empty")
    git(repo, "rm", "-q", "-r", "--cached", "data")
    (repo / "README").write_text("nothing here", encoding="utf-8")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "no corpus")
    result = iafr("diff", "empty", str(MINI))
    assert result.exit_code == 2
    assert "has no data/" in result.stderr


# --- across history: corpus versions as revisions, and the old side read leniently ----------------


def test_a_corpus_version_names_the_commit_where_corpus_yaml_took_it(iafr: Invoke, repo: Path) -> None:
    edit(repo / "data" / "corpus.yaml", 'version: "0.0.1"', 'version: "0.0.2"')
    commit_all(repo, "corpus 0.0.2")
    first = git(repo, "rev-list", "--max-parents=0", "HEAD").strip()
    edit(repo / "data" / "recommendations.yaml", "title: Frugalité des modèles", "title: Des modèles frugaux")
    for name in ("v0.0.1", "0.0.1"):
        result = iafr("diff", name, "--format", "json")
        assert result.exit_code == 1, result.output
        document = json.loads(result.stdout)
        assert document["old"]["detail"] == first and document["old"]["version"] == "0.0.1"
        assert f"{name}: the commit {first[:10]} where data/corpus.yaml took version 0.0.1" in document["notes"]
    unknown = iafr("diff", "v9.9.9")
    assert unknown.exit_code == 2 and "unknown revision 'v9.9.9'" in unknown.stderr, unknown.output


def test_a_tag_wins_over_a_corpus_version(iafr: Invoke, repo: Path) -> None:
    edit(repo / "data" / "corpus.yaml", 'version: "0.0.1"', 'version: "0.0.2"')
    commit_all(repo, "corpus 0.0.2")
    git(repo, "tag", "v0.0.1")  # on the commit of 0.0.2: a tag is a git name, taken as it is
    result = iafr("diff", "v0.0.1", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["notes"] == []


def test_the_old_side_is_read_leniently_the_new_side_strictly(iafr: Invoke, repo: Path) -> None:
    # an older corpus: a field today's model refuses (a float amount), a file that did not exist yet
    funding = repo / "data" / "funding.yaml"
    edit(funding, 'amount: "5 Md€"', "amount: 5000000000.0")
    (repo / "data" / "axes.yaml").unlink()
    commit_all(repo, "an older corpus")
    git(repo, "checkout", "-q", "HEAD~1", "--", "data")
    result = iafr("diff", "HEAD", "--format", "json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    (note,) = [note for note in document["notes"] if "read leniently" in note]
    assert "1 record(s) do not validate under today's models (compared as written)" in note
    assert "axes.yaml did not exist yet (read as empty)" in note
    (changed,) = document["entities"]["funding"]["changed"]
    assert changed["fields"][0]["old"] == "5000000000.0"  # as written
    # the same data on the new side is refused
    commit_all(repo, "back to the mini corpus")
    edit(funding, 'amount: "5 Md€"', "amount: 5000000000.0")
    refused = iafr("diff", "HEAD")
    assert refused.exit_code == 2 and "new (working tree" in refused.stderr


REPO_ROOT = Path(__file__).resolve().parent.parent


def test_diff_against_corpus_1_0_0_of_this_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    """The repository's own history: corpus 1.0.0, read by today's models and rules (leniently)."""
    if not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    if gitsource.corpus_version_commit("1.0.0", REPO_ROOT, "data") is None:
        pytest.skip("this clone's history does not reach corpus 1.0.0 (a shallow clone?)")
    monkeypatch.chdir(REPO_ROOT)
    from typer.testing import CliRunner

    from iafr.cli import app

    result = CliRunner().invoke(app, ["diff", "v1.0.0", "--stat", "--data", str(REPO_ROOT / "data")])
    assert result.exit_code == 1, result.output
    assert "old: v1.0.0 (" in result.stdout and "corpus 1.0.0 of 2026-11-22" in result.stdout
    assert "where data/corpus.yaml took version 1.0.0" in " ".join(result.stdout.split())
