from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "idmf.decisions"
    label = "decisions"
    verbose_name = "IDMF decision records"

    def ready(self):
        from assessments.models import Assessment
        from idmf.core.dashboard_kept import own
        from idmf.core.records import register_tool
        from idmf.decisions.dashboard import decisions_panel
        from idmf.decisions.data import decision_data
        from idmf.decisions.models import DecisionRecord
        from idmf.decisions.report import record_kind

        def deciding_with(assessment) -> list[int]:
            """The organisations of the decisions an EHIIRA is linked to: whether due regard
            was paid before their decision turns on its approval."""
            return list(
                DecisionRecord.objects.filter(assessment_id=assessment.pk).values_list(
                    "organisation_id", flat=True
                )
            )

        register_tool(
            record_kind(),
            data=decision_data,
            panel=decisions_panel,
            counts=[(DecisionRecord, own), (Assessment, deciding_with)],
        )
