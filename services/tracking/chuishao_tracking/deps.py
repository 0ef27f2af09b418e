"""Annotated dependency aliases for tracking's routes (all public: no principal)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from chuishao_tracking.service_layer.queries import TrackingContext


def _context(request: Request) -> TrackingContext:
    return request.app.state.context


Context = Annotated[TrackingContext, Depends(_context)]
