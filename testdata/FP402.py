import jwt
import jwt as pyjwt
from fastapi import Depends, FastAPI
from jose import jws
from jose import jwt as jose_jwt
from jose.jwt import decode

KEY = "k" * 32  # noqa: FP401
ALGORITHMS = ["HS256"]
NO_VERIFY = {"verify_signature": False}

# Errors


def jose_without_algorithms(token: str) -> dict[str, str]:
    return jose_jwt.decode(token, KEY)  # error: FP402


def jose_from_import(token: str) -> dict[str, str]:
    return decode(token, KEY, algorithms=None)  # error: FP402


def pyjwt_without_algorithms(token: str) -> dict[str, str]:
    return pyjwt.decode(token, KEY)  # error: FP402


def pyjwt_unverified(token: str) -> dict[str, str]:
    return jwt.decode(token, KEY, options={"verify_signature": False})  # error: FP402


def get_current_user(token: str) -> dict[str, str]:
    return jwt.decode(token, options={"verify_signature": False})  # error: FP402


app = FastAPI()


@app.get("/me")
def me(user: dict[str, str] = Depends(get_current_user)) -> dict[str, str]:
    return user


@app.get("/claims")
def claims(token: str) -> dict[str, str]:
    return jwt.decode(token, options={"verify_signature": False})  # error: FP402


def jose_unverified(token: str) -> dict[str, str]:
    return jose_jwt.decode(token, KEY, algorithms=ALGORITHMS, options=NO_VERIFY)  # error: FP402


def jose_verify_keyword(token: str) -> dict[str, str]:
    return jose_jwt.decode(token, KEY, algorithms=ALGORITHMS, verify=False)  # error: FP402


def pyjwt_verify_keyword(token: str) -> dict[str, str]:
    return jwt.decode(token, KEY, algorithms=["HS256"], verify=False)  # error: FP402


def jws_unverified(token: str) -> bytes:
    return jws.verify(token, KEY, ALGORITHMS, verify=False)  # error: FP402


def pyjwt_dict_options(token: str) -> dict[str, str]:
    return jwt.decode_complete(token, KEY, algorithms=["HS256"], options=dict(verify_signature=False))  # error: FP402


# OK


def positional_algorithms(token: str) -> dict[str, str]:
    return jwt.decode(token, KEY, ["HS256"]) | jose_jwt.decode(token, KEY, ALGORITHMS)


def keyword_algorithms(token: str) -> dict[str, str]:
    return pyjwt.decode(token, KEY, algorithms=ALGORITHMS, options={"verify_exp": True})


def unverified_header(token: str) -> dict[str, str]:
    return jose_jwt.get_unverified_claims(token) | jwt.get_unverified_header(token)


def peek_issuer(token: str) -> str:
    # Reading a claim before choosing the key: not on the auth surface.
    return jwt.decode(token, options={"verify_signature": False})["iss"]


def forwarded(token: str, **kwargs: object) -> dict[str, str]:
    return jwt.decode(token, KEY, **kwargs)


def not_jwt(data: bytes) -> str:
    return data.decode("utf-8")
