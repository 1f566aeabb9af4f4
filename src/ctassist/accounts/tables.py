import django_tables2 as tables

from ctassist.accounts.models import User


class UserTable(tables.Table):
    username = tables.Column(linkify=True)

    class Meta:
        model = User
        fields = (
            "username",
            "first_name",
            "last_name",
            "email",
            "role",
            "organisation",
            "is_active",
            "last_login",
            "is_demo",
        )
        order_by = ("username",)
