# select: FP301
from svc.settings import AppSettings

# Errors


class WorkerSettings(AppSettings):
    queue: str = "default"

    class Config(AppSettings.Config):  # error: FP301
        env_prefix = "WORKER_"
