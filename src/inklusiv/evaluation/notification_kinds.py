"""Mails of the evaluation (survey invitations and reminders)."""
