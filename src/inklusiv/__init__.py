"""Inklusiv: the platform on which a funder runs an inclusion initiative."""
