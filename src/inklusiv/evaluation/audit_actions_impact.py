"""What the evaluation's audit keys about impact mean."""
