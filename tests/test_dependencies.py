"""pyproject.toml declares the direct dependencies; requirements/*.txt lock everything with hashes.

These tests fail when one is edited without the other (fix: `make lock`, docs/operations.md: Dependencies).
They read files only: no network, no database.
"""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "requirements"
PROJECT_NAME = "storefront-content"
# The project itself as uv names it in a lock's "# via" comments.
PROJECT_VIA = f"{PROJECT_NAME} (pyproject.toml)"

# Lock file → the pyproject extras it holds (None: not generated from pyproject.toml).
LOCKS = {
    "dev.txt": ["dev"],
    "bench.txt": ["dev", "bench"],
    "build.txt": None,
    "tools.txt": None,
}
# graphql-core 3.2.12–3.2.14 fix denial-of-service advisories in the validator and parser.
FLOORS = {"graphql-core": "3.2.14"}

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
HASH = re.compile(r"--hash=sha256:[0-9a-f]{64}")


def read_lock(name):
    """{package: {"version", "hashes", "via"}} from a lock file written by `uv pip compile`."""
    packages = {}
    current = None
    in_via = False
    for line in (REQUIREMENTS / name).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        match = PIN.match(line)
        if match:
            current = {"version": match.group(2), "hashes": [], "via": []}
            packages[canonicalize_name(match.group(1))] = current
            in_via = False
            current["hashes"] += HASH.findall(line)
        elif current is not None and stripped.startswith("--hash="):
            current["hashes"] += HASH.findall(stripped)
        elif current is not None and stripped.startswith("# via"):
            rest = stripped.removeprefix("# via").strip()
            in_via = not rest
            if rest:
                current["via"].append(rest)
        elif current is not None and in_via and stripped.startswith("#   "):
            current["via"].append(stripped.removeprefix("#").strip())
        elif stripped and not stripped.startswith("#"):
            pytest.fail(f"{name}: cannot read line {line!r}")
    return packages


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def declared(extras):
    """{package: Requirement} for the runtime dependencies plus the given extras."""
    project = pyproject()["project"]
    lines = list(project["dependencies"])
    for extra in extras:
        lines += project["optional-dependencies"][extra]
    requirements = {}
    for line in lines:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name not in requirements, f"pyproject.toml declares {name} twice"
        requirements[name] = requirement
    return requirements


def pinned_version(requirement):
    specifiers = list(requirement.specifier)
    assert len(specifiers) == 1 and specifiers[0].operator == "==", (
        f"pyproject.toml: {requirement} must be pinned with == (the lock holds the exact version)"
    )
    return specifiers[0].version


def test_every_direct_dependency_is_pinned_once():
    for requirement in declared(["dev", "bench"]).values():
        pinned_version(requirement)


@pytest.mark.parametrize("lock_name", [name for name, extras in LOCKS.items() if extras])
def test_lock_holds_each_declared_dependency_at_its_pinned_version(lock_name):
    lock = read_lock(lock_name)
    problems = []
    for name, requirement in declared(LOCKS[lock_name]).items():
        version = pinned_version(requirement)
        if name not in lock:
            problems.append(f"{name}=={version} is declared but missing from the lock")
        elif Version(lock[name]["version"]) != Version(version):
            problems.append(f"{name}: pyproject.toml pins {version}, the lock has {lock[name]['version']}")
        elif PROJECT_VIA not in lock[name]["via"]:
            problems.append(f"{name} is declared, but the lock was generated without it as a direct dependency")
    assert not problems, f"requirements/{lock_name} disagrees with pyproject.toml (run `make lock`):\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("lock_name", [name for name, extras in LOCKS.items() if extras])
def test_lock_declares_nothing_that_pyproject_dropped(lock_name):
    direct = set(declared(LOCKS[lock_name]))
    stale = [name for name, entry in read_lock(lock_name).items() if PROJECT_VIA in entry["via"] and name not in direct]
    assert not stale, f"requirements/{lock_name} still has {stale} as direct dependencies (run `make lock`)"


@pytest.mark.parametrize("lock_name", list(LOCKS))
def test_every_locked_package_is_pinned_with_hashes(lock_name):
    lock = read_lock(lock_name)
    assert lock, f"requirements/{lock_name} is empty"
    unhashed = [name for name, entry in lock.items() if not entry["hashes"]]
    assert not unhashed, f"requirements/{lock_name}: no hash for {unhashed}"
    header = (REQUIREMENTS / lock_name).read_text(encoding="utf-8").splitlines()[:2]
    assert header[1].strip() == "#    make lock", f"requirements/{lock_name} was not written by `make lock`"


@pytest.mark.parametrize("source", ["build.in", "tools.in"])
def test_input_files_agree_with_their_locks(source):
    lock = read_lock(source.replace(".in", ".txt"))
    for line in (REQUIREMENTS / source).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in lock, f"requirements/{source} lists {name}, its lock does not (run `make lock`)"
        assert requirement.specifier.contains(lock[name]["version"], prereleases=True), (
            f"requirements/{source} wants {requirement}, its lock has {lock[name]['version']} (run `make lock`)"
        )


def test_project_virtualenv_locks_agree_with_each_other():
    """build.txt, dev.txt and bench.txt are installed into one virtualenv: one version per package."""
    seen = {}
    for lock_name in ("build.txt", "dev.txt", "bench.txt"):
        for name, entry in read_lock(lock_name).items():
            first = seen.setdefault(name, (lock_name, entry["version"]))
            assert first[1] == entry["version"], (
                f"{name}: {first[0]} has {first[1]}, {lock_name} has {entry['version']} (run `make lock`)"
            )
    assert set(read_lock("dev.txt")) <= set(read_lock("bench.txt")), "bench.txt must hold all of dev.txt"


def test_build_lock_satisfies_the_build_system():
    lock = read_lock("build.txt")
    for line in pyproject()["build-system"]["requires"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in lock and requirement.specifier.contains(lock[name]["version"]), (
            f"[build-system] requires {requirement}; requirements/build.txt has {lock.get(name, {}).get('version')}"
        )


@pytest.mark.parametrize("lock_name", list(LOCKS))
def test_locks_respect_security_floors(lock_name):
    lock = read_lock(lock_name)
    for name, floor in FLOORS.items():
        if name in lock:
            assert lock[name]["version"] in SpecifierSet(f">={floor}"), (
                f"requirements/{lock_name}: {name} {lock[name]['version']} is below {floor}"
            )
