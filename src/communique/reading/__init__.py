"""Reading a whole article: its participants, event sides that refer across sentences, and the
frame of the occasion it reports."""
