"""URLs of the stock ingestion API, included under ``/api/stock/`` by ``cms/urls.py``."""

from django.urls import path

from .stock_api import stock_batches

urlpatterns = [path("batches", stock_batches, name="stock_batches")]
