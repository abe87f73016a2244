from django.apps import AppConfig


class JaarprogrammaConfig(AppConfig):
    name = "jaarprogramma"
    verbose_name = "Jaarprogramma's"

    def ready(self):
        from jaarprogramma import (
            editables,  # noqa: F401 - registers the editable kinds
            grants,
            pages,
        )
        from jaarprogramma.models import Action, ActionCarrier, Jaarprogramma, SubItem, SuccessCriterion
        from opgaven import publication
        from opgaven.models import Chapter

        grants.connect()  # progress rights for the staff of carrying organisations
        publication.register_children(Chapter, "jaarprogrammas", lambda: Jaarprogramma.objects.order_by("-year"))
        publication.register_children(Jaarprogramma, "success_criteria", lambda: SuccessCriterion.objects.all())
        publication.register_children(Jaarprogramma, "actions", lambda: Action.objects.all())
        publication.register_children(Action, "subitems", lambda: SubItem.objects.all())
        publication.register_children(
            Action, "carriers", lambda: ActionCarrier.objects.select_related("organisation", "body"))
        # Progress and judgements are monitoring facts: readers see them as they are now. Each
        # carrier's part has its own status and percentage; the action's status follows from them.
        publication.register_live_fields(Action, "status")
        publication.register_live_fields(ActionCarrier, "status", "percentage")
        publication.register_live_fields(SuccessCriterion, "met", "met_note")
        pages.register()
        from jaarprogramma.services import carry_over_into_edition
        from opgaven.editions import edition_created

        edition_created.connect(carry_over_into_edition, dispatch_uid="jaarprogramma-carry-over")
