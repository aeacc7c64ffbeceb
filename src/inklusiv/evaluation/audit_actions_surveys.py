"""What the evaluation's audit keys about surveys mean."""
