"""Dispatch use cases: one function per command or consumed event, one transaction each."""
