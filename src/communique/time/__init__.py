"""Time layer: event dates (``dates`` stage) and event status (``status`` stage)."""
