"""Shop API: users, auth and orders."""
