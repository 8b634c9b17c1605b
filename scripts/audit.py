"""`make audit`: the lock files against a vulnerability database, with pip-audit.

pip-audit asks a service about every pinned version:
  pypi  PyPI's JSON API per version (https://pypi.org/pypi/<name>/<version>/json), which also
        lets pip-audit compare the lock's hashes with PyPI's;
  osv   the OSV database (https://api.osv.dev/v1/query, or --osv-url for a mirror of it);
  esms  Ecosyste.ms advisories (https://advisories.ecosyste.ms/api/v1/advisories).
An unreachable service must not pass for a clean audit: when the per-version API answers 404,
pip-audit skips every package as "not found on PyPI" and still exits 0. So this script first
asks the service about one pinned package and stops, naming what failed, when it gets no
answer; then it runs pip-audit with --strict (a package it could not audit is an error) on each
lock file. `--service auto` uses the first that answers: PyPI, OSV, Ecosyste.ms.

Exit status: 0 no known vulnerability; 1 vulnerabilities found, or pip-audit failed (its output
says which); 2 no vulnerability service answered: nothing was audited.

Usage: python scripts/audit.py [--service auto|pypi|osv|esms] [--osv-url URL] LOCK_FILE...
Runs with the tools virtualenv's Python (requirements/tools.txt), where pip-audit is installed.
"""

import argparse
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request

PYPI_URL = "https://pypi.org/pypi/{name}/{version}/json"
OSV_URL = "https://api.osv.dev/v1/query"
ESMS_URL = "https://advisories.ecosyste.ms/api/v1/advisories?ecosystem=pypi&package_name={name}"
SERVICES = ["pypi", "osv", "esms"]
TIMEOUT = 20
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")

UNREACHABLE = 2


def first_pin(lock_file):
    """(name, version) of the first pinned package in a lock file."""
    with open(lock_file, encoding="utf-8") as lines:
        for line in lines:
            match = PIN.match(line)
            if match:
                return match.group(1), match.group(2)
    raise SystemExit(f"audit: no pinned package in {lock_file}")


def probe(service, name, version, osv_url):
    """None when the service answers for name==version, else why it did not."""
    if service == "pypi":
        request = urllib.request.Request(PYPI_URL.format(name=name, version=version))
    elif service == "esms":
        request = urllib.request.Request(ESMS_URL.format(name=name))
    else:
        body = {"package": {"name": name, "ecosystem": "PyPI"}, "version": version}
        request = urllib.request.Request(
            osv_url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
        )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
            json.load(response)
    except urllib.error.HTTPError as error:
        return f"{request.full_url} answered HTTP {error.code}"
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        return f"{request.full_url} unreachable ({reason})"
    except ValueError:
        return f"{request.full_url} answered something that is not JSON"
    return None


def choose_service(requested, name, version, osv_url):
    """The service to audit with, or exit with UNREACHABLE naming what each one did."""
    candidates = SERVICES if requested == "auto" else [requested]
    failures = []
    for service in candidates:
        failure = probe(service, name, version, osv_url)
        if failure is None:
            return service
        failures.append(f"  {service}: {failure}")
    print("audit: NOT AUDITED: no vulnerability service answered from this machine", file=sys.stderr)
    print("\n".join(failures), file=sys.stderr)
    print(
        "audit: pip-audit needs PyPI's per-version JSON API, OSV (api.osv.dev or a mirror: AUDIT_OSV_URL)"
        " or Ecosyste.ms; run `make audit` where one of them is reachable.",
        file=sys.stderr,
    )
    raise SystemExit(UNREACHABLE)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service", choices=["auto", *SERVICES], default="auto")
    parser.add_argument("--osv-url", default=OSV_URL, help="an OSV API of your own (its /v1/query URL)")
    parser.add_argument("lock_files", nargs="+")
    args = parser.parse_args()

    service = choose_service(args.service, *first_pin(args.lock_files[0]), args.osv_url)
    failed = []
    for lock_file in args.lock_files:
        print(f"=== pip-audit ({service}): {lock_file} ===", flush=True)
        command = [
            sys.executable, "-m", "pip_audit", "--requirement", lock_file, "--require-hashes",
            "--disable-pip", "--strict", "--vulnerability-service", service, "--progress-spinner", "off",
        ]
        if service == "osv":
            command += ["--osv-url", args.osv_url]
        if subprocess.run(command).returncode != 0:
            failed.append(lock_file)
    if failed:
        print(f"audit: FAILED for {', '.join(failed)} (vulnerabilities or packages not audited, above)",
              file=sys.stderr)
        return 1
    print(f"audit: no known vulnerabilities in {len(args.lock_files)} lock files ({service})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
