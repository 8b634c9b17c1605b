"""Side-by-side benchmark of the storefront API against wagtail-grapple, Wagtail's REST API
v2 and a static floor, on the same content (``python -m benchmarks.peers``; docs/benchmarks.md).
Not part of the test suite."""
