"""A small agenda built from factories, for the tests that are not about the real one."""

from governance.models import OrganisationType
from opgaven.models import ChapterKind, IntroSection
from tests import factories as f


def build_agenda(edition, chapters=2, first_number=3):
    IntroSection.objects.create(edition=edition, number="1.1", title="Achtergrond", body="Het **convenant**.")
    f.PrincipleFactory(edition=edition, number=1, title="We werken samen.")
    kb = f.OrganisationFactory(key="kb", name="Koninklijke Bibliotheek", short_name="KB", type=OrganisationType.KB)
    spn = f.OrganisationFactory(key="spn", name="Samenwerkende POI's Nederland", short_name="SPN",
                                type=OrganisationType.SPN)
    made = []
    for index in range(chapters):
        number = first_number + index
        chapter = f.ChapterFactory(
            edition=edition, number=number, position=index + 1, kind=ChapterKind.OPGAVE,
            slug=f"opgave-{number}", title=f"Opgave nummer {number}",
        )
        context = f.SectionFactory(chapter=chapter, number=f"{number}.1", title="Context", aspects=["context"],
                                   order=1, body="Lezen is belangrijk.[^1] Zie ook de *bijlage*.")
        f.SectionFactory(chapter=chapter, number=f"{number}.2", title="Gezamenlijke ambitie",
                         aspects=["ambitie"], order=2, body="Wat we willen.")
        f.SectionFactory(chapter=chapter, number=f"{number}.3", title="Bijdrage van partners",
                         aspects=["bijdrage"], order=3, body="")
        f.FootnoteFactory(chapter=chapter, section=context, number=1, text="Een voetnoot bij de context.")
        f.QuoteFactory(chapter=chapter, section=context, text="Lezen is de basis.")
        f.AmbitionFactory(chapter=chapter, number=1, text="Meer kinderen lezen.")
        f.ContributionFactory(chapter=chapter, organisation=kb, text="De KB levert de infrastructuur.")
        programme = f.JaarprogrammaFactory(chapter=chapter, year=2021, intro="We gaan dit doen:")
        f.SuccessCriterionFactory(jaarprogramma=programme, text="Het jaar is geslaagd.")
        action = f.ActionFactory(jaarprogramma=programme, number="1", theme="Leesbevordering",
                                 title=f"Actie van opgave {number}")
        f.ActionCarrierFactory(action=action, organisation=kb)
        f.ActionCarrierFactory(action=action, organisation=spn)
        f.SubItemFactory(action=action, letter="a", text="Een deelactie.")
        made.append(f.establish(chapter))
    for name in ["Anna de Vries", "Bram Jansen"]:
        edition.participants.add(f.PersonFactory(name=name, organisations=[kb]))
    return made

