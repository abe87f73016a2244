"""The printed agenda (printed_agenda.txt: the transcript the fixtures were made from) as sentences
in reading order, to compare pages with.

A chapter runs from its title page to the next chapter's. Footnotes (printed at the foot of a
page), running page headers and short labels are left out; list markers, item numbers and the
Markdown of the transcript are stripped; a line ends a sentence, and so do . ? ! : and ;.
Sentences are compared normalised: lower case, words only.
"""

import html
import re
import unicodedata
from functools import cache
from pathlib import Path

SEED = Path(__file__).with_name("printed_agenda.txt")
TITLES = {
    3: "GELETTERDE SAMENLEVING", 4: "PARTICIPATIE IN DE INFORMATIE-SAMENLEVING", 5: "LEVEN LANG ONTWIKKELEN",
    6: "ROBUUSTE LOKALE BIBLIOTHEEK", 7: "MEDEWERKERS EN VRIJWILLIGERS", 8: "DIGITALE (NETWERK-) INFRASTRUCTUUR",
    9: "KWALITEIT EN KENNIS", 10: "INNOVATIE", 11: "COLLECTIE", 12: "GEZAMENLIJKE KLANTBENADERING",
    13: "DIGITALE OPENBARE BIBLIOTHEEK", 14: "Slot",
}
SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"


@cache
def _lines():
    return SEED.read_text(encoding="utf-8").split("\n")


def chapter_lines(number):
    lines = _lines()
    after = lines.index("Hoofdstuk 2")  # the chapters' titles also stand in the table of contents

    def find(title, start):
        return next(i for i in range(start, len(lines)) if lines[i].strip() == title)

    start = find(TITLES[number], after)
    return lines[start:find(TITLES[number + 1], start + 1)]


def normalise(text):
    text = unicodedata.normalize("NFKC", text.translate({ord(c): " " for c in SUPERSCRIPTS}))
    text = text.lower().replace("’", "'").replace("‘", "'")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def _clean(line):
    line = line.split("\t")[0]  # a row of chapter 7's table: the organisation columns follow
    line = re.sub(r"</?i>", "", line).replace("**", "").replace("^", "")
    line = re.sub(r"^(?:[-–>•]\s*)+", "", line)  # list and quote markers
    return re.sub(r"^(?:\d{1,2}|[a-f]\.)\s+(?=\S)", "", line)  # an item's number or letter


def seed_sentences(number):
    sentences, paragraph = [], []
    for line in [*chapter_lines(number), ""]:
        if line.strip():
            paragraph.append(line.strip())
            continue
        if paragraph and paragraph[0][0] not in SUPERSCRIPTS:  # not a footnote
            for text in paragraph:
                if text.upper() == text and any(c.isalpha() for c in text):
                    continue  # running page header
                sentences += re.split(r"(?<=[.?!:;])\s+", _clean(text))
        paragraph = []
    return [s for s in sentences if len(normalise(s).split()) >= 4]


def page_text(page_html):
    """The page's text from its title on, without markup or footnote reference numbers."""
    body = page_html[page_html.index("<h1"):]
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    body = re.sub(r'<sup class="fnref".*?</sup>', "", body, flags=re.S)
    return normalise(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _positions(sentence, text):
    needle, found, start = normalise(sentence), [], 0
    while (index := text.find(needle, start)) != -1:
        found.append(index)
        start = index + 1
    return found


def _longest_in_order(candidates):
    """Of [(sentence index, [positions on the page])], the most sentences whose positions rise
    with their index: the rest stand out of order."""
    best = {}
    end = None
    for k, position in ((k, p) for k, ps in candidates for p in ps):
        length, previous = 1, None
        for (k2, p2), (l2, _) in best.items():
            if k2 < k and p2 < position and l2 + 1 > length:
                length, previous = l2 + 1, (k2, p2)
        best[(k, position)] = (length, previous)
        if end is None or length > best[end][0]:
            end = (k, position)
    chain = set()
    while end is not None:
        chain.add(end[0])
        end = best[end][1]
    return chain


def compare(number, page_html):
    """(missing, out of order): seed sentences of chapter `number` absent from the page, and
    those present but not in the document's order."""
    text = page_text(page_html)
    sentences = seed_sentences(number)
    candidates = [(k, _positions(sentence, text)) for k, sentence in enumerate(sentences)]
    in_order = _longest_in_order([(k, ps) for k, ps in candidates if ps])
    missing = [sentences[k] for k, ps in candidates if not ps]
    disordered = [sentences[k] for k, ps in candidates if ps and k not in in_order]
    return missing, disordered
