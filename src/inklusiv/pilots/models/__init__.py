"""The accompanied phase: pilot regions, their structures, network, inclusion concept, process
support and yearly reports. One module per part; this package exports them all."""

from .concept import Concept, ConceptVersion, FieldOfAction, Goal, Measure, Milestone
from .network import Actor, Sector, Tie
from .region import (
    Group,
    GroupMeeting,
    Phase,
    PhaseChange,
    PilotRegion,
    RegionDocument,
    RegionMember,
)
from .reports import ReportVersion, YearlyReport
from .support import CoachingSession, Profile, Task

__all__ = [
    "Actor",
    "CoachingSession",
    "Concept",
    "ConceptVersion",
    "FieldOfAction",
    "Goal",
    "Group",
    "GroupMeeting",
    "Measure",
    "Milestone",
    "Phase",
    "PhaseChange",
    "PilotRegion",
    "Profile",
    "RegionDocument",
    "RegionMember",
    "ReportVersion",
    "Sector",
    "Task",
    "Tie",
    "YearlyReport",
]
