"""`make audit` (scripts/audit.py) never passes for a clean audit when its service is unreachable.

Runs the script against an OSV URL on a closed loopback port: it must stop before pip-audit
(not installed in the project's virtualenv) with exit status 2 and say NOT AUDITED.
"""

import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_unreachable_service_is_not_audited():
    result = subprocess.run(
        [sys.executable, "scripts/audit.py", "--service", "osv",
         "--osv-url", f"http://127.0.0.1:{closed_port()}/v1/query", "requirements/dev.txt"],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert result.returncode == 2, result
    assert "NOT AUDITED" in result.stderr
    assert "osv: http://127.0.0.1:" in result.stderr
    assert "pip-audit (" not in result.stdout
