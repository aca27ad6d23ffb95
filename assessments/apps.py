from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Equality, health inequality impact and risk assessments"

    def ready(self):
        from assessments.dashboard import assessments_panel
        from assessments.data import assessment_data
        from assessments.models import Assessment, Stage2Impact
        from assessments.report import record_kind
        from idmf.actions.models import Action
        from idmf.core.dashboard_kept import own, through
        from idmf.core.records import register_tool

        register_tool(
            record_kind(),
            data=assessment_data,
            panel=assessments_panel,
            counts=[
                (Assessment, own),
                (Stage2Impact, through(Assessment, "assessment_id")),
                (Action, own),
            ],
        )

        from django.db.models.signals import post_delete, post_save

        from assessments import tallies

        for model, changed in [
            (Assessment, tallies.assessment_changed),
            (Stage2Impact, tallies.impact_changed),
            (Action, tallies.action_changed),
        ]:
            for signal in (post_save, post_delete):
                signal.connect(changed, sender=model, dispatch_uid=f"impact-tally-{model.__name__}")
