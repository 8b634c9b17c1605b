"""Scale data: thousands of stores, a large catalogue and millions of stock rows, inserted
in bulk for benchmarks (``manage.py generate_scale_data``)."""
