# fastapi-target-version: 0.110.0
import fastapi.security.http
from fastapi import Depends, FastAPI
from fastapi.security import HTTPBasic, HTTPDigest
from fastapi.security import HTTPDigest as Digest

OPTIONAL = False
app = FastAPI()

# Errors

digest = HTTPDigest(auto_error=False)  # error: FP406
optional_digest = Digest(scheme_name="digest", auto_error=OPTIONAL)  # error: FP406
module_digest = fastapi.security.http.HTTPDigest(auto_error=False)  # error: FP406

# OK

required_digest = HTTPDigest()
basic = HTTPBasic(auto_error=False)


@app.get("/me")
def me(credentials=Depends(required_digest)):
    return {"scheme": credentials.scheme}
