"""The HTTP API and dashboard (``communique serve``)."""

from .app import create_app

__all__ = ["create_app"]
