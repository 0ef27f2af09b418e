"""Tracking's use cases: one handler per consumed event in a unit of work; the reads in queries.py."""
