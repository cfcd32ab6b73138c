import passlib.context
from passlib.context import CryptContext
from passlib.context import CryptContext as Context

SCHEMES = ["argon2", "bcrypt"]

# Errors

pwd_context = CryptContext(schemes=["bcrypt"], deprecated="auto")  # error: FP403
legacy_context = Context(schemes=SCHEMES, deprecated="auto")  # error: FP403
string_context = passlib.context.CryptContext(schemes="sha256_crypt,bcrypt_sha256")  # error: FP403
positional_context = CryptContext(["bcrypt"])  # error: FP403

# OK

argon_context = CryptContext(schemes=["argon2"], deprecated="auto")
sha_context = CryptContext(schemes=["pbkdf2_sha256"])
