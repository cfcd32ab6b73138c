# select: FP308
from app import models
from app.schemas import AccountOut

# Errors


def show(account: models.Account) -> AccountOut:
    return AccountOut.model_validate(account)  # error: FP308
