"""Monitoring views, one module per use: dashboards, public cockpit, progress updates, exports."""
