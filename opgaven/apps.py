from django.apps import AppConfig


class OpgavenConfig(AppConfig):
    name = "opgaven"
    verbose_name = "Netwerkagenda"

    def ready(self):
        # Chapter rights and the editions' participant lists plug into governance.
        from governance import participant_lists
        from opgaven import grants
        from opgaven.models import Edition

        grants.connect()
        participant_lists.register(Edition)

        from opgaven import pages, publication
        from opgaven.models import (
            Ambition,
            Block,
            Chapter,
            Contribution,
            Footnote,
            IntroSection,
            Principle,
            Quote,
            Section,
        )

        publication.register_children(Chapter, "sections", lambda: Section.objects.all())
        # A section's blocks: the document's reading order (opgaven.layout).
        publication.register_children(Section, "blocks", lambda: Block.objects.all())
        publication.register_children(Chapter, "ambitions", lambda: Ambition.objects.all())
        publication.register_children(
            Chapter, "contributions", lambda: Contribution.objects.select_related("organisation"))
        publication.register_children(Chapter, "quotes", lambda: Quote.objects.all())
        publication.register_children(Chapter, "footnotes", lambda: Footnote.objects.select_related("section"))
        # The edition's front matter (its motto and manifest texts are frozen with it).
        publication.register_children(Edition, "intro_sections", lambda: IntroSection.objects.all())
        publication.register_children(IntroSection, "blocks", lambda: Block.objects.all())
        publication.register_children(Edition, "principles", lambda: Principle.objects.all())
        pages.register()
        # Establishing renders the public PDFs (opgaven/pdf/public.py), after the commit.
        from opgaven.pdf import public

        public.connect()
        # Notification kinds of the agenda, and the sign-off route's steps as notifications.
        from opgaven import notifications

        notifications.register()
