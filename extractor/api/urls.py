from django.urls import path

from extractor.api.views import BulkExtractionsView, ExtractionCancelView, ExtractionDetailView, ExtractionsView

urlpatterns = [
    path("extractions", ExtractionsView.as_view(), name="extractions"),
    path("extractions/bulk", BulkExtractionsView.as_view(), name="extractions-bulk"),
    path("extractions/<str:extraction_id>", ExtractionDetailView.as_view(), name="extraction"),
    path("extractions/<str:extraction_id>/cancel", ExtractionCancelView.as_view(), name="extraction-cancel"),
]
