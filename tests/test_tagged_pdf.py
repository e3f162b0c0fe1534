"""The checker of tagged PDFs (tests/tagged_pdf.py) against PDFs made by hand.

A small, correct tagged PDF is written with pikepdf (two pages: a heading, a paragraph
split across the pages with a German run marked by a ``/Span <</Lang>>``, a link with its
annotation, a figure, a list, a table, text in a Form XObject, artifacts); every other
test breaks it in one way and asserts that ``problems`` names exactly that fault. Last,
the untagged PDFs pressctl renders today are reported as untagged.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from tests.tagged_pdf import outline, problems

PAGE1 = """
/Artifact BMC 0 0 1 rg 0 280 300 20 re f EMC
/H1 <</MCID 0>> BDC BT /F1 18 Tf 20 250 Td (Plant opens) Tj ET EMC
/P <</MCID 1>> BDC BT /F1 10 Tf 20 230 Td (The plant recovers) Tj 0 -12 Td (lithium) Tj
/Span <</Lang (de)>> BDC ( Akku) Tj EMC ( today.) Tj ET EMC
/Link <</MCID 2>> BDC BT /F1 10 Tf 20 190 Td (media site) Tj ET EMC
/Figure <</MCID 3>> BDC q 50 0 0 50 20 130 cm /Im1 Do Q EMC
/Lbl <</MCID 4>> BDC BT /F1 10 Tf 20 110 Td (1.) Tj ET EMC
/LBody <</MCID 5>> BDC BT /F1 10 Tf 35 110 Td (Discharged) Tj ET EMC
"""

PAGE2 = """
/Artifact BMC BT /F1 8 Tf 20 10 Td (Page 2) Tj ET EMC
/P <</MCID 0>> BDC BT /F1 10 Tf 20 250 Td (It opened in Leipzig.) Tj ET EMC
/TH <</MCID 1>> BDC BT /F1 10 Tf 20 200 Td (Figure) Tj ET EMC
/TD <</MCID 2>> BDC BT /F1 10 Tf 120 200 Td (95%) Tj ET EMC
/P <</MCID 3>> BDC q 1 0 0 1 20 150 cm /Fm1 Do Q EMC
"""

Change = Callable[[pikepdf.Pdf, dict[str, Any]], None]


def make(path: Path, page1: str = PAGE1, page2: str = PAGE2,
         change: Change | None = None) -> Path:
    """Write the good tagged PDF (or, with other page contents or a ``change`` to its
    objects, a broken one) to ``path``. ``change`` gets the PDF and its named objects."""
    pdf = pikepdf.Pdf.new()
    font = pdf.make_indirect(Dictionary(Type=Name.Font, Subtype=Name.Type1,
                                        BaseFont=Name.Helvetica,
                                        Encoding=Name.WinAnsiEncoding))
    image = pikepdf.Stream(pdf, b"\x80", Type=Name.XObject, Subtype=Name.Image, Width=1,
                           Height=1, ColorSpace=Name.DeviceGray, BitsPerComponent=8)
    form = pikepdf.Stream(pdf, b"BT /F1 10 Tf 0 0 Td (In a form.) Tj ET", Type=Name.XObject,
                          Subtype=Name.Form, BBox=[0, 0, 200, 20],
                          Resources=Dictionary(Font=Dictionary(F1=font)))
    resources = Dictionary(Font=Dictionary(F1=font),
                           XObject=Dictionary(Im1=image, Fm1=form))
    pages = []
    for number, content in enumerate((page1, page2)):
        page = pikepdf.Page(Dictionary(Type=Name.Page, MediaBox=[0, 0, 300, 300],
                                       Resources=resources, Tabs=Name.S,
                                       StructParents=number,
                                       Contents=pikepdf.Stream(pdf, content.encode())))
        pdf.pages.append(page)
        pages.append(pdf.pages[-1].obj)
    annotation = pdf.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Link, Rect=[20, 188, 80, 200], F=4, StructParent=2,
        Contents=String("Nordwind media site"),
        A=Dictionary(S=Name.URI, URI=String("https://media.example/"))))
    pages[0].Annots = Array([annotation])

    def element(role: str, kids: Any, **more: Any) -> Any:
        return pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name("/" + role),
                                            K=kids, **more))

    o: dict[str, Any] = {"page1": pages[0], "page2": pages[1], "annotation": annotation}
    o["H1"] = element("Heading1", 0)
    o["P"] = element("P", Array([1, Dictionary(Type=Name.MCR, Pg=pages[1], MCID=0)]))
    o["Link"] = element("Link", Array([2, Dictionary(Type=Name.OBJR, Obj=annotation)]))
    o["Figure"] = element("Figure", 3, Alt=String("The plant in Leipzig"))
    o["Lbl"], o["LBody"] = element("Lbl", 4), element("LBody", 5)
    o["LI"] = element("LI", Array([o["Lbl"], o["LBody"]]))
    o["L"] = element("L", Array([o["LI"]]))
    o["TH"] = element("TH", 1, A=Dictionary(O=Name.Table, Scope=Name.Column))
    o["TD"] = element("TD", 2)
    o["TR"] = element("TR", Array([o["TH"], o["TD"]]))
    o["Table"] = element("Table", Array([o["TR"]]), Pg=pages[1])
    o["Form"] = element("P", 3, Pg=pages[1])
    o["Document"] = element("Document", Array([o[k] for k in (
        "H1", "P", "Link", "Figure", "L", "Table", "Form")]), Pg=pages[0])
    for kid in ("H1", "P", "Link", "Figure", "L", "Table", "Form"):
        o[kid].P = o["Document"]
    for parent, kids in (("L", ["LI"]), ("LI", ["Lbl", "LBody"]), ("Table", ["TR"]),
                         ("TR", ["TH", "TD"])):
        for kid in kids:
            o[kid].P = o[parent]
    parent_tree = Dictionary(Nums=Array([
        0, Array([o["H1"], o["P"], o["Link"], o["Figure"], o["Lbl"], o["LBody"]]),
        1, Array([o["P"], o["TH"], o["TD"], o["Form"]]),
        2, o["Link"]]))
    o["root"] = pdf.make_indirect(Dictionary(
        Type=Name.StructTreeRoot, K=Array([o["Document"]]), ParentTree=parent_tree,
        ParentTreeNextKey=3, RoleMap=Dictionary(Heading1=Name.H1)))
    o["Document"].P = o["root"]
    pdf.Root.StructTreeRoot = o["root"]
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.Root.Lang = String("en")
    pdf.Root.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    if change is not None:
        change(pdf, o)
    pdf.save(path)
    return path


@pytest.fixture
def good(tmp_path: Path) -> Path:
    return make(tmp_path / "good.pdf")


def broken(tmp_path: Path, change: Change | None = None, **pages: str) -> list[str]:
    return problems(make(tmp_path / "broken.pdf", change=change, **pages))


# ---------------------------------------------------------------- the good file


def test_the_good_file_has_no_problem(good: Path) -> None:
    assert problems(good) == []


def test_the_outline_reads_the_tree_in_logical_order_with_its_text(good: Path) -> None:
    paragraph = "The plant recovers lithium Akku today. It opened in Leipzig."
    assert outline(good)[1:] == [
        (1, "H1", "Plant opens"),
        (1, "P", paragraph),  # one element, two content references, two pages
        (1, "Link", "media site"),
        (1, "Figure", ""),
        (1, "L", "1. Discharged"),
        (2, "LI", "1. Discharged"),
        (3, "Lbl", "1."),
        (3, "LBody", "Discharged"),
        (1, "Table", "Figure 95%"),
        (2, "TR", "Figure 95%"),
        (3, "TH", "Figure"),
        (3, "TD", "95%"),
        (1, "P", "In a form."),  # text painted by a Form XObject
    ]
    assert outline(good)[0] == (0, "Document", "Plant opens " + paragraph +
                                " media site 1. Discharged Figure 95% In a form.")


# ---------------------------------------------------------------- marked content


def test_marked_content_nested_in_another(tmp_path: Path) -> None:
    page = PAGE1.replace("( today.) Tj", "/Artifact BMC ( today.) Tj EMC")
    assert broken(tmp_path, page1=page) == \
        ["page 1: /Artifact is nested inside /P MCID 1"]


def test_a_tagged_sequence_nested_in_another(tmp_path: Path) -> None:
    page = PAGE1.replace("/Span <</Lang (de)>> BDC", "/Span <</Lang (de) /MCID 1>> BDC")
    assert "page 1: /Span MCID 1 is nested inside /P MCID 1" in broken(tmp_path, page1=page)


def test_an_unclosed_sequence(tmp_path: Path) -> None:
    page = PAGE2.rstrip().removesuffix("EMC")
    assert broken(tmp_path, page2=page) == ["page 2: /P MCID 3 is not closed by EMC"]


def test_an_emc_too_many(tmp_path: Path) -> None:
    assert broken(tmp_path, page2=PAGE2 + "EMC\n") == ["page 2: EMC without a BDC/BMC before it"]


def test_a_sequence_opened_in_a_text_object_and_closed_after_it(tmp_path: Path) -> None:
    page = PAGE2.replace("/TD <</MCID 2>> BDC BT", "BT /TD <</MCID 2>> BDC")
    assert broken(tmp_path, page2=page) == [
        "page 2: /TD MCID 2 opened inside a text object is still open at ET "
        "(BDC/EMC across BT…ET)"]


def test_a_sequence_opened_before_a_text_object_and_closed_in_it(tmp_path: Path) -> None:
    page = PAGE2.replace("(95%) Tj ET EMC", "(95%) Tj EMC ET")
    assert broken(tmp_path, page2=page) == [
        "page 2: /TD MCID 2 opened before BT is closed inside the text object "
        "(BDC/EMC across BT…ET)"]


def test_text_outside_marked_content(tmp_path: Path) -> None:
    page = PAGE2 + "BT /F1 10 Tf 20 50 Td (loose) Tj ET\n"
    assert broken(tmp_path, page2=page) == [
        "page 2: 1 text operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)"]


def test_a_path_outside_marked_content(tmp_path: Path) -> None:
    page = PAGE1.replace("/Artifact BMC 0 0 1 rg 0 280 300 20 re f EMC",
                         "0 0 1 rg 0 280 300 20 re f")
    assert broken(tmp_path, page1=page) == [
        "page 1: 1 path operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)"]


def test_a_marked_sequence_that_is_neither_tagged_nor_an_artifact(tmp_path: Path) -> None:
    page = PAGE2.replace("/Artifact BMC", "/Footer BMC")
    assert broken(tmp_path, page2=page) == [
        "page 2: 1 text operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)"]


def test_an_image_outside_marked_content(tmp_path: Path) -> None:
    page = PAGE1 + "q 10 0 0 10 0 0 cm /Im1 Do Q\n"
    assert broken(tmp_path, page1=page) == [
        "page 1: 1 image operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)"]


# ---------------------------------------------------------------- MCIDs and the ParentTree


def test_the_parent_tree_maps_an_mcid_to_the_wrong_element(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        pdf.Root.StructTreeRoot.ParentTree.Nums[1][0] = o["P"]
    assert broken(tmp_path, change) == [
        "page 1: the ParentTree maps MCID 0 to /Document/P[1], which does not hold it"]


def test_an_mcid_the_parent_tree_does_not_map(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del pdf.Root.StructTreeRoot.ParentTree.Nums[3][3]
    assert broken(tmp_path, change) == [
        "page 2: MCID 3 is not mapped by the ParentTree to an element of the structure tree"]


def test_an_mcid_used_twice_on_a_page(tmp_path: Path) -> None:
    page = PAGE1 + "/LBody <</MCID 5>> BDC BT /F1 10 Tf 35 100 Td (again) Tj ET EMC\n"
    assert broken(tmp_path, page1=page) == ["page 1: MCID 5 is used 2 times"]


def test_an_mcr_whose_mcid_is_not_on_its_page(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["P"].K.append(7)  # /Pg inherited from the Document: page 1
    assert broken(tmp_path, change) == [
        "/Document/P[1]: MCR points at MCID 7 on page 1, which has no such marked content"]


def test_an_mcr_whose_mcid_is_on_another_page(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["Form"].K = Dictionary(Type=Name.MCR, MCID=3, Pg=o["page1"])
    assert broken(tmp_path, change) == [
        "page 1: MCID 3 is held by 2 elements (/Document/Figure[1], /Document/P[2])",
        "page 2: the ParentTree maps MCID 3 to /Document/P[2], which does not hold it"]


def test_an_mcid_held_by_two_elements(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["Figure"].K = Array([3, 5])
    assert broken(tmp_path, change) == [
        "page 1: MCID 5 is held by 2 elements (/Document/Figure[1], "
        "/Document/L[1]/LI[1]/LBody[1])"]


def test_parent_tree_next_key_too_small(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["root"].ParentTreeNextKey = 2
    assert broken(tmp_path, change) == [
        "StructTreeRoot: /ParentTreeNextKey 2 is not above the largest key in use (2)"]


def test_a_page_with_mcids_but_no_struct_parents(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del o["page2"].StructParents
    assert broken(tmp_path, change) == ["page 2: has MCIDs but no /StructParents"]


def test_a_page_without_tab_order(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["page2"].Tabs = Name.R
    assert broken(tmp_path, change) == ["page 2: no /Tabs /S (tab order = structure)"]


# ---------------------------------------------------------------- annotations


def test_an_annotation_without_struct_parent(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del o["annotation"].StructParent
    assert broken(tmp_path, change) == [
        "page 1: Link annotation 1 (https://media.example/) has no /StructParent"]


def test_an_annotation_mapped_to_an_element_that_is_no_link(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        pdf.Root.StructTreeRoot.ParentTree.Nums[5] = o["Figure"]
    assert broken(tmp_path, change) == [
        "page 1: Link annotation 1 (https://media.example/): the ParentTree maps it to "
        "/Document/Figure[1], not a Link"]


def test_a_link_without_its_objr(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["Link"].K = 2
    assert broken(tmp_path, change) == [
        "page 1: Link annotation 1 (https://media.example/): /Document/Link[1] holds no "
        "OBJR to this annotation"]


def test_a_link_annotation_without_contents(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del o["annotation"].Contents
    assert broken(tmp_path, change) == [
        "page 1: Link annotation 1 (https://media.example/) has no /Contents"]


# ---------------------------------------------------------------- elements


def _retag(name: str, role: str) -> Change:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o[name].S = Name("/" + role)
    return change


def test_a_figure_without_alt(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del o["Figure"].Alt
    assert broken(tmp_path, change) == ["/Document/Figure[1]: Figure without /Alt"]


def test_a_th_without_scope(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["TH"].A = Dictionary(O=Name.Layout, Placement=Name.Block)
    assert broken(tmp_path, change) == [
        "/Document/Table[1]/TR[1]/TH[1]: TH without /Scope (an /A <</O /Table /Scope …>>)"]


def test_an_l_holding_something_else_than_li(tmp_path: Path) -> None:
    assert broken(tmp_path, _retag("LI", "P")) == [
        "/Document/L[1]: L holds ['P'], not only LI"]


def test_an_li_holding_something_else_than_lbl_or_lbody(tmp_path: Path) -> None:
    assert broken(tmp_path, _retag("LBody", "P")) == [
        "/Document/L[1]/LI[1]: LI holds ['P'], not only Lbl/LBody"]


def test_a_tr_outside_a_table(tmp_path: Path) -> None:
    assert broken(tmp_path, _retag("Table", "Div")) == [
        "/Document/Div[1]/TR[1]: TR outside Table/THead/TBody/TFoot (in Div)"]


def test_a_role_neither_standard_nor_mapped(tmp_path: Path) -> None:
    assert broken(tmp_path, _retag("Form", "Paragraph")) == [
        "/Document/Paragraph[1]: role /Paragraph is neither standard nor mapped to one "
        "through /RoleMap"]


# ---------------------------------------------------------------- the catalog


@pytest.mark.parametrize(("key", "problem"), [
    ("/MarkInfo", "catalog: no /MarkInfo <</Marked true>>"),
    ("/Lang", "catalog: no /Lang"),
    ("/StructTreeRoot", "catalog: no /StructTreeRoot (the PDF is untagged)"),
    ("/ViewerPreferences", "catalog: /ViewerPreferences /DisplayDocTitle is not true"),
])
def test_the_catalog_lacks(tmp_path: Path, key: str, problem: str) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del pdf.Root[key]
    assert broken(tmp_path, change) == [problem]


def test_marked_false_and_doc_title_false_are_faults(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        pdf.Root.MarkInfo.Marked = False
        pdf.Root.ViewerPreferences.DisplayDocTitle = False
    assert broken(tmp_path, change) == ["catalog: no /MarkInfo <</Marked true>>",
                                        "catalog: /ViewerPreferences /DisplayDocTitle is not true"]


def test_an_empty_tree_is_never_accepted(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["root"].K = Array([])
    found = broken(tmp_path, change)
    assert found[0] == "the structure tree is empty (StructTreeRoot has no element)"
    assert "page 1: MCID 0 is not mapped by the ParentTree to an element of the structure " \
        "tree" in found


def test_a_tree_that_points_at_nothing_is_never_accepted(tmp_path: Path) -> None:
    """Everything painted as an artifact under an empty Document: nothing is read."""
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        o["Document"].K = Array([])
        o["root"].ParentTree = Dictionary(Nums=Array([2, o["Link"]]))
        o["Link"].K = Array([Dictionary(Type=Name.OBJR, Obj=o["annotation"])])
        o["root"].K = Array([o["Document"], o["Link"]])
        del o["page1"].StructParents
        del o["page2"].StructParents
    everything = "/Artifact BMC BT /F1 10 Tf 20 50 Td (all furniture) Tj ET EMC"
    assert broken(tmp_path, change, page1=everything, page2=everything) == [
        "the structure tree points at no content (no element holds an MCID)"]


def test_a_missing_tree_with_nothing_marked_is_untagged(tmp_path: Path) -> None:
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del pdf.Root.StructTreeRoot
    plain = ("BT /F1 10 Tf 20 50 Td (no tags) Tj ET 0 0 m 10 10 l S")
    assert broken(tmp_path, change, page1=plain, page2=plain) == [
        "catalog: no /StructTreeRoot (the PDF is untagged)",
        "page 1: 1 path operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)",
        "page 1: 1 text operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)",
        "page 2: 1 path operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)",
        "page 2: 1 text operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)"]


# ---------------------------------------------------------------- pressctl's PDFs before issue 16


def test_a_plain_reportlab_pdf_is_reported_as_untagged(tmp_path: Path) -> None:
    """What reportlab writes without help (and pressctl wrote before issue 16)."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "plain.pdf"
    canvas = Canvas(str(path), pagesize=(300, 300))
    canvas.drawString(20, 250, "Plant opens")
    canvas.line(20, 240, 280, 240)
    canvas.linkURL("https://media.example/", (20, 200, 120, 215))
    canvas.drawString(20, 205, "media site")
    canvas.showPage()
    canvas.save()
    assert problems(path) == [
        "catalog: no /MarkInfo <</Marked true>>",
        "catalog: no /Lang",
        "catalog: no /StructTreeRoot (the PDF is untagged)",
        "catalog: /ViewerPreferences /DisplayDocTitle is not true",
        "page 1: 1 path operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)",
        "page 1: 2 text operator(s) outside any marked content "
        "(untagged content: neither tagged nor /Artifact)",
        "page 1: no /Tabs /S (tab order = structure)",
        "page 1: Link annotation 1 (https://media.example/) has no /Contents",
        "page 1: Link annotation 1 (https://media.example/) has no /StructParent"]
    assert outline(path) == []  # nothing to read: an untagged file has no outline


def test_untagged_links_are_reported(tmp_path: Path) -> None:
    """A link annotation in an untagged file still lacks its /Contents and /StructParent."""
    def change(pdf: pikepdf.Pdf, o: dict[str, Any]) -> None:
        del pdf.Root.StructTreeRoot
        del o["annotation"].Contents
        del o["annotation"].StructParent
    assert broken(tmp_path, change) == [
        "catalog: no /StructTreeRoot (the PDF is untagged)",
        "page 1: Link annotation 1 (https://media.example/) has no /Contents",
        "page 1: Link annotation 1 (https://media.example/) has no /StructParent"]
