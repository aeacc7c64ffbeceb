"""Domain errors: services raise them with a message the user can read in their language."""


class DomainError(Exception):
    """A rule of the domain refuses the action; str(error) is the translated message."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self):
        return str(self.message)
