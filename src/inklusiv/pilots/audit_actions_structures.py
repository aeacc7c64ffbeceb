"""What the structures audit keys of the pilot regions mean, for the readable audit log."""
