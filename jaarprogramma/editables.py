from django.utils.translation import gettext_lazy as _

from jaarprogramma import forms
from jaarprogramma.models import Action, SuccessCriterion
from opgaven.editables import Editable, register

register(Editable("succescriterium", SuccessCriterion, forms.SuccessCriterionForm, _("succescriterium"),
                  parent="jaarprogramma"))
register(Editable("actie", Action, forms.ActionForm, _("actie"), parent="jaarprogramma"))
