"""Page sizes shared by the command line, the HTTP API and the query layer."""

MAX_PAGE = 1000
DEFAULT_PAGE = 50
