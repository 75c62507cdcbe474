"""public views of the directory."""

urlpatterns = []
