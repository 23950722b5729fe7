"""Reading a whole article: its participants, and event sides that refer across sentences."""
