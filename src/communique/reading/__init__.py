"""Reading a whole article: its participants, event sides that refer across sentences, and one event
per act it tells."""
