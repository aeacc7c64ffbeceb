"""Data generator and load measurements for the staff pages; not part of `make test`."""
