"""docs/frontends.md shows the client set-ups the client tests run (tests/clients/setup/)
verbatim: each block after `<!-- included verbatim: PATH -->` must be that file, and every
set-up file must be shown, so the snippets frontend teams copy are the code that was tested."""

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "frontends.md"
INCLUDED = re.compile(r"<!-- included verbatim: (?P<path>\S+) -->\n```\w*\n(?P<code>.*?)\n```\n", re.DOTALL)


def test_every_client_setup_is_shown_verbatim():
    shown = {match["path"]: match["code"] for match in INCLUDED.finditer(DOC.read_text())}
    setups = sorted(str(path.relative_to(REPO)) for path in (REPO / "tests" / "clients" / "setup").glob("*.mjs"))
    assert sorted(shown) == setups
    for path, code in shown.items():
        assert code == (REPO / path).read_text().rstrip("\n"), f"docs/frontends.md shows an old copy of {path}"


def test_the_docs_name_the_settings_the_code_uses():
    from django.conf import settings

    text = DOC.read_text()
    for header in settings.CORS_ALLOW_HEADERS:
        assert f"`{header}`" in text, header
    for header in settings.CORS_EXPOSE_HEADERS:
        assert f"`{header}`" in text, header
    assert f"`Access-Control-Max-Age: {settings.CORS_PREFLIGHT_MAX_AGE}`" in text
