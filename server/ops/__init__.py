"""What an operator sees of a node: its metrics and its request logs."""
