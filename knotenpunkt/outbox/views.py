"""The delivery log: what was sent, to whom, and whether it arrived."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_permission_required

from . import selectors, services
from .errors import error_in_plain_words
from .forms import MailLogFilterForm
from .kinds import kind_label
from .models import RESENDABLE_STATES, OutgoingMail
from .permissions import can_view_all_mail, can_view_outbox, may_see_mail

PAGE_SIZE = 50


@district_permission_required(can_view_outbox)
def mail_log(request):
    district = request.district
    form = MailLogFilterForm(request.GET or None)
    mails = selectors.mail_log(district=district, actor=request.user, state=form.state_filter())
    page = Paginator(mails, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    for mail in page.object_list:
        mail.kind_label = kind_label(mail.kind)
        mail.error_text = error_in_plain_words(mail.last_error)
        mail.resendable = mail.body_kept and mail.state in RESENDABLE_STATES
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "query_string": query.urlencode(),
        "filter_form": form,
        "sees_all": can_view_all_mail(request.user, district),
    }
    return render(request, "outbox/log.html", context)


@require_POST
@district_permission_required(can_view_outbox)
def mail_resend(request, pk):
    district = request.district
    mail = get_in_district_or_404(
        OutgoingMail.objects.all(),
        district=district,
        may_access=lambda mail: may_see_mail(request.user, district, mail),
        pk=pk,
    )
    try:
        services.resend_mail(actor=request.user, district=district, mail=mail)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The e-mail is queued and will be sent again."))
    return redirect("outbox:log", district_slug=district.slug)
