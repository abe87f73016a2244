"""Reads a tagged PDF with pikepdf and reports what PDF/UA-1 and PDF/A-2b ask of it.

The rules are those veraPDF's profiles state, as far as a structure walk can check them: every
piece of content marked (structure or artifact), lists as LI → Lbl/LBody, headings without
skipped levels, table headers with a scope, readable link texts, running headers and footers as
artifacts, PDF/A identification and output intent. Each check returns a list of problems."""

import re
from dataclasses import dataclass, field

import pikepdf

TEXT_OPS = {"Tj", "TJ", "'", '"'}
PAINT_OPS = {"f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh", "Do"}
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
MM = 72 / 25.4  # points per millimetre
# Running headers and footers sit in the page margins (20-22 mm in our stylesheets): text whose
# baseline is closer to the top or bottom edge than this is running content; the body never is.
RUNNING_ZONE_MM = 20
SLUG = re.compile(r"^[#\w.-]*$")  # "hoofdstuk-3-1", "#intro-2": an address, not a description


def _multiply(m, n):
    """The PDF matrix product m × n (m applied first), matrices as (a, b, c, d, e, f)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


@dataclass
class Element:
    obj: pikepdf.Dictionary
    type: str
    parent: "Element | None"
    kids: list = field(default_factory=list)  # Elements, MCIDs (page, mcid) or annotations

    @property
    def kid_types(self):
        return [kid.type for kid in self.kids if isinstance(kid, Element)]

    def attribute(self, name):
        attributes = self.obj.get("/A")
        if attributes is None:
            return None
        for entry in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
            if isinstance(entry, pikepdf.Dictionary) and name in entry:
                return entry[name]
        return None


class Audit:
    def __init__(self, data):
        import io

        self.data = data
        self.pdf = pikepdf.open(io.BytesIO(data))
        self.page_numbers = {page.objgen: index for index, page in enumerate(self.pdf.pages)}
        root = self.pdf.Root.StructTreeRoot
        self.role_map = {str(k): str(v) for k, v in root.get("/RoleMap", {}).items()}
        self.elements = []  # document order
        self.referenced_mcids = set()
        self.annotation_parents = {}
        kids = root.K if isinstance(root.K, pikepdf.Array) else [root.K]
        for kid in kids:
            self._walk(kid, None, None)
        self.marked = self._read_content()

    # The structure tree, in reading order.
    def _walk(self, obj, parent, page):
        page = obj.get("/Pg", page)
        element = Element(obj, self.role_map.get(str(obj.S), str(obj.S))[1:], parent)
        self.elements.append(element)
        kids = obj.get("/K")
        if kids is None:
            kids = []
        elif not isinstance(kids, pikepdf.Array):
            kids = [kids]
        for kid in kids:
            if isinstance(kid, int):
                key = (self.page_numbers[page.objgen], int(kid))
                self.referenced_mcids.add(key)
                element.kids.append(key)
            elif kid.get("/Type") == "/MCR":
                key = (self.page_numbers[kid.get("/Pg", page).objgen], int(kid.MCID))
                self.referenced_mcids.add(key)
                element.kids.append(key)
            elif kid.get("/Type") == "/OBJR":
                self.annotation_parents[kid.Obj.objgen] = element
                element.kids.append(kid.Obj)
            else:
                element.kids.append(self._walk(kid, element, page))
        return element

    # Page content: what is drawn inside which marked-content sequence, and where text starts.
    def _read_content(self):
        # text: (page index, mm from the top, mm from the bottom, inside an artifact) per text shown
        marked = {"unmarked": [], "mcids": set(), "text": []}
        for index, page in enumerate(self.pdf.pages):
            self._read_stream(page, index, [], marked, IDENTITY)
        return marked

    def _read_stream(self, owner, index, stack, marked, ctm):
        ctms, text_line, leading = [], IDENTITY, 0.0
        box = [float(v) for v in self.pdf.pages[index].mediabox]
        for operands, operator in pikepdf.parse_content_stream(owner):
            op = str(operator)
            # The graphics state and the text matrix, for where each piece of text is shown.
            if op == "q":
                ctms.append(ctm)
            elif op == "Q" and ctms:
                ctm = ctms.pop()
            elif op == "cm":
                ctm = _multiply([float(v) for v in operands], ctm)
            elif op == "BT":
                text_line = IDENTITY
            elif op == "Tm":
                text_line = tuple(float(v) for v in operands)
            elif op in ("Td", "TD"):
                tx, ty = (float(v) for v in operands)
                leading = -ty if op == "TD" else leading
                text_line = _multiply((1, 0, 0, 1, tx, ty), text_line)
            elif op == "TL":
                leading = float(operands[0])
            if op in ("T*", "'", '"'):
                text_line = _multiply((1, 0, 0, 1, 0, -leading), text_line)
            if op in TEXT_OPS:
                y = _multiply(text_line, ctm)[5]
                artifact = any(tag == "Artifact" for tag, _ in stack)
                marked["text"].append((index, (box[3] - y) / MM, (y - box[1]) / MM, artifact))
            if op in ("BMC", "BDC"):
                tag = str(operands[0])[1:]
                mcid = None
                if op == "BDC" and isinstance(operands[1], pikepdf.Dictionary) and "/MCID" in operands[1]:
                    mcid = int(operands[1].MCID)
                    marked["mcids"].add((index, mcid))
                stack.append((tag, mcid))
            elif op == "EMC":
                stack.pop()
            elif op in TEXT_OPS or op in PAINT_OPS:
                if not stack:
                    marked["unmarked"].append((index + 1, op))
                if op == "Do":
                    xobject = owner.Resources.XObject[operands[0]] if "/Resources" in owner else None
                    if xobject is not None and xobject.Subtype == "/Form":
                        matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
                        self._read_stream(xobject, index, list(stack), marked, _multiply(matrix, ctm))

    # The rules.
    def unmarked_content(self):
        problems = [f"page {page}: {op} outside any marked content" for page, op in self.marked["unmarked"][:10]]
        orphans = sorted(self.marked["mcids"] - self.referenced_mcids)
        problems += [f"page {page + 1}: MCID {mcid} is in no structure element" for page, mcid in orphans[:10]]
        return problems

    def list_items(self):
        problems = []
        for element in self.elements:
            if element.type == "LI":
                kinds = element.kid_types
                if "LBody" not in kinds or set(kinds) - {"Lbl", "LBody"}:
                    problems.append(f"LI holds {kinds}")
            elif element.type == "L":
                wrong = set(element.kid_types) - {"LI", "Caption", "L"}
                if wrong:
                    problems.append(f"L holds {sorted(wrong)}")
        return problems

    def headings(self):
        levels = [int(element.type[1]) for element in self.elements if re.fullmatch(r"H[1-6]", element.type)]
        problems = [] if levels[:1] == [1] else [f"the first heading is H{levels[:1]}"]
        for before, after in zip(levels, levels[1:], strict=False):
            if after > before + 1:
                problems.append(f"H{before} followed by H{after}")
        return problems

    def heading_levels(self):
        return [element.type for element in self.elements if re.fullmatch(r"H[1-6]", element.type)]

    def table_headers(self):
        problems = []
        ids = {str(element.obj.ID) for element in self.elements if "/ID" in element.obj}
        tree = self.pdf.Root.StructTreeRoot.get("/IDTree")
        named = set()
        if tree is not None:
            named = {str(name) for name in list(tree.get("/Names", []))[::2]}
            for kid in tree.get("/Kids", []):
                named |= {str(name) for name in list(kid.get("/Names", []))[::2]}
        if ids - named:
            problems.append(f"{len(ids - named)} IDs not in the IDTree")
        for element in self.elements:
            if element.type == "TH" and str(element.attribute("/Scope")) not in ("/Row", "/Column", "/Both"):
                problems.append(f"TH without Scope ({element.obj.get('/ID')})")
            if element.type == "TD":
                for header in element.attribute("/Headers") or []:
                    if str(header) not in ids:
                        problems.append(f"TD refers to unknown header {header}")
        return problems

    def links(self):
        problems = []
        for page in self.pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                contents = str(annotation.get("/Contents", ""))
                if not contents.strip() or SLUG.match(contents):
                    problems.append(f"link description {contents!r}")
                if annotation.objgen not in self.annotation_parents:
                    problems.append(f"link {contents!r} is in no Link structure element")
                elif self.annotation_parents[annotation.objgen].type != "Link":
                    problems.append(f"link {contents!r} sits in a {self.annotation_parents[annotation.objgen].type}")
                if not int(annotation.get("/F", 0)) & 4:
                    problems.append(f"link {contents!r} without the print flag")
        for element in self.elements:
            if element.type == "Link":
                if any(isinstance(kid, Element) and kid.type == "Link" for kid in element.kids):
                    problems.append("a Link inside a Link")
                if not any(isinstance(kid, tuple) or isinstance(kid, Element) for kid in element.kids):
                    problems.append("a Link without text")
        return problems[:20]

    def link_descriptions(self):
        return [str(annotation.get("/Contents", "")) for page in self.pdf.pages
                for annotation in page.get("/Annots", []) if annotation.get("/Subtype") == "/Link"]

    def artifacts(self):
        """Running headers and footers (page numbers at least) are artifacts on every page but the
        cover, and no text in the running zone (the page margins) is in the structure tree."""
        problems = []
        running = [(index, artifact) for index, top, bottom, artifact in self.marked["text"]
                   if index > 0 and min(top, bottom) < RUNNING_ZONE_MM]
        missing = [index + 1 for index in range(1, len(self.pdf.pages))
                   if (index, True) not in running]
        if missing:
            problems.append(f"pages without text artifacts in their margins (running header/footer): {missing[:10]}")
        tagged = sorted({index + 1 for index, artifact in running if not artifact})
        if tagged:
            problems.append(f"pages with running header/footer text in the structure tree: {tagged[:10]}")
        return problems

    def pdfa(self):
        problems = []
        meta = self.pdf.open_metadata()
        if meta.get("pdfaid:part") != "2" or meta.get("pdfaid:conformance") not in ("B", "U", "A"):
            problems.append(f"pdfaid {meta.get('pdfaid:part')}/{meta.get('pdfaid:conformance')}")
        if meta.get("pdfuaid:part") != "1":
            problems.append(f"pdfuaid:part {meta.get('pdfuaid:part')}")
        xmp = bytes(self.pdf.Root.Metadata.read_bytes())
        if not re.search(rb"<pdfaExtension:schemas>.*<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/<", xmp,
                         re.DOTALL):
            problems.append("no PDF/A extension schema for pdfuaid")
        if not meta.get("dc:title"):
            problems.append("no dc:title")
        intents = self.pdf.Root.get("/OutputIntents", [])
        if not any(intent.S == "/GTS_PDFA1" and int(intent.DestOutputProfile.N) == 3 for intent in intents):
            problems.append("no sRGB output intent (GTS_PDFA1, 3 components)")
        if "/ID" not in self.pdf.trailer:
            problems.append("no file identifier in the trailer")
        if not self.pdf.Root.get("/MarkInfo", {}).get("/Marked"):
            problems.append("not marked")
        if not self.pdf.Root.get("/Lang"):
            problems.append("no language")
        if not self.pdf.Root.get("/ViewerPreferences", {}).get("/DisplayDocTitle"):
            problems.append("the viewer does not show the title")
        return problems

    def all_problems(self):
        return {name: getattr(self, name)() for name in
                ("unmarked_content", "list_items", "headings", "table_headers", "links", "artifacts", "pdfa")}
