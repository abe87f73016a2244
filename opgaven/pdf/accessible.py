"""What WeasyPrint's tagging leaves to us, for a PDF that is PDF/UA-1 and PDF/A-2b at once.

WeasyPrint writes one variant (we ask for PDF/A-2b, with tags) and tags the boxes it lays out. This
finisher runs on its PDF objects just before the file is written and completes what PDF/UA-1 asks:
- running headers and footers (page margin boxes) become artifacts: WeasyPrint marks their text
  but links it to no structure element;
- a list item holds a label and a body: content WeasyPrint puts straight into LI goes into LBody;
- headings follow the document: a level is at most one deeper than the heading before it (the
  `###` of a text under a chapter's H1 becomes H2);
- table headers get their Scope from the HTML `scope`, and every ID is in the IDTree;
- one link annotation per link: WeasyPrint gives each box inside an `<a>` its own (a TOC entry of
  text, leader and page number was three nested links); they merge into the link's own;
- a link's description is its text, not its target's anchor name;
- the XMP metadata names PDF/UA-1 next to PDF/A-2b, with the extension schema PDF/A asks for.
The test that reads the result back is tests/opgaven/test_pdf_accessibility.py (with pikepdf).
"""

import re

import pydyf
from weasyprint.formatting_structure import boxes

SCOPES = {"row": "/Row", "rowgroup": "/Row", "col": "/Column", "colgroup": "/Column"}

# PDF/A admits only the XMP properties its standard lists, or those a document describes itself.
PDFUA_XMP = b"""<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="1"/>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
      <pdfaProperty:name>part</pdfaProperty:name>
      <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
      <pdfaProperty:category>internal</pdfaProperty:category>
      <pdfaProperty:description>Part of ISO 14289 (PDF/UA) the document conforms to</pdfaProperty:description>
    </rdf:li></rdf:Seq></pdfaSchema:property>
  </rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
"""


def finish(document, pdf):
    """WeasyPrint's `finisher`: called with the laid-out document and the PDF objects."""
    tree = _StructureTree(pdf)
    tree.mark_running_content_as_artifacts()
    tree.give_list_items_a_body()
    tree.let_headings_follow_the_document()
    _scope_table_headers(document, tree)
    tree.add_id_tree()
    _one_annotation_per_link(document, tree)
    _describe_links(document)
    _declare_pdfua(pdf)


def _number(reference):
    return int(reference.split()[0])


class _StructureTree:
    def __init__(self, pdf):
        self.pdf = pdf
        self.root = self.obj(pdf.catalog["StructTreeRoot"])
        self.order = []  # reachable structure elements, in reading order
        self._walk(self.root["K"][0])

    def obj(self, reference):
        return self.pdf.objects[_number(reference)]

    def _walk(self, reference):
        element = self.obj(reference)
        self.order.append(element)
        for kid in element["K"]:
            if isinstance(kid, bytes) and self.obj(kid).get("Type") == "/StructElem":
                self._walk(kid)

    def mark_running_content_as_artifacts(self):
        reachable = {element.number for element in self.order}
        nums = self.obj(self.root["ParentTree"])["Nums"]
        for page_number, mcids in zip(nums[0::2], nums[1::2], strict=True):
            if not isinstance(mcids, pydyf.Array):
                continue  # an annotation's entry
            orphans = {mcid for mcid, ref in enumerate(mcids) if ref != b"null" and _number(ref) not in reachable}
            if not orphans:
                continue
            for mcid in orphans:
                mcids[mcid] = b"null"
            page = self.obj(self.pdf.page_references[page_number])
            _artifacts_in(self.obj(page["Contents"]), orphans)

    def give_list_items_a_body(self):
        for item in [element for element in self.order if element["S"] == "/LI"]:
            kids = [self.obj(kid) for kid in item["K"]]
            labels = [kid for kid in kids if kid["S"] == "/Lbl"]
            content = [kid for kid in kids if kid["S"] != "/Lbl"]
            if not content or (len(content) == 1 and content[0]["S"] == "/LBody"):
                continue
            body = pydyf.Dictionary({"Type": "/StructElem", "S": "/LBody", "K": pydyf.Array(), "P": item.reference})
            if "Pg" in item:
                body["Pg"] = item["Pg"]
            self.pdf.add_object(body)
            for kid in content:
                # An LBody WeasyPrint made for inline text gives its content to the one body.
                for moved in ([self.obj(ref) for ref in kid["K"]] if kid["S"] == "/LBody" else [kid]):
                    moved["P"] = body.reference
                    body["K"].append(moved.reference)
            item["K"] = pydyf.Array([label.reference for label in labels] + [body.reference])

    def let_headings_follow_the_document(self):
        """Each heading one level below the nearest heading before it with a higher (smaller) level.

        H1, H3, H3, H2 (a text's ### under a chapter) becomes H1, H2, H2, H2."""
        open_headings = []  # (level as written, level in the PDF)
        for element in self.order:
            match = re.fullmatch(r"/H([1-6])", element["S"])
            if match:
                written = int(match[1])
                while open_headings and open_headings[-1][0] >= written:
                    open_headings.pop()
                level = open_headings[-1][1] + 1 if open_headings else 1
                element["S"] = f"/H{level}"
                open_headings.append((written, level))

    def add_id_tree(self):
        named = sorted((element["ID"].string, element.reference) for element in self.order if "ID" in element)
        if named:
            tree = pydyf.Dictionary({"Names": pydyf.Array([item for id_, ref in named
                                                           for item in (pydyf.String(id_), ref)])})
            self.pdf.add_object(tree)
            self.root["IDTree"] = tree.reference


