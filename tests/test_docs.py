"""The docs stand alone in a clone and match the code: every environment variable the code
reads is documented in docs/configuration.md, and every link between README.md and the docs
leads to a file of the repository."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
CODE = ["cms", "storefront_api", "search", "themes", "deploy"]
# env_str("NAME"…), env_int(…), os.environ.get("NAME"), os.environ["NAME"], gunicorn's _int("NAME", …)
READS = re.compile(r'(?:\benv_\w+|os\.environ\.get|os\.environ\[|\b_int)\(?\s*"([A-Z][A-Z0-9_]+)"')
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")


def variables_read():
    found = {}
    for folder in CODE:
        for path in (REPO / folder).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for name in READS.findall(path.read_text()):
                found.setdefault(name, path.relative_to(REPO))
    return found


def test_the_code_reads_environment_variables():
    found = variables_read()
    assert {"DATABASE_URL", "REDIS_URL", "GUNICORN_TIMEOUT", "CDN_PURGER"} <= set(found)


def test_every_environment_variable_is_documented():
    documented = (REPO / "docs" / "configuration.md").read_text()
    missing = [f"{name} ({source})" for name, source in sorted(variables_read().items()) if f"`{name}`" not in documented]
    assert missing == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: str(path.relative_to(REPO)))
def test_links_lead_to_files_of_the_repository(doc):
    broken = []
    for target in LINK.findall(doc.read_text()):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue  # a web address or a place on the same page
        path = (doc.parent / target.split("#", 1)[0]).resolve()
        if not path.is_relative_to(REPO) or not path.exists():
            broken.append(target)
    assert broken == []
