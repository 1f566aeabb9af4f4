from django.urls import path

from ctassist.needs import views

app_name = "needs"

urlpatterns = [
    path("", views.NeedListView.as_view(), name="need_list"),
    path("unanswered/", views.UnansweredListView.as_view(), name="unanswered"),
    path("proposed/", views.ProposedListView.as_view(), name="proposed"),
    path("overview/", views.OverviewView.as_view(), name="overview"),
    path("funding-gap/", views.FundingGapView.as_view(), name="funding_gap"),
    path("states/<str:iso3>/", views.StateNeedsView.as_view(), name="state_needs"),
    path("new/", views.NeedCreateView.as_view(), name="need_create"),
    path("<int:pk>/", views.NeedDetailView.as_view(), name="need_detail"),
    path("<int:pk>/edit/", views.NeedEditView.as_view(), name="need_edit"),
    path("<int:pk>/status/", views.NeedStatusView.as_view(), name="need_status"),
    path("<int:pk>/follow-up/", views.FollowUpAddView.as_view(), name="follow_up_add"),
    path("<int:pk>/answers/", views.LinkView.as_view(), name="need_link"),
    path("<int:pk>/request/", views.RequestFromNeedView.as_view(), name="request_from_need"),
    path("<int:pk>/sharing/", views.ShareView.as_view(), name="need_share"),
    path("self-assessments/", views.AssessmentListView.as_view(), name="assessment_list"),
    path("self-assessments/new/", views.AssessmentStartView.as_view(), name="assessment_start"),
    path("self-assessments/<int:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("self-assessments/<int:pk>/submit/", views.AssessmentSubmitView.as_view(), name="assessment_submit"),
    path("self-assessments/<int:pk>/decision/", views.AssessmentDecisionView.as_view(), name="assessment_decision"),
    path("self-assessments/answers/<int:pk>/", views.AnswerView.as_view(), name="assessment_answer"),
]
