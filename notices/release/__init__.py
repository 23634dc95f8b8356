"""Releasing: the editors' use case that freezes the current text as a new version, once every check passes."""
