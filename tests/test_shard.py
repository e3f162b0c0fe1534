"""``pressctl build --shard K/N`` and ``--list --json``: N CI runners, one build.

The partition is checked as a pure function over 200 names (disjoint,
covering, balanced, stable when a release is added), then end to end: N
runners, each with its own checkout, build their shards; their ``dist/``
folders merged are byte for byte the ``dist/`` of one whole build.
"""

from __future__ import annotations

import filecmp
import json
import re
import shlex
import shutil
from pathlib import Path

import pytest

from pressctl.build import shard
from pressctl.core.errors import PressctlError
from tests.bench import corpus
from tests.test_cli import run

NAMES = [f"{year}-{topic}-{n:02d}" for year in (2024, 2025)
         for topic in ("results", "launch", "partnership", "plant", "software")
         for n in range(20)]  # 200 release slugs as teams name them


@pytest.mark.parametrize("shards", [1, 2, 3, 4, 7, 8, 16])
def test_shards_are_disjoint_cover_every_release_and_are_balanced(shards: int) -> None:
    assert len(set(NAMES)) == 200
    parts = [shard.select(NAMES, k, shards) for k in range(1, shards + 1)]
    seen = [name for part in parts for name in part]
    assert sorted(seen) == sorted(NAMES)  # every release once: disjoint and covering
    sizes = [len(part) for part in parts]
    assert max(sizes) - min(sizes) <= 1, sizes
    for part in parts:  # each shard keeps the order it was given
        assert part == [name for name in NAMES if name in part]


@pytest.mark.parametrize("shards", [2, 3, 4, 8, 16])
def test_adding_a_release_moves_few_others(shards: int) -> None:
    before = shard.assign(NAMES, shards)
    moved = []
    for new in ("2026-results-01", "2026-launch-07", "zz-new-release", "a-first-one"):
        after = shard.assign([*NAMES, new], shards)
        moved.append(sum(before[name] != after[name] for name in NAMES))
    # sorting and dealing round-robin would move about half of the 200
    assert max(moved) <= 6, moved


def test_the_partition_depends_on_the_names_only() -> None:
    """Not on their order (the file system's), nor on the process (hash seed)."""
    assert shard.assign(NAMES, 3) == shard.assign(list(reversed(NAMES)), 3)
    # pinned: a change of hashing would move every runner's releases
    assert shard.select(NAMES[:6], 1, 3) == ["2024-results-00", "2024-results-03"]
    assert shard.select(NAMES[:6], 2, 3) == ["2024-results-01", "2024-results-05"]
    assert shard.select(NAMES[:6], 3, 3) == ["2024-results-02", "2024-results-04"]


@pytest.mark.parametrize("text", ["0/3", "4/3", "3", "a/b", "1/0", "-1/3", "1/3/2", ""])
def test_a_bad_shard_is_a_usage_error(text: str) -> None:
    with pytest.raises(PressctlError, match="is not K/N"):
        shard.parse(text)


def test_a_bad_shard_on_the_command_line_is_exit_2(tmp_path: Path) -> None:
    root = corpus.copy_project(tmp_path / "p")
    result = run("build", "--shard", "4/3", cwd=root)
    assert result.returncode == 2, result.stderr
    assert "--shard '4/3' is not K/N with 1 <= K <= N" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (root / "dist").exists()


