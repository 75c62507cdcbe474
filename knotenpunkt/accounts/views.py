"""Members of a district, invitations, and where a person lands after login."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_permission_required, district_view
from knotenpunkt.districts.models import Membership
from knotenpunkt.districts.selectors import districts_of_user, members_list
from knotenpunkt.districts.services import LastAdministratorError, membership_revoke

from .forms import InvitationAcceptForm, InvitationForm
from .models import Invitation
from .permissions import can_invite, can_manage_members, can_view_members
from .services import (
    InvitationInvalid,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_matches_user,
    invitation_request_renewal,
    invitation_revoke,
)

LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"


@login_required
def after_login(request):
    """Send a person to their district's workspace, or let them choose one."""
    districts = list(districts_of_user(user=request.user))
    if len(districts) == 1:
        return redirect("districts:workspace", district_slug=districts[0].slug)
    return render(request, "accounts/choose_district.html", {"districts": districts})


@district_permission_required(can_view_members)
def members(request):
    district = request.district
    context = {
        "memberships": members_list(district=district),
        "invitations": Invitation.objects.in_district(district)
        .open()
        .select_related("municipality", "invited_by"),
        "can_invite": can_invite(request.user, district),
        "can_manage": can_manage_members(request.user, district),
    }
    return render(request, "accounts/members.html", context)


@require_POST
@district_permission_required(can_manage_members)
def membership_remove(request, pk):
    district = request.district
    membership = get_in_district_or_404(
        Membership.objects.select_related("user"), district=district, pk=pk
    )
    try:
        membership_revoke(actor=request.user, district=district, membership=membership)
    except LastAdministratorError:
        messages.error(
            request,
            _("The last administrator of a district cannot be removed. Appoint another one first."),
        )
    else:
        messages.success(
            request,
            _("%(person)s no longer has the role %(role)s.")
            % {"person": membership.user, "role": membership.get_role_display()},
        )
    return redirect("accounts:members", district_slug=district.slug)


@require_POST
@district_permission_required(can_manage_members)
def invitation_withdraw(request, pk):
    district = request.district
    invitation = get_in_district_or_404(Invitation.objects.open(), district=district, pk=pk)
    invitation_revoke(actor=request.user, district=district, invitation=invitation)
    messages.success(
        request,
        _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
    )
    return redirect("accounts:members", district_slug=district.slug)


@require_http_methods(["GET", "POST"])
@district_permission_required(can_invite)
def invite(request):
    district = request.district
    form = InvitationForm(request.POST or None, district=district)
    if request.method == "POST" and form.is_valid():
        try:
            invitation, _token = invitation_create(
                actor=request.user,
                district=district,
                base_url=request.build_absolute_uri("/").rstrip("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("An invitation has been sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("accounts:members", district_slug=district.slug)
    context = {"form": form, "invitation_days": settings.KNOTENPUNKT_INVITATION_VALID_DAYS}
    return render(request, "accounts/invite.html", context)


@require_http_methods(["GET", "POST"])
@district_view
def invitation_accept_view(request, token):
    district = request.district
    try:
        invitation = invitation_for_token(district=district, token=token)
    except InvitationInvalid as error:
        return _invitation_invalid(request, error.reason, error.invitation, token)

    if request.user.is_authenticated:
        if not invitation_matches_user(invitation=invitation, user=request.user):
            return _invitation_invalid(request, "other_account", invitation, token)
        if request.method == "POST":
            try:
                invitation_accept(district=district, token=token, user=request.user)
            except InvitationInvalid as error:
                return _invitation_invalid(request, error.reason, error.invitation, token)
            messages.success(request, _("Welcome! You are now a member of this district."))
            return redirect("districts:workspace", district_slug=district.slug)
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})

    login_url = f"{reverse('account_login')}?{urlencode({'next': request.path})}"
    form = InvitationAcceptForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = invitation_accept(
                district=district,
                token=token,
                name=form.cleaned_data["name"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        except InvitationInvalid as error:
            return _invitation_invalid(request, error.reason, error.invitation, token)
        else:
            login(request, user, backend=LOGIN_BACKEND)
            messages.success(request, _("Welcome! Your account has been created."))
            return redirect("districts:workspace", district_slug=district.slug)
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form, "login_url": login_url},
    )


def _invitation_invalid(request, reason, invitation, token):
    status = 404 if invitation is None else 403 if reason == "other_account" else 410
    context = {"reason": reason, "invitation": invitation, "token": token}
    return render(request, "accounts/invitation_invalid.html", context, status=status)


@require_POST
@district_view
def invitation_renewal(request, token):
    """Ask for a new link when the old one expired."""
    district = request.district
    try:
        invitation_for_token(district=district, token=token)
    except InvitationInvalid as error:
        if error.reason == "expired":
            invitation_request_renewal(invitation=error.invitation)
            return render(request, "accounts/invitation_renewal_requested.html")
    return redirect("accounts:invitation_accept", district_slug=district.slug, token=token)
