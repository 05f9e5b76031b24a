from django.urls import path

from cartpath.learn import views

app_name = "learn"
urlpatterns = [
    path("", views.index, name="index"),
    path("what-is-car-t/", views.what, name="what"),
    path("products/", views.products, name="products"),
    path("who-qualifies/", views.qualify, name="qualify"),
    path("benefits-and-limits/", views.benefits, name="benefits"),
    path("the-journey/", views.journey_page, name="journey"),
    path("side-effects/", views.side_effects, name="side_effects"),
    path("costs-and-support/", views.costs, name="costs"),
    path("faq/", views.faq, name="faq"),
]
