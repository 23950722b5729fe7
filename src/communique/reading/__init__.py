"""Reading a whole article: its participants, event sides that refer across sentences, the frame of
the occasion its lead reports, and one event per act it tells."""
