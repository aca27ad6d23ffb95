from idmf.models.core import Action, Membership, Organisation, Place, Role, Service, System
from idmf.models.decisions import DecisionRecord, DecisionReview, DecisionStep

__all__ = [
    "Action",
    "DecisionRecord",
    "DecisionReview",
    "DecisionStep",
    "Membership",
    "Organisation",
    "Place",
    "Role",
    "Service",
    "System",
]
