"""The pre-commit hooks confdocs offers (.pre-commit-hooks.yaml), and the README's snippet that
uses them."""

from __future__ import annotations


def _hook(hook_id: str) -> dict[str, str]:
    import re

    from .helpers import ROOT

    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    block = text.split(f"- id: {hook_id}\n", 1)[1].split("\n- id:", 1)[0]
    return dict(re.findall(r"^  ([a-z_]+): (.*)$", block, flags=re.MULTILINE))


def test_the_validate_hook_runs_serially_on_engagement_files_only() -> None:
    import re

    hook = _hook("confdocs-validate")
    assert hook["require_serial"] == "true"
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])

    def checked(path: str) -> bool:
        return bool(files.search(path)) and not exclude.search(path)

    for engagement in ("engagements/jw.json", "cohort/2026/a-b.json", "x.json"):
        assert checked(engagement), engagement
    for other in ("package.json", "web/package-lock.json", ".vscode/settings.json",
                  "tsconfig.build.json", ".devcontainer/devcontainer.json", "out/manifest.json",
                  "renovate.json"):
        assert not checked(other), other


def test_the_readme_pre_commit_snippet_names_no_tag_that_does_not_exist() -> None:
    from .helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = readme.split("pre-commit (`.pre-commit-config.yaml`)", 1)[1].split("```", 2)[1]
    assert "rev:" not in snippet and "repo: local" in snippet
    assert "require_serial: true" in snippet
