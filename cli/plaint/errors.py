"""One error family: every failure plaint reports carries its exit code."""


class PlaintError(Exception):
    """Base error. The command layer prints `Error: <message>` and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(PlaintError):
    """The user asked for something that cannot be done as asked."""


class DataError(PlaintError):
    """A file (record, policy, calendar) is not what plaint expects."""


class ParseError(DataError):
    """A file that does not parse; rendered as `path:line: message` like a compiler."""

    def __init__(self, path, line: int, message: str):
        self.path = path
        self.line = line
        super().__init__(f"{path}:{line}: {message}")


class NotFound(UsageError):
    """An id, calendar or template that does not exist."""
