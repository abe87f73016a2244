"""governance.cycles.paused: the cycle collector is off for one piece of heavy work and always on
again afterwards, however the work ends; a pause inside a pause leaves it to the outer one."""

import gc

import pytest

from governance import cycles


def test_the_collector_is_off_inside_and_on_after():
    with cycles.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_inner_pause_leaves_the_collector_to_the_outer_one():
    with cycles.paused():
        with cycles.paused():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_on_again_after_an_error():
    with pytest.raises(ValueError), cycles.paused():
        raise ValueError("kapot")
    assert gc.isenabled()


def test_a_pdf_render_pauses_it(monkeypatch):
    from opgaven.pdf import render

    seen = []
    monkeypatch.setattr(render.HTML, "write_pdf", lambda self, **options: seen.append(gc.isenabled()) or b"%PDF")
    assert render.render_pdf("<p>Tekst</p>") == b"%PDF"
    assert seen == [False] and gc.isenabled()