@pytest.fixture(scope="module")
def corpus_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Six short generated releases with reviewed Chinese catalogs, not built."""
    root = corpus.copy_project(tmp_path_factory.mktemp("corpus") / "project")
    corpus.small_releases(root, 6, paragraphs=1)
    return root


def tree(folder: Path) -> dict[str, Path]:
    return {str(p.relative_to(folder)): p for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_shards_of_n_runners_merge_into_the_whole_build(corpus_root: Path,
                                                           tmp_path: Path) -> None:
    whole = tmp_path / "whole"
    shutil.copytree(corpus_root, whole)
    result = run("build", "--json", cwd=whole)
    assert result.returncode == 0, result.stderr
    expected = tree(whole / "dist")
    releases = sorted(p.stem for p in (corpus_root / "seeds").glob("*.md"))
    assert len(releases) == 6
    assert sorted({name.split("/")[0] for name in expected}) == releases
    assert len(expected) == 6 * 7  # 6 files and a manifest each

    merged = tmp_path / "merged"  # what the CI's last job downloads from every runner
    merged.mkdir()
    built_by: dict[str, int] = {}
    for k in (1, 2, 3):
        runner = tmp_path / f"runner{k}"  # its own checkout
        shutil.copytree(corpus_root, runner)
        planned = run("build", "--shard", f"{k}/3", "--list", "--json", cwd=runner)
        assert planned.returncode == 0, planned.stderr
        plan = json.loads(planned.stdout)
        assert not (runner / "dist").exists()  # --list builds nothing
        result = run("build", "--shard", f"{k}/3", "--json", cwd=runner)
        assert result.returncode == 0, result.stderr
        slugs = [r["slug"] for r in json.loads(result.stdout)]
        assert slugs == [r["slug"] for r in plan["releases"]]
        assert slugs == shard.select(releases, k, 3)
        for slug in slugs:
            assert slug not in built_by, f"{slug} in shards {built_by[slug]} and {k}"
            built_by[slug] = k
        produced = tree(runner / "dist")
        assert {name.split("/")[0] for name in produced} == set(slugs)  # nothing else
        planned_files = {f["path"].removeprefix("dist/") for r in plan["releases"]
                         for f in r["files"]}
        assert planned_files == {n for n in produced if not n.endswith("manifest.json")}
        # the input keys the plan announced are those the manifests record
        for release in plan["releases"]:
            manifest = json.loads((runner / release["manifest"]).read_text("utf-8"))
            keys = {f["path"]: f["inputs"] for f in manifest["files"]}
            assert keys == {Path(f["path"]).name: f["inputs"] for f in release["files"]}
        shutil.copytree(runner / "dist", merged, dirs_exist_ok=True)
    assert sorted(built_by) == releases
    assert sorted(set(built_by.values())) == [1, 2, 3]  # two releases each

    got = tree(merged)
    assert sorted(got) == sorted(expected)
    different = [name for name in expected
                 if not filecmp.cmp(expected[name], got[name], shallow=False)]
    assert not different, different


def test_list_json_shows_what_is_up_to_date(corpus_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(corpus_root, root)
    assert run("build", "release-001", "--format", "docx", cwd=root).returncode == 0
    plan = json.loads(run("build", "--list", "--json", "release-001", "release-002",
                          "--format", "docx", cwd=root).stdout)
    assert plan["shard"] is None
    status = {f["path"]: f["up_to_date"] for r in plan["releases"] for f in r["files"]}
    assert status == {
        "dist/release-001/release-001.en.docx": True,
        "dist/release-001/release-001.zh.docx": True,
        "dist/release-001/release-001.bilingual.docx": True,
        "dist/release-002/release-002.en.docx": False,
        "dist/release-002/release-002.zh.docx": False,
        "dist/release-002/release-002.bilingual.docx": False,
    }
    first = plan["releases"][0]
    assert first["seed"] == "seeds/release-001.md"
    assert [(f["lang"], f["format"], f["bilingual"]) for f in first["files"]] == [
        ("en", "docx", False), ("zh", "docx", False), ("zh", "docx", True)]


def test_an_empty_shard_builds_nothing_and_succeeds(corpus_root: Path, tmp_path: Path) -> None:
    root = tmp_path / "p"
    shutil.copytree(corpus_root, root)
    (root / "seeds" / "release-001.md").unlink()
    for extra in sorted((root / "seeds").glob("*.md"))[1:]:
        extra.unlink()
    # one release, two shards: one of them is empty
    results = [json.loads(run("build", "--shard", f"{k}/2", "--json", "--format", "docx",
                              cwd=root).stdout) for k in (1, 2)]
    assert sorted(len(r) for r in results) == [0, 1]


# ---------------------------------------------------------------- the README's CI examples

README = Path(__file__).resolve().parents[1] / "README.md"


def readme_yaml() -> list[dict[str, object]]:
    """Every ```yaml block of the README, parsed (a syntax error fails here)."""
    yaml = pytest.importorskip("yaml")
    blocks = re.findall(r"^```yaml\n(.*?)^```", README.read_text("utf-8"), re.S | re.M)
    return [yaml.safe_load(block) for block in blocks]


def shard_commands(document: dict[str, object]) -> list[tuple[str, list[dict[str, str]]]]:
    """Each ``pressctl build --shard`` command line of a CI file, with the variables every
    runner sets: GitHub's matrix values or GitLab's CI_NODE_INDEX/CI_NODE_TOTAL."""
    found = []
    jobs = document.get("jobs") or {name: job for name, job in document.items()
                                    if isinstance(job, dict) and "script" in job}
    assert isinstance(jobs, dict) and jobs, document
    for spec in jobs.values():
        lines = [step["run"] for step in spec.get("steps", []) if "run" in step]
        lines += spec.get("script", [])
        runners: list[dict[str, str]] = [{}]
        matrix = spec.get("strategy", {}).get("matrix")
        if matrix:
            (key, values), = matrix.items()
            runners = [{f"${{{{ matrix.{key} }}}}": str(v)} for v in values]
        if "parallel" in spec:
            total = int(spec["parallel"])
            runners = [{"${CI_NODE_INDEX}": str(k), "${CI_NODE_TOTAL}": str(total)}
                       for k in range(1, total + 1)]
        for line in lines:
            if "pressctl build" in line and "--shard" in line:
                found.append((line, runners))
    return found


def test_the_readme_ci_examples_are_yaml_and_their_shards_cover_every_release(
        corpus_root: Path) -> None:
    documents = readme_yaml()
    assert len(documents) >= 3  # the check workflow, GitHub's matrix, GitLab's parallel
    commands = [command for document in documents for command in shard_commands(document)]
    assert len(commands) == 2, commands  # one in each sharded example
    releases = sorted(p.stem for p in (corpus_root / "seeds").glob("*.md"))
    for line, runners in commands:
        assert len(runners) == 3
        listed: list[str] = []
        for variables in runners:
            command = line
            for name, value in variables.items():  # as the CI engine and the shell would
                command = command.replace(name, value)
            assert "$" not in command, command  # every variable was one the runner sets
            words = shlex.split(command)
            assert words[0].endswith("/pressctl") and words[1] == "build", words
            result = run(*words[1:], "--list", "--json", cwd=corpus_root)
            assert result.returncode == 0, (words, result.stderr)
            listed += [r["slug"] for r in json.loads(result.stdout)["releases"]]
        assert sorted(listed) == releases  # disjoint and covering: each once
    assert not (corpus_root / "dist").exists()
