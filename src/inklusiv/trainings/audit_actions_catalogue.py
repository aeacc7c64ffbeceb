"""What the trainings' audit keys about catalogue mean."""
