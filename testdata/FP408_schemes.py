from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, status
from fastapi.security import APIKeyHeader, HTTPBasic, HTTPBasicCredentials, OAuth2PasswordBearer

app = FastAPI()
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token", auto_error=False)
basic = HTTPBasic()
admin_basic = HTTPBasic(realm="admin")
api_key = APIKeyHeader(name="X-Key", auto_error=False)
ROOT = Path("/srv/files")


# Errors


@app.post("/token/login")
def token_login(form_data: HTTPBasicCredentials = Depends(basic)) -> dict[str, str]:
    # The route hands out a token, but authenticates with HTTP Basic.
    if form_data.password != "secret":
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="Incorrect password")  # error: FP408
    return {"access_token": "t"}


def basic_user(credentials: Annotated[HTTPBasicCredentials, Depends(admin_basic)]) -> str:
    return credentials.username


@app.get("/reports")
def reports(user: Annotated[str, Depends(basic_user)]) -> dict[str, str]:
    if user != "admin":
        raise HTTPException(401, "Admins only")  # error: FP408
    return {"user": user}


@app.get("/keyed")
def keyed(key: str | None = Depends(api_key)) -> dict[str, str]:
    if key != "k":
        raise HTTPException(401, "Bad key")  # error: FP408
    return {"key": key}


def check_token(value: str) -> None:
    if value != "ok":
        raise HTTPException(401, "Bad token")  # error: FP408


@app.get("/checked/{value}")
def checked(value: str) -> dict[str, str]:
    check_token(value)
    return {"value": value}


# No fix: a 401 outside any authentication (a file the server may not read).
@app.get("/files/{name}")
def read_file(name: str) -> dict[str, str]:
    try:
        return {"name": (ROOT / name).read_text()}
    except PermissionError:
        raise HTTPException(401, "Not allowed") from None  # error: FP408


# No fix: Basic or Bearer, the challenge to send is the author's choice.
def basic_or_bearer(
    form_data: Annotated[HTTPBasicCredentials | None, Depends(HTTPBasic(auto_error=False))],
    token: Annotated[str | None, Depends(oauth2_scheme)],
) -> str:
    if token or form_data:
        return "user"
    raise HTTPException(401, "Unauthorized")  # error: FP408


# OK


@app.get("/either")
def either(user: Annotated[str, Depends(basic_or_bearer)]) -> dict[str, str]:
    return {"user": user}
