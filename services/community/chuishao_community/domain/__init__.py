"""The community's pure domain: members (报到), needs and their claims, the hours rule. No FastAPI,
SQLAlchemy, aiokafka or asyncpg here."""
