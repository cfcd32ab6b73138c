# select: FP401
# The literal is reported where a JWT call of another module uses it (security.py).
JWT_SECRET = "constant-secret-from-another-module"
UNUSED_SECRET = "not-a-jwt-key"
ISSUER = "https://auth.example.com"
