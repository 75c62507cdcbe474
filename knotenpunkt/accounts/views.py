"""Members of a district, invitations, and where a person lands after login."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language as django_set_language

from knotenpunkt.core.access import get_in_district_or_404
from knotenpunkt.core.decorators import district_permission_required, district_view
from knotenpunkt.core.forms import add_service_error
from knotenpunkt.core.roles import Role

from .forms import InvitationAcceptForm, InvitationForm, ProfileForm, RoleForm
from .models import Invitation, Membership
from .permissions import can_invite, can_manage_members, can_view_members
from .scopes import current_scopes, scope_labels
from .selectors import districts_of_user, invitation_details, members_list
from .services import (
    InvitationInvalid,
    LastAdministratorError,
    invitation_accept,
    invitation_create,
    invitation_for_token,
    invitation_matches_user,
    invitation_request_renewal,
    invitation_revoke,
    language_remember,
    membership_revoke,
    profile_update,
)
from .services import invitation_resend as invitation_resend_service
from .services import membership_change as membership_change_service

LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"
LAST_ADMINISTRATOR = gettext_lazy(
    "The last administrator of a district keeps this role. Appoint another one first."
)


@login_required
def after_login(request):
    """Send a person to their district's workspace, or let them choose one."""
    districts = list(districts_of_user(user=request.user))
    if len(districts) == 1:
        return redirect("workspace:home", district_slug=districts[0].slug)
    return render(request, "accounts/choose_district.html", {"districts": districts})


@district_permission_required(can_view_members)
def members(request):
    district = request.district
    memberships = list(members_list(district=district))
    invitations = list(
        Invitation.objects.in_district(district)
        .open()
        .select_related("municipality", "invited_by")
        .order_by("-created_at")
    )
    membership_labels = scope_labels(memberships)
    invitation_labels = scope_labels(invitations)
    for membership in memberships:
        membership.scope_label = membership_labels.get(membership.pk, "")
    for invitation in invitations:
        invitation.scope_label = invitation_labels.get(invitation.pk, "")
    context = {
        "memberships": memberships,
        "invitations": invitations,
        "can_invite": can_invite(request.user, district),
        "can_manage": can_manage_members(request.user, district),
    }
    return render(request, "accounts/members.html", context)


def _get_membership(request, pk):
    return get_in_district_or_404(
        Membership.objects.select_related("user", "municipality"), district=request.district, pk=pk
    )


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_members)
def membership_change(request, pk):
    """Give a member another role (with its municipality or organisation)."""
    district = request.district
    membership = _get_membership(request, pk)
    initial = {
        "role": membership.role,
        "municipality": membership.municipality,
        **current_scopes(membership),
    }
    form = RoleForm(request.POST or None, district=district, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            membership_change_service(
                actor=request.user, district=district, membership=membership, **form.role_values()
            )
        except LastAdministratorError:
            form.add_error("role", LAST_ADMINISTRATOR)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(person)s now has the role %(role)s.")
                % {"person": membership.user, "role": Role(form.cleaned_data["role"]).label},
            )
            return redirect("accounts:members", district_slug=district.slug)
    return render(
        request, "accounts/membership_change.html", {"form": form, "membership": membership}
    )


@require_http_methods(["GET", "POST"])
@district_permission_required(can_manage_members)
def membership_remove(request, pk):
    """Ask, then take one role away from a person."""
    district = request.district
    membership = _get_membership(request, pk)
    if request.method == "GET":
        return render(request, "accounts/membership_remove.html", {"membership": membership})
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


@require_POST
@district_permission_required(can_invite)
def invitation_resend(request, pk):
    """Send an invitation again with a new link (the old one stops working)."""
    district = request.district
    invitation = get_in_district_or_404(
        Invitation.objects.filter(accepted_at__isnull=True), district=district, pk=pk
    )
    invitation_resend_service(
        actor=request.user,
        district=district,
        invitation=invitation,
        base_url=request.build_absolute_uri("/").rstrip("/"),
    )
    messages.success(
        request,
        _("The invitation has been sent to %(email)s again, with a new link.")
        % {"email": invitation.email},
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
                email=form.cleaned_data["email"],
                language=form.cleaned_data["language"],
                base_url=request.build_absolute_uri("/").rstrip("/"),
                **form.role_values(),
            )
        except ValidationError as error:
            add_service_error(form, error)
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
            return redirect("workspace:home", district_slug=district.slug)
        return render(
            request,
            "accounts/invitation_accept.html",
            {"invitation": invitation, "details": invitation_details(invitation)},
        )

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
            return redirect("workspace:home", district_slug=district.slug)
    return render(
        request,
        "accounts/invitation_accept.html",
        {
            "invitation": invitation,
            "details": invitation_details(invitation),
            "form": form,
            "login_url": login_url,
        },
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


@require_http_methods(["GET", "POST"])
@login_required
def profile(request):
    """The person's name and language (the notification settings are a page of their own)."""
    user = request.user
    form = ProfileForm(request.POST or None, initial={"name": user.name, "language": user.language})
    if request.method == "POST" and form.is_valid():
        profile_update(user=user, **form.cleaned_data)
        language = form.cleaned_data["language"]
        translation.activate(language)
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        )
        return response
    return render(request, "accounts/profile.html", {"form": form})


@require_POST
def set_language(request):
    """Django's language switch; a logged-in person's choice is also kept for their mails."""
    response = django_set_language(request)
    if request.user.is_authenticated:
        language_remember(user=request.user, language=request.POST.get("language", ""))
    return response
