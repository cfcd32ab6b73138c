# select: FP401
# OK: a helper module of the test suite (under tests/): its secret is a fixture.
from jose import jwt

FACTORY_SECRET = "factory-secret"


def make_token(subject: str) -> str:
    return jwt.encode({"sub": subject}, FACTORY_SECRET, algorithm="HS256")
