"""Sign-in events. Django emits these signals from its own login code, which calls no service."""

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from ctassist.core import audit
from ctassist.core.events import CoreEvent


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    audit.emit(CoreEvent.SIGNED_IN, acting_user=user, obj=user)


@receiver(user_login_failed)
def record_failed_sign_in(sender, credentials, request=None, **kwargs):
    audit.emit(CoreEvent.SIGN_IN_FAILED, acting_user=None, username=str(credentials.get("username", ""))[:150])
