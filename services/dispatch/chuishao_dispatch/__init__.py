"""Dispatch: routes whistles to departments, tracks their reporting in and escalates deadlines."""
