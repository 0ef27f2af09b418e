"""Chuishao platform library shared by the intake, dispatch and tracking services."""
