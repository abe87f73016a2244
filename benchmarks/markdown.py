"""Rendering agenda text: the worst input found against ordinary prose of the same length.

Every input is rendered by `opgaven.text.to_html`, the uncached renderer behind every page
and the PDF, with footnote links as on the chapter page. Two kinds of hostile input:

- runs of one pattern over the whole length (`[` × 50,000, `*_` × 25,000, …), the inputs
  that made Python-Markdown quadratic;
- prose carrying as many copies of a pattern as the renderer's syntax budget lets through
  as Markdown: the most parsing work a text of this length can ask for.

The prose is the real agenda's own text, loaded by `make bench`, repeated to the length.
The budget has a floor (opgaven.text.MAX_SYNTAX), so a shorter text may ask for relatively
more work: the figure at 20,000 characters, the longest text the forms accept, shows it.
"""

from opgaven import text
from opgaven.models import Ambition, Contribution, Footnote, Section

LENGTH = 50_000

# One unit each of what costs the parser most per character, found by measuring each
# CommonMark construct (brackets, emphasis, links, raw HTML, lists, quotes, headings, …).
PATTERNS = [
    "[", "]", "[^", "[^1", "[^1]", "[a](", "[](", "[a](b)", "[a][", "[a]\n", "[<", "<[", "`[", "[`",
    "![", "(", "*_", "_*", "*a", "*a**", "***a", "**a **a ", "_a _a ", "a* ", "a_ ", "`", "`a``",
    "<", "<a ", "<a b=", "<a>", "</a>", "<em>", "<div>", "<ul><li>", "<!--", "<http://a", "&", "&#",
    "&amp;", "\\", "\\*", ">", "> ", "> a\n", "- ", "- a\n", "- a\n  ", "1. ", "1.\n", "1. a\n   1. a\n",
    "# a\n", "a\n=\n", "a\n", "a\n\n", "    a\n", "[x]: ", "[a]: b\n", "a  \n", "~", "-", ":",
]


def _prose(length):
    texts = [s.body for s in Section.objects.all()]
    texts += [a.text for a in Ambition.objects.all()]
    texts += [c.text for c in Contribution.objects.all()]
    texts += [n.text for n in Footnote.objects.all()]
    agenda = "\n\n".join(t for t in texts if t)
    if not agenda:
        raise RuntimeError("geen agendatekst geladen")
    return (agenda * (length // len(agenda) + 1))[:length]


def _run_of(pattern, length):
    return (pattern * (length // len(pattern) + 1))[:length]


def _budget_edge(pattern, prose):
    """Prose with as many copies of `pattern` as the syntax budget allows (or a whole run)."""
    spare = text.syntax_budget(prose) - text.syntax_count(prose)
    copies = max(1, spare // max(1, text.syntax_count(pattern)))
    head = pattern * copies
    return head + prose[: max(0, len(prose) - len(head))]


def hostile_inputs(prose):
    for pattern in PATTERNS:
        yield f"run {pattern!r}", _run_of(pattern, len(prose))
        yield f"prose with {pattern!r}", _budget_edge(pattern, prose)


def render(source):
    return text.to_html(source, footnote=text.footnote_link(""))


def worst_against_prose(bench, length):
    """(worst time / prose time, name of the worst input, the worst input)."""
    prose = _prose(length)
    timings = sorted(
        ((bench.median_seconds(lambda s=source: render(s), repeat=3, warmup=1), name, source)
         for name, source in hostile_inputs(prose)),
        key=lambda row: row[0], reverse=True,
    )
    # The slowest few once more with as many repeats as the prose: the machine is noisy.
    prose_seconds = bench.median_seconds(lambda: render(prose), repeat=21)
    confirmed = max(
        (bench.median_seconds(lambda s=source: render(s), repeat=21), name, source)
        for _, name, source in timings[:3]
    )
    seconds, name, source = confirmed
    print(f"# markdown: {length} tekens proza {prose_seconds * 1000:.1f} ms, "
          f"slechtste invoer {name} {seconds * 1000:.1f} ms", flush=True)
    return seconds / prose_seconds, name, source


def run(bench):
    ratio, _, worst = worst_against_prose(bench, LENGTH)
    # The longest text a form accepts (opgaven.forms.LONG_TEXT) has its own figure.
    ratio_form, _, _ = worst_against_prose(bench, 20_000)
    # Linear: twice the length of the worst input costs about twice the time.
    double = bench.median_seconds(lambda: render(worst * 2), repeat=5) / bench.median_seconds(
        lambda: render(worst), repeat=5)
    return [
        ("markdown_pathological_vs_plain", ratio, "x"),
        ("markdown_pathological_vs_plain_20000_chars", ratio_form, "x"),
        ("markdown_worst_double_length", double, "x"),
    ]
