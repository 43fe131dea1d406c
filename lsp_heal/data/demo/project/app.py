"""The sample app: prints a report of its widgets."""

import heal_demo_widgets

print(f"{heal_demo_widgets.count()} widgets ready")
