"""FP5xx: errors and exception handling."""
