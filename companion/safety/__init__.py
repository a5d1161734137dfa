"""The safety layer: every message is read for danger before anything else answers it.

Pure and fast (no model, no I/O after loading): ``SafetyLayer.assess`` says whether a message
shows someone in danger and how (a tier), ``SafetyLayer.crisis_reply`` writes the reply with the
resources for the person's region first. The protocol is published in docs/safety.md.
"""

from companion.safety.layer import CAREFUL_TURNS, SAFETY_KIND, SafetyLayer
from companion.safety.replies import CrisisReply
from companion.safety.resources import Resource, ResourceBook, region_from_environment
from companion.safety.rules import TIERS, Assessment, Rules, Tier

__all__ = [
    "CAREFUL_TURNS",
    "SAFETY_KIND",
    "TIERS",
    "Assessment",
    "CrisisReply",
    "Resource",
    "ResourceBook",
    "Rules",
    "SafetyLayer",
    "Tier",
    "region_from_environment",
]
