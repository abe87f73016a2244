"""Views of organisations and governance bodies: public reading, participant import."""
