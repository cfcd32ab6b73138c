"""FP6xx: application structure (lifespan, middleware, routes)."""
