"""Work items of the pilot phase (filled in by the dashboard part of the pilots issue)."""
