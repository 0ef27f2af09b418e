"""Notify's pure domain: who hears of which event, the reminder schedule, message formats and
signatures, retry and circuit-breaker arithmetic. Standard library only."""
