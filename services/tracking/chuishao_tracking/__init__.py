"""Tracking: the public side of Chuishao — the supervision board (督办墙) and the published numbers."""
