from hypothesis import given
from hypothesis import strategies as st

from teilhabe.core.markup import render_markdown


def test_markdown_is_rendered_and_sanitised():
    html = render_markdown("**fett** <script>alert(1)</script> [link](javascript:alert(1))")
    assert "<strong>fett</strong>" in html
    assert "<script" not in html
    assert "javascript:" not in html


@given(st.text())
def test_no_input_produces_script_or_event_handlers(text):
    html = render_markdown(text).lower()
    assert "<script" not in html
    assert " onerror=" not in html and " onclick=" not in html
