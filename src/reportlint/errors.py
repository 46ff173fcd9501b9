"""Errors that end a run with exit code 2 and one clear line (never a traceback)."""


class ReportlintError(Exception):
    """Base class: ``str(err)`` is the whole line shown to the user."""


class InputError(ReportlintError):
    """A file to lint cannot be read: missing, a directory, binary, undecodable, empty."""

    def __init__(self, path: str, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class ConfigError(ReportlintError):
    """A rule file, config file or command-line option is wrong."""
