"""Actors: every actor mention resolved to a country, sector and named entity.

The ``actors`` stage is :class:`communique.actors.stage.ActorStage`; the event coder looks mentions
up with :func:`communique.actors.lookup.mention_for_token` and :func:`~communique.actors.lookup.mentions_in`.
"""
