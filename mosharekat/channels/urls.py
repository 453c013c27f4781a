from django.urls import path

from . import views

app_name = "channels"
urlpatterns = [
    path("sms/inbound/", views.sms_inbound, name="sms_inbound"),
    path("phone/new/", views.phone_new, name="phone_new"),
    path("voicemail/new/", views.voicemail_new, name="voicemail_new"),
]
