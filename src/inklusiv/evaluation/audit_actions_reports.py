"""What the evaluation's audit keys about reports mean."""
