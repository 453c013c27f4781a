from django import template

register = template.Library()


@register.simple_tag
def described_widget(field, hint=""):
    """Render a field's widget tied to its error list and hint, so screen readers read both with it."""
    if field.use_fieldset:  # radio/checkbox groups are described by their fieldset legend
        return field.as_widget()
    ids = [f"{field.auto_id}_error"] if field.errors else []
    if hint:
        ids.append(f"{field.auto_id}_hint")
    return field.as_widget(attrs={"aria-describedby": " ".join(ids)} if ids else None)
