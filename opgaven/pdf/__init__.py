"""The PDF export: live data → HTML (content.py, render.py) → PDF, run as a job (services.py)."""
