"""A module of this repository as it was at another commit, loaded next to today's, so that a
benchmark measures before and after in one process on the same data."""

import subprocess
import sys
import types
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def module_at(ref, path):
    """The module at ``path`` (e.g. ``search/documents.py``) as of the commit ``ref``, under the
    name ``<its dotted name>_before`` in the same package (relative imports find today's
    neighbours)."""
    source = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=REPO, check=True, text=True, capture_output=True).stdout
    dotted = path.removesuffix(".py").replace("/", ".")
    module = types.ModuleType(f"{dotted}_before")
    module.__package__ = dotted.rpartition(".")[0]
    module.__file__ = f"{ref}:{path}"
    sys.modules[module.__name__] = module
    exec(compile(source, module.__file__, "exec"), module.__dict__)
    return module
