"""Article-level reading: what the whole article says about the events its sentences code."""
