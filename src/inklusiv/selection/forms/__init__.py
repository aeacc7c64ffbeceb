"""Forms of the selection procedure, one module per area, beside the views of the same area."""
