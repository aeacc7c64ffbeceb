"""What the trainings' audit keys about certificates mean."""
