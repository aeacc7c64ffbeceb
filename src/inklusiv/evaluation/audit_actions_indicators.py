"""What the evaluation's audit keys about indicators mean."""
