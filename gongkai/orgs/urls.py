from django.urls import path

from gongkai.orgs.accounts import views as account_views

app_name = "orgs"
urlpatterns = [
    path("accounts/login/", account_views.login_view, name="login"),
    path("accounts/login/verify/", account_views.login_verify_view, name="login-verify"),
    path("accounts/logout/", account_views.logout_view, name="logout"),
    path("accounts/password/", account_views.password_change_view, name="password-change"),
    path("accounts/two-factor/", account_views.two_factor_view, name="two-factor"),
    path(
        "accounts/two-factor/setup/", account_views.two_factor_setup_view, name="two-factor-setup"
    ),
]
