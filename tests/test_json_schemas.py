"""Every ``--json`` document matches the JSON Schema shipped with pressctl (package data)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer

from pressctl.cli.commands import app
from tests.argos_model import build_package, offline_env
from tests.test_cli import run

#: command path → the schemas of the documents it prints (besides error.json)
COMMANDS = {"build": ("build", "build-list", "build-check"), "qa": ("qa",),
            "catalog stats": ("catalog-stats",), "models list": ("models-list",),
            "doctor": ("doctor",), "translate": ("translate",), "newsroom": ("newsroom",)}


def schema(name: str) -> dict[str, Any]:
    text = resources.files("pressctl").joinpath("schemas", f"{name}.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    jsonschema.Draft202012Validator.check_schema(loaded)
    return loaded


def _json_commands(group: Any, prefix: str = "") -> set[str]:
    found = set()
    for name, command in group.commands.items():
        path = f"{prefix}{name}"
        if hasattr(command, "commands"):  # a sub-group: catalog, models
            found |= _json_commands(command, path + " ")
        elif any("--json" in getattr(p, "opts", ()) for p in command.params):
            found.add(path)
    return found


def test_every_command_with_json_has_a_schema() -> None:
    assert _json_commands(typer.main.get_command(app)) == set(COMMANDS)
    shipped = {p.name.removesuffix(".json") for p in
               resources.files("pressctl").joinpath("schemas").iterdir()
               if p.name.endswith(".json")}
    assert shipped == {name for names in COMMANDS.values() for name in names} | {"error"}
    for name in shipped:
        schema(name)


def _valid(result: Any, name: str, code: int = 0) -> Any:
    assert result.returncode == code, (name, result.stdout, result.stderr)
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema(name))
    return document


def test_the_documents_match_their_schemas(tmp_path: Path) -> None:
    env = offline_env(tmp_path, tmp_path / "models")
    assert run("init", "room", "--organisation", "Example Energy", cwd=tmp_path, stdin="",
               env=env).returncode == 0
    room = tmp_path / "room"
    built = _valid(run("build", "--json", cwd=room, env=env), "build")
    assert built[0]["slug"] == "first-release" and len(built[0]["built"]) == 6
    listed = _valid(run("build", "--list", "--json", cwd=room, env=env), "build-list")
    assert all(f["up_to_date"] for f in listed["releases"][0]["files"])
    assert _valid(run("build", "--check", "--json", cwd=room, env=env),
                  "build-check") == {"up_to_date": True, "stale": []}
    assert _valid(run("qa", "--json", cwd=room, env=env), "qa")["ok"] is True
    (room / "dist" / "first-release" / "first-release.en.docx").unlink()
    stale = _valid(run("build", "--check", "--json", cwd=room, env=env), "build-check", 1)
    assert stale == {"up_to_date": False,
                     "stale": ["missing: dist/first-release/first-release.en.docx"]}, stale
    assert run("build", cwd=room, env=env).returncode == 0
    stats = _valid(run("catalog", "stats", "--json", cwd=room, env=env), "catalog-stats")
    assert {row["document"] for row in stats} == {"first-release", "pressctl"}
    assert run("models", "install", str(build_package(tmp_path, "en", "zh")),
               env=env).returncode == 0
    models = _valid(run("models", "list", "--json", cwd=room, env=env), "models-list")
    assert [(m["from"], m["to"]) for m in models] == [("en", "zh")]
    doctor = run("doctor", "--json", cwd=room, env=env)
    findings = _valid(doctor, "doctor", doctor.returncode)
    assert {"config", "seeds", "fonts", "models"} <= {f["area"] for f in findings}
    lines = _valid(run("translate", "--to", "zh", "--json", cwd=room, env=env,
                       stdin="Example Energy\nThe plant covers 60 hectares.\nNew text.\n"),
                   "translate")
    assert [r["status"] for r in lines] == ["memory", "memory", "machine"]

    assert run("new", "q2", cwd=room, env=env).returncode == 0
    fills = _valid(run("translate", "--json", "--memory-only", "seeds/q2.md", cwd=room,
                       env=env), "translate")
    assert fills[0]["catalog"] == "locales/zh/LC_MESSAGES/q2.po" and fills[0]["untranslated"]
    failed = _valid(run("qa", "--json", cwd=room, env=env), "qa", 1)
    assert failed["errors"] and {p["check"] for p in failed["problems"]} >= {"untranslated"}
    refused = _valid(run("build", "--json", cwd=room, env=env), "error", 1)
    assert refused["error"]["exit_code"] == 1 and refused["error"]["problems"]
    bad = _valid(run("qa", "--json", cwd=tmp_path, env=env), "error", 2)
    assert "pyproject.toml" in bad["error"]["message"]


@pytest.mark.parametrize("name", ["qa", "build-check", "error", "newsroom"])
def test_the_schemas_reject_a_document_that_breaks_the_contract(name: str) -> None:
    broken = {"qa": {"ok": "yes", "errors": 0, "warnings": 0, "problems": []},
              "build-check": {"up_to_date": True},
              "error": {"error": {"message": "x"}},
              "newsroom": {"written": "index.en.html"}}[name]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema(name))


def test_the_readme_names_each_schema() -> None:
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme.split("### JSON output: schemas and stable fields", 1)[1].split("\n## ")[0]
    for names in (*COMMANDS.values(), ("error",)):
        for name in names:
            assert f"`{name}.json`" in section, name
