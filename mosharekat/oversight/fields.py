"""A text column encrypted with the oversight key: the database holds only Fernet tokens."""

from django.db import models

from . import crypto


class EncryptedTextField(models.TextField):
    """Encrypts on the way into the database and decrypts on the way out.

    Fernet uses a fresh IV per value, so equal texts give different tokens: the column can be
    neither searched nor compared, which is the point. An empty value stays empty, so optional
    fields (identity of an anonymous reporter) cost nothing.
    """

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return crypto.encrypt_text(value)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return crypto.decrypt_text(value)
