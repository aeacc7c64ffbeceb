"""Cross-cutting: what each role has to do next (work items) and what it is told (notifications).

Later apps plug in here through registries filled in their AppConfig.ready(), so no import
points back up the story (DESIGN.md)."""
