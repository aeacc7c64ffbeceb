"""Forms of the on-site meetings, one module per area, beside the views of the same area."""
