"""FP4xx: security and auth (secrets, JWT, CORS, schemes)."""
