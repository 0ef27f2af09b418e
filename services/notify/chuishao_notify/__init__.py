"""Notify: pushes case events to the departments and duty desks (signed webhooks, WeChat Work and
DingTalk group robots), with 催办 reminders before deadlines and escalation notices."""
