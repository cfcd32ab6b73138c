# select: FP401
import jwt

TEST_SECRET = "test-secret"


def test_token() -> None:
    assert jwt.decode(jwt.encode({"a": 1}, TEST_SECRET, algorithm="HS256"), TEST_SECRET, algorithms=["HS256"])
