"""CI in one line: the composite action, the pre-commit hooks and the container recipe."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.argos_model import build_package, offline_env
from tests.conftest import ROOT
from tests.test_cli import run

ACTION = ROOT / ".github" / "actions" / "pressctl" / "action.yml"
HOOKS = ROOT / ".pre-commit-hooks.yaml"


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).parent / name)
    if not Path(found).exists():
        pytest.skip(f"{name} is not installed (pip install {name})")
    return found


def test_the_action_passes_the_schema_check() -> None:
    checked = subprocess.run([_tool("check-jsonschema"), "--builtin-schema",
                              "vendor.github-actions", str(ACTION)],
                             capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def _step(name: str) -> dict[str, object]:
    steps = yaml.safe_load(ACTION.read_text("utf-8"))["runs"]["steps"]
    return next(step for step in steps if str(step.get("name", "")).startswith(name))


def _shim(tmp_path: Path) -> Path:
    """A ``pressctl`` on PATH that runs this checkout, as the action's installed one would."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "pressctl"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m pressctl "$@"\n', "utf-8")
    shim.chmod(0o755)
    return bin_dir


def test_the_action_runs_its_command_and_skips_cached_models(tmp_path: Path) -> None:
    """The steps' shell, run as the runner runs it: bash, inputs passed through env."""
    packages = tmp_path / "models"
    env = {**os.environ, **offline_env(tmp_path, packages),
           "PATH": f"{_shim(tmp_path)}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": f"{ROOT}{os.pathsep}{tmp_path / 'offline-site'}"}
    assert run("models", "install", str(build_package(tmp_path, "en", "zh")),
               env=env).returncode == 0
    assert run("init", "room", "--organisation", "Example Energy", cwd=tmp_path, stdin="",
               env=env).returncode == 0
    models = _step("Install models")
    done = subprocess.run(["bash", "-e", "-c", str(models["run"])], cwd=tmp_path,
                          env={**env, "MODELS": "en:zh"}, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert "model en:zh: installed (cached)" in done.stdout
    command = _step("pressctl ")
    for value, code in (("build", 0), ("build --check", 0), ("qa --json", 0)):
        ran = subprocess.run(["bash", "-e", "-c", str(command["run"])], cwd=tmp_path / "room",
                             env={**env, "COMMAND": value}, capture_output=True, text=True,
                             timeout=600)
        assert ran.returncode == code, (value, ran.stderr)
    assert (tmp_path / "room" / "dist" / "first-release" / "first-release.zh.pdf").is_file()
    assert not (tmp_path / "network.log").exists()


def test_the_hooks_select_seeds_catalogs_and_the_glossary() -> None:
    hooks = {hook["id"]: hook for hook in yaml.safe_load(HOOKS.read_text("utf-8"))}
    assert set(hooks) == {"pressctl-qa", "pressctl-catalog-check"}
    assert hooks["pressctl-qa"]["entry"] == "pressctl qa"
    assert hooks["pressctl-qa"]["pass_filenames"] is False
    assert hooks["pressctl-catalog-check"]["entry"] == "pressctl catalog check"
    for hook in hooks.values():
        files = re.compile(hook["files"])
        for path in ("seeds/q1.md", "locales/zh/LC_MESSAGES/q1.po", "locales/glossary.csv"):
            assert files.search(path), (hook["id"], path)
        for path in ("README.md", "dist/q1/q1.zh.pdf", "pyproject.toml"):
            assert not files.search(path), (hook["id"], path)


def test_catalog_check_names_the_broken_file_and_line(tmp_path: Path) -> None:
    env = offline_env(tmp_path, tmp_path / "no-models")
    assert run("init", "room", "--organisation", "E", cwd=tmp_path, stdin="",
               env=env).returncode == 0
    room = tmp_path / "room"
    good = run("catalog", "check", cwd=room, env=env)
    assert good.returncode == 0 and "well-formed" in good.stderr, good.stderr
    po = room / "locales" / "zh" / "LC_MESSAGES" / "first-release.po"
    po.write_text(po.read_text("utf-8").replace('msgstr "关于电站"', 'msgstr "关于电站'), "utf-8")
    (room / "README.md").write_text("# Not a seed\n\nNo front matter.\n", "utf-8")
    bad = run("catalog", "check", "README.md", str(po.relative_to(room)), cwd=room, env=env)
    line = po.read_text("utf-8").splitlines().index('msgstr "关于电站') + 1
    assert bad.returncode == 2
    assert f"locales/zh/LC_MESSAGES/first-release.po:{line}: malformed PO file" in bad.stderr


@pytest.mark.slow
def test_the_pre_commit_hooks_run_through_try_repo(tmp_path: Path) -> None:
    """pre-commit installs pressctl from this repository (language: python) with no network:
    pip reads the wheelhouse only."""
    from tests.test_install import BUILD_REQUIRES, build_wheel, fill_wheelhouse

    pre_commit = _tool("pre-commit")
    house = fill_wheelhouse(str(build_wheel(tmp_path / "wheel")), *BUILD_REQUIRES, "wheel")
    repo = tmp_path / "repo"
    env = {**{k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
           **offline_env(tmp_path, tmp_path / "no-models"),
           "PRE_COMMIT_HOME": str(tmp_path / "pre-commit"), "PIP_NO_INDEX": "1",
           "PIP_FIND_LINKS": str(house), "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@e",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@e"}
    env["PYTHONPATH"] = str(tmp_path / "offline-site")  # the network blocker, not the checkout
    assert run("init", "repo", "--organisation", "Example Energy", cwd=tmp_path, stdin="",
               env={**env, "PYTHONPATH": f"{ROOT}{os.pathsep}{env['PYTHONPATH']}"}
               ).returncode == 0
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    source = tmp_path / "pressctl-repo"  # try-repo clones; a copy keeps the checkout untouched
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(
        ".venv*", "dist", "build", "*.egg-info", "__pycache__", ".git", "tests"))
    subprocess.run(["git", "init", "-q"], cwd=source, check=True)
    subprocess.run(["git", "add", "-A"], cwd=source, check=True, env=env)
    subprocess.run(["git", "commit", "-qm", "pressctl"], cwd=source, check=True, env=env)

    def hooks() -> subprocess.CompletedProcess[str]:  # both hooks, one environment each run
        return subprocess.run([pre_commit, "try-repo", str(source), "--all-files"],
                              cwd=repo, env=env, capture_output=True, text=True, timeout=900)

    passed = hooks()
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(r"pressctl catalog check.*Passed", passed.stdout), passed.stdout
    assert re.search(r"pressctl qa .*Passed", passed.stdout), passed.stdout
    po = repo / "locales" / "zh" / "LC_MESSAGES" / "first-release.po"
    po.write_text(po.read_text("utf-8").replace("电站占地60公顷。", "电站占地6公顷。"), "utf-8")
    broken = repo / "locales" / "zh" / "LC_MESSAGES" / "notes.po"
    broken.write_text('msgid "a"\nmsgstr "b\n', "utf-8")
    subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
    failed = hooks()
    assert failed.returncode == 1
    assert re.search(r"pressctl catalog check.*Failed", failed.stdout), failed.stdout
    assert "notes.po:2: malformed PO file" in failed.stdout
    assert re.search(r"pressctl qa .*Failed", failed.stdout)
    assert "first-release.po" in failed.stdout and "numbers" in failed.stdout
    # pip's platform probe opens an AF_NETLINK socket (family 15), a local kernel socket
    log = tmp_path / "network.log"
    attempts = log.read_text("utf-8").split() if log.exists() else []
    assert set(attempts) <= {"(15,)"}, attempts


def test_the_container_recipe_builds_a_working_image(tmp_path: Path) -> None:
    recipe = ROOT / ".ci" / "Containerfile"
    for source in re.findall(r"^COPY (.+) /tmp/pressctl/?\S*$", recipe.read_text("utf-8"),
                             re.MULTILINE):
        for name in source.split():
            assert (ROOT / name).exists(), name
    docker = shutil.which("docker") or shutil.which("podman")
    if docker is None or subprocess.run([docker, "info"], capture_output=True,
                                        timeout=60).returncode != 0:
        pytest.skip("no docker or podman daemon to build .ci/Containerfile with")
    built = subprocess.run([docker, "build", "-q", "-f", str(recipe), "-t", "pressctl-test",
                            str(ROOT)], capture_output=True, text=True, timeout=1800)
    assert built.returncode == 0, built.stderr
    version = subprocess.run([docker, "run", "--rm", "pressctl-test", "pressctl", "--version"],
                             capture_output=True, text=True, timeout=300)
    assert version.stdout.startswith("pressctl "), version.stderr
