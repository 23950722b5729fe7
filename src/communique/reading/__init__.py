"""Readings of a whole article: what its sentences share (the frame of the event it reports)."""
