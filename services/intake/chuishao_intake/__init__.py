"""Intake: the voice of the grid. Grid workers file reports; each becomes a durable event."""
