"""One error family: every failure plaint reports carries its exit code."""

from plaint.problems import Problem, Where


class PlaintError(Exception):
    """Base error. The command layer prints `Error: <message>` and exits with `exit_code`."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class UsageError(PlaintError):
    """The user asked for something that cannot be done as asked."""


class DataError(PlaintError):
    """A file (record, policy, calendar) is not what plaint expects; `problems` says where, when known."""

    problems: list = []

    @classmethod
    def of(cls, problems) -> "DataError":
        """One error for several Problems (every problem of a policy, say), one per line."""
        error = cls("\n".join(str(p) for p in problems))
        error.problems = list(problems)
        return error


class ParseError(DataError):
    """A file that does not parse; rendered as `path:line: message` like a compiler."""

    def __init__(self, path, line: int, message: str):
        self.path = path
        self.line = line
        self.problems = [Problem(str(path), line, message)]
        super().__init__(f"{path}:{line}: {message}")


def located(where, message: str) -> DataError:
    """The error for `message` at `where`: a ParseError (with its Problem) at a `Where`, else a
    DataError with `where` (a text prefix, maybe empty) in front."""
    if isinstance(where, Where):
        return ParseError(where.path, where.line, message)
    return DataError(f"{where}{message}")


def worded(path, line: int, text: str) -> ParseError:
    """A ParseError from a sentence translated whole, `path:line: ` included (as the catalog has it)."""
    prefix = f"{path}:{line}: "
    return ParseError(path, line, text[len(prefix):] if text.startswith(prefix) else text)


class LockBusy(PlaintError):
    """Another process held the book lock for longer than a write waits."""


class NotFound(UsageError):
    """An id, calendar or template that does not exist."""


class RecordError(ParseError):
    """A record that parses but breaks the record schema; carries every problem found."""

    def __init__(self, problems):
        problems = list(problems)
        first = problems[0]
        super().__init__(first.path, first.line, first.message)
        self.problems = problems
        self.message = "\n".join(str(p) for p in self.problems)


class CommitError(PlaintError):
    """The record is written but git refused the commit; the message says what state it is in."""


# An unexpected internal error (a bug): distinct from 1 (overdue found) and 2 (usage or data error).
INTERNAL_ERROR = 70  # EX_SOFTWARE in sysexits.h
INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it): neither "overdue" nor "broken"


def internal_error_line(command: str | None, exc: BaseException) -> str:
    """The one line an unexpected exception becomes (exit code INTERNAL_ERROR), never a traceback."""
    detail = "".join(c if c.isprintable() else repr(c)[1:-1] for c in f"{type(exc).__name__}: {exc}")[:300]
    where = f"`plaint {command}`" if command else "plaint"
    return (f"Error: internal error in {where} ({detail}); this is a bug in plaint: please report it "
            f"with the command you ran (exit code {INTERNAL_ERROR})")
