"""workspace views of the directory."""

urlpatterns = []
