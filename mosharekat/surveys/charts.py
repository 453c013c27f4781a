"""Trend charts drawn on the server as inline SVG.

No chart library: the house rule takes front-end assets from npm with a lock file, and a bar chart is a
few rectangles. Server-side SVG needs no JavaScript, passes the strict CSP (presentation attributes, no
inline style) and weighs a few hundred bytes. Each chart is an image with a text title (role="img"), and
each template puts a real <table> of the same figures next to it for screen readers.
"""

from mosharekat.core.text import persian_digits

WIDTH, HEIGHT, TOP, BOTTOM, SIDE = 640, 220, 24, 40, 36


def bar_chart(labels, values, maximum=None, decimals=1, percent=False):
    """Bars laid out right to left (the reading direction); None values are gaps marked «—»."""
    numbers = [v for v in values if v is not None]
    maximum = maximum or (max(numbers) if numbers else 1) or 1
    slots = max(len(values), 1)
    slot = (WIDTH - SIDE) / slots
    plot = HEIGHT - TOP - BOTTOM
    bars = []
    for index, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = WIDTH - SIDE - (index + 1) * slot
        height = 0 if value is None else plot * value / maximum
        shown = value * 100 if (percent and value is not None) else value
        places = 0 if percent else decimals
        text = "—" if value is None else persian_digits(f"{shown:.{places}f}") + ("٪" if percent else "")
        bars.append({
            "x": round(x + slot * 0.15, 1), "width": round(slot * 0.7, 1),
            "y": round(TOP + plot - height, 1), "height": round(height, 1),
            "label": label, "value_text": text, "cx": round(x + slot / 2, 1),
            "value_y": round(TOP + plot - height - 6, 1),
        })
    gridlines = []
    for step in range(5):
        fraction = step / 4
        value = maximum * fraction * (100 if percent else 1)
        gridlines.append({"y": round(TOP + plot - plot * fraction, 1),
                          "text": persian_digits(f"{value:.0f}" if percent or maximum >= 10 else f"{value:.1f}")})
    return {"width": WIDTH, "height": HEIGHT, "bars": bars, "grid": gridlines, "axis_x": WIDTH - SIDE + 4,
            "label_y": HEIGHT - BOTTOM + 18, "plot_right": WIDTH - SIDE}
