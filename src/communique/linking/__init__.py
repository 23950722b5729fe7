"""linking stage."""
