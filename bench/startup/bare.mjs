// The baseline of the start-up benchmark: node starting on a module that does nothing.
