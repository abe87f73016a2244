"""Views of the agenda, one module per use: public reading, editing, export."""
