"""``iafr diff REV``: the corpus read from git blobs, and one clear line for every git failure."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
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
    # a quote that writes no amount first, so that the amount alone may change (stated-amount)
    edit(repo / "data" / "funding.yaml", 'quote: "1,5 milliards d\'euros"', 'quote: "Le plan de l\'État"')
    commit_all(repo, "quote the plan's words")
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
    assert "1 record does not validate under today's models (compared as written)" in note
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


# --- crafted trees: entry names git itself would never write -------------------------------------


def _tree(repo: Path, entries: list[tuple[bytes, bytes, str]]) -> str:
    """A tree object written byte by byte (``git mktree`` refuses a slash; ``--literally`` skips
    the checks newer gits run), entries in git's order."""
    raw = b"".join(
        mode + b" " + name + b"\0" + bytes.fromhex(object_id)
        for mode, name, object_id in sorted(entries, key=lambda entry: entry[1] + b"/" * (entry[0] == b"40000"))
    )
    done = subprocess.run(
        ["git", "hash-object", "-t", "tree", "--literally", "-w", "--stdin"],
        cwd=repo,
        input=raw,
        capture_output=True,
        check=True,
    )
    return done.stdout.decode().strip()


def crafted_branch(repo: Path, branch: str, name: bytes, content: bytes = b"pwned: true\n") -> None:
    """``branch``: HEAD's data/ plus one blob under ``name``, as a hostile fetched branch holds it."""
    listing = subprocess.run(["git", "ls-tree", "-z", "HEAD:data"], cwd=repo, capture_output=True, check=True).stdout
    entries = []
    for item in listing.split(b"\0"):
        if item:
            meta, _, entry_name = item.partition(b"\t")
            mode, _, object_id = meta.split()
            entries.append((mode, entry_name, object_id.decode()))
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"], cwd=repo, input=content, capture_output=True, check=True
    ).stdout.decode()
    entries.append((b"100644", name, blob.strip()))
    root = _tree(repo, [(b"40000", b"data", _tree(repo, entries))])
    commit = git(repo, "commit-tree", root, "-p", "HEAD", "-m", "crafted").strip()
    git(repo, "update-ref", f"refs/heads/{branch}", commit)


@pytest.mark.parametrize(
    ("name", "shown", "reason"),
    [
        (b"../x.yaml", "'../x.yaml'", "it holds a slash"),
        (b"../../x.yml", "'../../x.yml'", "it holds a slash"),
        (b"sub/x.yaml", "'sub/x.yaml'", "it holds a slash"),
        (b"..\\x.yaml", "'..\\\\x.yaml'", "it holds a backslash"),
        (b"..", "'..'", "it names a directory, not a file"),
        (b".", "'.'", "it names a directory, not a file"),
        (b".git", "'.git'", "it is git's own directory"),
        (b".GIT.", "'.GIT.'", "it is git's own directory"),
        (b"actors.yaml", "'actors.yaml'", "it appears twice"),
    ],
)
def test_crafted_entry_names_are_refused_and_nothing_is_written_outside(
    iafr: Invoke, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: bytes, shown: str, reason: str
) -> None:
    crafted_branch(repo, "evil", name)
    temp = tmp_path / "temp"  # where the revision's temporary directory goes, watched
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    before = {path for path in tmp_path.rglob("*") if ".git" not in path.parts}
    result = iafr("diff", "HEAD", "evil")
    assert {path for path in tmp_path.rglob("*") if ".git" not in path.parts} == before
    assert not list(temp.iterdir())
    assert result.exit_code == 2, result.output
    commit = git(repo, "rev-parse", "evil").strip()
    assert result.stderr == (
        f"iafr: revision evil ({commit[:10]}): data/ holds an entry named {shown} that git would not check out "
        f"({reason}); refused, as git fsck refuses such a tree\n"
    )


def test_a_crafted_entry_name_holding_a_control_character_stays_one_line(iafr: Invoke, repo: Path) -> None:
    crafted_branch(repo, "evil", b"../\x1b[2J\nx.yaml")
    result = iafr("diff", "HEAD", "evil")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "\x1b" not in result.stderr
    assert "'../\\x1b[2J\\nx.yaml'" in result.stderr


