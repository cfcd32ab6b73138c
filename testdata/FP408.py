from http import HTTPStatus

import fastapi
import starlette.exceptions
from fastapi import Depends, FastAPI, HTTPException, status
from fastapi import HTTPException as HE
from fastapi.security import OAuth2PasswordBearer
from starlette import status as st

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
UNAUTHORIZED = 401


class AuthError(HTTPException):
    pass


class CredentialsError(HTTPException):
    def __init__(self, detail: str = "Could not validate credentials") -> None:
        super().__init__(status_code=status.HTTP_401_UNAUTHORIZED, detail=detail)  # error: FP408


# Errors


def get_current_user(token: str = Depends(oauth2_scheme)) -> str:
    if token == "expired":
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Token expired")  # error: FP408
    if token == "revoked":
        raise HTTPException(401, "Token revoked")  # error: FP408
    if token == "bad":
        raise HE(status_code=UNAUTHORIZED, detail="Bad token")  # error: FP408
    if token == "none":
        raise fastapi.HTTPException(HTTPStatus.UNAUTHORIZED, "No token", None)  # error: FP408
    if token == "tenant":
        raise HTTPException(401, "Unknown tenant", {"X-Reason": "tenant"})  # error: FP408
    if token == "starlette":
        raise starlette.exceptions.HTTPException(status_code=st.HTTP_401_UNAUTHORIZED)  # error: FP408
    if token == "sub":
        raise AuthError(status_code=401, detail="Subclass")  # error: FP408
    if token == "init":
        raise CredentialsError()
    credentials_exception = HTTPException(  # error: FP408
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"X-Error": "credentials"},
    )
    if token != "ok":
        raise credentials_exception
    return token


# OK


def get_admin(token: str = Depends(oauth2_scheme)) -> str:
    if token == "expired":
        raise HTTPException(
            status_code=status.HTTP_401_UNAUTHORIZED,
            detail="Token expired",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if token == "basic":
        raise HTTPException(401, "Basic only", {"www-authenticate": 'Basic realm="admin"'})
    if token == "forbidden":
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="Not an admin")
    return token


def computed_headers(headers: dict[str, str]) -> None:
    raise HTTPException(status_code=401, detail="Computed", headers=headers)


@app.get("/me")
async def me(user: str = Depends(get_current_user)) -> dict[str, str]:
    return {"user": user}


@app.get("/admin")
async def admin(user: str = Depends(get_admin)) -> dict[str, str]:
    return {"user": user}
