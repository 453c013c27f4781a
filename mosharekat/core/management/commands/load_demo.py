"""Load the Persian demo organization. Each app contributes its own ``demo.load(stdout)``,
run in INSTALLED_APPS order, so later apps add their demo data without touching this command."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Load (or refresh) the Persian demo data and print the staff logins."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1:8000", help="where the site is served, for the printed links")

    def handle(self, *args, **options):
        logins = []
        with transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if config.name.startswith("mosharekat.") and find_spec(module_name):
                    logins += import_module(module_name).load() or []
        self.stdout.write("\nDemo data loaded. Staff logins (username / password — role, unit):")
        for username, password, role, unit in logins:
            self.stdout.write(f"  {username:<16} {password:<18} {role}, {unit}")
        site = f"http://{options['host']}"
        self.stdout.write(f"Public site: {site}/   Staff: {site}/staff/\n")
