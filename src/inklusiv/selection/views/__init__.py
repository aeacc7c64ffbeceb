"""Views of the selection procedure, one module per area; urls.py joins them."""
