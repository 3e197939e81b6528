class BackupFailure(Exception):
    """A backup or restore could not be done; the message says why, for the operator."""


class BackupError(BackupFailure):
    """The backup was not written (no partial archive is left behind)."""


class RestoreRefused(BackupFailure):
    """The archive or the target installation is not fit for a restore; nothing was changed."""


class RestoreError(BackupFailure):
    """The restore failed after it had begun to change the installation."""
