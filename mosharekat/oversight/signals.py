"""Deleting an attachment row deletes its encrypted file, whichever way the row goes (cascade included)."""

from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Attachment


@receiver(post_delete, sender=Attachment)
def delete_attachment_file(sender, instance, **kwargs):
    if instance.file:
        instance.file.storage.delete(instance.file.name)
