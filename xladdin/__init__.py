"""The Excel add-in: ribbon as data, VBA as text, the build, and one thin entry point per button."""
