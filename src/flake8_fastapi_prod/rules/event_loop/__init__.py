"""FP1xx: the event loop (blocking calls, tasks, nested loops)."""
