# select: FP411
from datetime import datetime, timedelta

import jwt as pyjwt


def create_refresh_token(subject: str, key: str) -> str:
    payload = {"sub": subject, "exp": datetime.utcnow() + timedelta(days=7)}  # error: FP411
    return pyjwt.encode(payload, key, algorithm="HS256")