def test_an_odd_but_safe_entry_name_is_read(iafr: Invoke, repo: Path) -> None:
    # a leading dot, spaces, accents: git writes these, so iafr reads them (an unknown file warns)
    crafted_branch(repo, "odd", ".é x..yaml".encode(), b"x: 1\n")
    assert iafr("diff", "HEAD", "odd").exit_code == 0


def test_a_nul_in_an_entry_name_leaves_a_tree_git_cannot_read(iafr: Invoke, repo: Path) -> None:
    # A tree ends each name at a NUL, so a NUL cannot be in one: the bytes after it are read as
    # the object id, and git itself calls the tree corrupt. One line, nothing written.
    blob = subprocess.run(
        ["git", "hash-object", "-w", "--stdin"], cwd=repo, input=b"x: 1\n", capture_output=True, check=True
    ).stdout.decode()
    raw = b"100644 x\0y.yaml\0" + bytes.fromhex(blob.strip())
    data = subprocess.run(
        ["git", "hash-object", "-t", "tree", "--literally", "-w", "--stdin"],
        cwd=repo,
        input=raw,
        capture_output=True,
        check=True,
    ).stdout.decode()
    root = _tree(repo, [(b"40000", b"data", data.strip())])
    git(repo, "update-ref", "refs/heads/nul", git(repo, "commit-tree", root, "-m", "nul").strip())
    result = iafr("diff", "HEAD", "nul")
    assert result.exit_code == 3, result.output
    assert result.stderr.startswith("iafr: git cannot list data/ of nul: ") and result.stderr.count("\n") == 1


# --- a name that is both a path and a revision ---------------------------------------------------


@pytest.fixture
def hiding_pr(repo: Path) -> str:
    """A pull request that changes a status and adds a directory named like its base commit,
    holding the changed corpus: read in place of the base, it would show no difference."""
    base = git(repo, "rev-parse", "HEAD").strip()
    edit(repo / "data" / "funding.yaml", "status: announced", "status: committed")
    shutil.copytree(repo / "data", repo / base / "data")
    commit_all(repo, "a change, and its decoy")
    return base


def test_a_directory_named_like_the_base_commit_is_refused_as_ambiguous(iafr: Invoke, hiding_pr: str) -> None:
    result = iafr("diff", "--format", "md", "--data", "data", hiding_pr)  # the shipped workflow, before rev:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr == (
        f"iafr: old: {hiding_pr!r} is both a path here and a git revision; write ./{hiding_pr} for the path "
        f"or rev:{hiding_pr} for the revision\n"
    )


def test_rev_prefix_reads_the_revision_and_dot_slash_the_directory(iafr: Invoke, hiding_pr: str) -> None:
    revision = iafr("diff", "--format", "json", "--data", "data", f"rev:{hiding_pr}")
    assert revision.exit_code == 1, revision.output
    document = json.loads(revision.stdout)
    assert (document["old"]["kind"], document["old"]["detail"]) == ("revision", hiding_pr)
    (change,) = document["entities"]["funding"]["changed"]
    assert change["fields"] == [{"field": "status", "old": "announced", "new": "committed"}]
    directory = iafr("diff", "--format", "json", "--data", "data", f"./{hiding_pr}")
    assert directory.exit_code == 0, directory.output  # the decoy: what the ambiguity would have shown
    assert json.loads(directory.stdout)["old"]["kind"] == "directory"


