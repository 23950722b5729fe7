"""Place layer: offline geocoding of place names and the location of events."""

from .geocode import geocode
from .places import PlaceMention, find_place_mentions

__all__ = ["geocode", "find_place_mentions", "PlaceMention"]
