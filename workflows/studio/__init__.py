"""Studio workflows: image processing for the paid `extract` workflow."""
