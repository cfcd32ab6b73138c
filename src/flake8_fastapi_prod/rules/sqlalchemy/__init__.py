"""FP2xx: SQLAlchemy async (sessions, engines, drivers)."""
