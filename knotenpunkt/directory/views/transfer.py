"""transfer views of the directory."""

urlpatterns = []