def test_the_shipped_workflow_names_its_base_as_a_revision(
    iafr: Invoke, hiding_pr: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = (Path(__file__).parent.parent / ".github" / "workflows" / "data.yml").read_text(encoding="utf-8")
    (line,) = [line.strip() for line in workflow.splitlines() if line.strip().startswith("iafr diff --format md")]
    assert line == 'iafr diff --format md --data data "rev:$BASE" > diff.md || status=$?'
    monkeypatch.setenv("BASE", hiding_pr)
    args = [os.path.expandvars(word) for word in shlex.split(line.split(">")[0])[1:]]
    result = iafr(*args)
    assert result.exit_code == 1, result.output
    assert "`status`: announced → committed" in result.stdout


# --- a change of the data and its version -------------------------------------------------------


def with_changelog(repo: Path) -> None:
    (repo / "data" / "CHANGELOG.md").write_text("# Changelog\n\n## 0.0.1\n\nThe mini corpus.\n", "utf-8")
    commit_all(repo, "a changelog")


def test_a_change_of_the_data_without_a_new_version_is_a_warning(iafr: Invoke, repo: Path) -> None:
    with_changelog(repo)
    edit(repo / "data" / "funding.yaml", "status: announced", "status: committed")
    result = iafr("diff", "--format", "json", "rev:HEAD")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["warnings"] == [
        "the data changed but corpus.yaml's version did not (0.0.1); give the corpus a new version",
        "the data changed but CHANGELOG.md did not; say there what changed",
    ]
    table = iafr("diff", "rev:HEAD").stdout
    assert "warning: the data changed but corpus.yaml's version did not (0.0.1)" in table
    md = iafr("diff", "--format", "md", "rev:HEAD").stdout
    assert "> **warning**: the data changed but CHANGELOG.md did not; say there what changed" in md


def test_a_new_version_needs_its_changelog_entry(iafr: Invoke, repo: Path) -> None:
    with_changelog(repo)
    edit(repo / "data" / "funding.yaml", "status: announced", "status: committed")
    edit(repo / "data" / "corpus.yaml", 'version: "0.0.1"', 'version: "0.0.2"')
    edit(repo / "data" / "CHANGELOG.md", "## 0.0.1", "## 0.0.1 and more")
    assert json.loads(iafr("diff", "--format", "json", "rev:HEAD").stdout)["warnings"] == [
        "CHANGELOG.md has no entry for version 0.0.2; add one saying what changed"
    ]
    edit(repo / "data" / "CHANGELOG.md", "# Changelog\n", "# Changelog\n\n## 0.0.2\n\nA status.\n")
    commit_all(repo, "a status, versioned")
    assert json.loads(iafr("diff", "--format", "json", "HEAD~1", "HEAD").stdout)["warnings"] == []


def test_the_shipped_workflow_turns_the_warnings_into_annotations(repo: Path, tmp_path: Path) -> None:
    import yaml

    workflow = yaml.safe_load((Path(__file__).parent.parent / ".github" / "workflows" / "data.yml").read_text("utf-8"))
    (step,) = [step for step in workflow["jobs"]["diff"]["steps"] if step.get("name") == "Versioning warnings"]
    edit(repo / "data" / "funding.yaml", "status: announced", "status: committed")
    commit_all(repo, "a status")
    env = {**os.environ, "BASE": "HEAD~1", "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "::warning file=data/corpus.yaml,title=iafr diff::the data changed but corpus.yaml's version did not"
        " (0.0.1); give the corpus a new version"
    ]


@pytest.mark.parametrize("kind", ["branch", "tag", "short sha"])
def test_any_revision_name_shadowed_by_a_path_is_ambiguous(iafr: Invoke, repo: Path, tmp_path: Path, kind: str) -> None:
    name = {"branch": "review", "tag": "v1", "short sha": git(repo, "rev-parse", "--short=8", "HEAD").strip()}[kind]
    if kind != "short sha":
        git(repo, "branch" if kind == "branch" else "tag", name)
    shutil.copytree(MINI, repo / name)
    result = iafr("diff", name)
    assert result.exit_code == 2 and "is both a path here and a git revision" in result.stderr, result.output
    assert iafr("diff", f"./{name}").exit_code == 0
    assert iafr("diff", f"rev:{name}").exit_code == 0
    (repo / "file-side").write_text("x", encoding="utf-8")  # a file shadowing a revision is as ambiguous
    git(repo, "tag", "file-side")
    assert "is both a path" in iafr("diff", "file-side").stderr


def test_a_directory_no_revision_is_named_like_is_read_as_before(iafr: Invoke, repo: Path) -> None:
    shutil.copytree(MINI, repo / "copy")
    assert iafr("diff", "copy", "data").exit_code == 0
    assert iafr("diff", "data", "copy").exit_code == 0


def test_a_directory_outside_any_repository_is_a_directory(
    iafr: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(MINI, elsewhere / "HEAD")  # no repository: nothing to be ambiguous with
    monkeypatch.chdir(elsewhere)
    assert iafr("diff", "HEAD", str(MINI)).exit_code == 0


@pytest.mark.parametrize(("spec", "words"), [("rev:", "an empty revision name"), ("rev:-x", "cannot start with '-'")])
def test_rev_prefix_takes_what_a_revision_takes(iafr: Invoke, repo: Path, spec: str, words: str) -> None:
    result = iafr("diff", spec)
    assert result.exit_code == 2 and words in result.stderr
