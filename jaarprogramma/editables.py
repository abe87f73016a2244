from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _

from jaarprogramma import forms
from jaarprogramma.models import Action, Jaarprogramma, SuccessCriterion
from opgaven.editables import Editable, register, register_parent

register_parent("jaarprogramma", lambda chapter, year: get_object_or_404(Jaarprogramma, chapter=chapter, year=year))

register(Editable("succescriterium", SuccessCriterion, forms.SuccessCriterionForm, _("succescriterium"),
                  parent="jaarprogramma", suggestible=("text",)))
register(Editable("actie", Action, forms.ActionForm, _("actie"), parent="jaarprogramma",
                  suggestible=("title", "description")))
