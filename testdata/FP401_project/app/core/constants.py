# select: FP401
JWT_SECRET = "constant-secret-from-another-module"  # error: FP401
UNUSED_SECRET = "not-a-jwt-key"
ISSUER = "https://auth.example.com"