def _links(box, owner=None):
    """(box, the box of the `<a>` it belongs to) for every box that carries a link annotation."""
    if getattr(box, "link", None) and owner is None:
        owner = box
    if getattr(box, "link_annotation", None) is not None:
        yield box, owner
    for child in box.all_children():
        yield from _links(child, owner)


def _one_annotation_per_link(document, tree):
    objrs = {}  # annotation number -> (structure element, OBJR reference)
    for element in tree.order:
        for kid in element["K"]:
            if isinstance(kid, bytes) and tree.obj(kid).get("Type") == "/OBJR":
                objrs[_number(tree.obj(kid)["Obj"])] = (element, kid)
    nums = tree.obj(tree.root["ParentTree"])["Nums"]
    for page_number, page in enumerate(document.pages):
        pdf_page = tree.obj(tree.pdf.page_references[page_number])
        for box, owner in _links(page._page_box):
            if owner is None or box is owner or getattr(owner, "link_annotation", None) is None:
                continue
            inner, outer = box.link_annotation, owner.link_annotation
            x1, y1, x2, y2 = outer["Rect"]
            a1, b1, a2, b2 = inner["Rect"]
            outer["Rect"] = pydyf.Array([min(x1, a1), min(y1, b1), max(x2, a2), max(y2, b2)])
            if inner.reference in pdf_page.get("Annots", []):
                pdf_page["Annots"].remove(inner.reference)
            element, objr = objrs.pop(inner.number, (None, None))
            if element is not None:
                element["K"].remove(objr)
            if "StructParent" in inner:
                index = nums[0::2].index(inner["StructParent"]) * 2
                del nums[index:index + 2]
            box.link_annotation = None


def _artifacts_in(stream, mcids):
    """Turn `/Tag <</MCID n>> BDC` into `/Artifact BMC` for the given MCIDs of one page."""
    items = stream.stream
    for index in range(len(items) - 1, 0, -1):
        item = items[index]
        if isinstance(item, pydyf.Dictionary) and item.get("MCID") in mcids and items[index + 1] == b"BDC":
            items[index - 1:index + 2] = ["/Artifact", b"BMC"]


def _boxes(document):
    for page in document.pages:
        yield from page._page_box.descendants()


def _scope_table_headers(document, tree):
    """Scope from the HTML; without one, a header in THead heads its column, elsewhere its row."""
    for box in _boxes(document):
        mark = getattr(box, "mark", None)
        if mark is not None and box.element_tag == "th":
            scope = box.element.get("scope")
            if not scope:
                row = tree.obj(mark["P"])
                scope = "col" if tree.obj(row["P"])["S"] == "/THead" else "row"
            mark["A"]["Scope"] = SCOPES.get(scope, "/Column")


def _describe_links(document):
    """A link's /Contents is what a screen reader announces: the link's own text."""
    for box in _boxes(document):
        annotation = getattr(box, "link_annotation", None)
        if annotation is None or box.element is None:
            continue
        text = " ".join("".join(box.element.itertext()).split())
        if not text:
            text = " ".join("".join(child.text for child in box.descendants()
                                    if isinstance(child, boxes.TextBox)).split())
        annotation["Contents"] = pydyf.String(text or box.element.get("title") or "Link")


def _declare_pdfua(pdf):
    """Add pdfuaid:part and its extension schema to the XMP WeasyPrint wrote for PDF/A."""
    metadata = pdf.objects[_number(pdf.catalog["Metadata"])]
    content = metadata.stream[0]
    metadata.stream[0] = content.replace(b"</rdf:RDF>", PDFUA_XMP + b"</rdf:RDF>", 1)
