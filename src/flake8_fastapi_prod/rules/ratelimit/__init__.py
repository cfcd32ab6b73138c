"""FP7xx: rate limiting and shared state."""
