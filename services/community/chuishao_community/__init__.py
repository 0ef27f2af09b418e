"""Chuishao community: the community side (共建共治): members (报到), needs and claims, the hours ledger."""
