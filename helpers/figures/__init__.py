"""Figures: the course style, the slider plumbing, and one module of figures and explorers per topic."""
