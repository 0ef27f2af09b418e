"""Intake's use cases: commands in, one handler each, a unit of work around every one."""
