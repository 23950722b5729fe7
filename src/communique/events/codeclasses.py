"""Word classes, and the classes of CAMEO codes and PLOVER types that decide how the coder treats an act."""

from __future__ import annotations

VERB_POS = {"VERB", "AUX"}

NOUN_POS = {"NOUN", "PROPN"}

VERBAL_TYPES = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"}

COOPERATIVE_TYPES = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}

CONFLICT_TYPES = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "PROTEST"}

# Acts aimed at someone: with no one named, at the other state of an article between two states.
DIRECTED_TYPES = {"ACCUSE", "THREATEN", "SANCTION", "REJECT"}

HOSTILE_TYPES = {"COERCE", "ASSAULT"}

# A demonstration (CAMEO 141) by a state or its officials is an official protest (111).
DEMONSTRATION, OFFICIAL_PROTEST, OFFICIAL_SECTORS = "141", "111", {"GOV", "MIL"}

ARTICLE_SENTENCES = 3  # enough sentences for an article's two states to be known

TRAVEL_CODES = ("042",)  # a visit: made to a host, not among those who travel

# Attacks and deployments with no named target are aimed at the state where they happen.
PLACE_TARGET_TYPES = {"ASSAULT", "MOBILIZE"}

# Acts aimed at the people of a place abroad when they name no party: aid delivered there, a
# ceasefire declared there (CAMEO 0871, declare truce or ceasefire).
ABROAD_TARGET_TYPES = {"AID"}

# What is given, in the passive with no giver named, in an article about two states, is given by
# the other one ("the vessel was handed over to Fiji")
GIVEN_TYPES = {"AID"}

# Acts that need a counterpart, which an article about two states need not name again
DYAD_TARGET_TYPES = {"SANCTION"}

CEASEFIRE_CODES = ("0871",)
