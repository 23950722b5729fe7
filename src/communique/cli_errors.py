"""The command line's last line of defence: an unexpected error is one line, never a traceback
(``--debug`` shows it), and ``--version``."""

from __future__ import annotations

import sys
import traceback
from importlib.metadata import PackageNotFoundError, version

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

# What Typer itself raises to end a command (usage errors, --help, typer.Exit): passed through.
PASSED_THROUGH = (TyperException, typer.Exit, typer.Abort)


class SafeGroup(TyperGroup):
    """Runs a command; what escapes it as an exception is printed as ``error: ...`` (exit 1)."""

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except PASSED_THROUGH:
            raise
        except KeyboardInterrupt:
            typer.echo("interrupted", err=True)
            ctx.exit(130)
        except BrokenPipeError:  # the reader of stdout went away ("| head"): nothing left to say
            sys.stderr.close()
            ctx.exit(1)
        except Exception as exc:  # noqa: BLE001 - the user gets one line, the developer --debug
            if ctx.meta.get("debug"):
                traceback.print_exc()
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            typer.echo(f"error: {type(exc).__name__}{': ' + message if message else ''}"
                       + ("" if ctx.meta.get("debug") else " (run with --debug for the traceback)"), err=True)
            ctx.exit(1)


def version_callback(value: bool) -> None:
    if value:
        try:
            typer.echo(f"communique {version('communique')}")
        except PackageNotFoundError:
            typer.echo("communique (version unknown: not installed)")
        raise typer.Exit()
