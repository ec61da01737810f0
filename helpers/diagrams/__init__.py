"""Diagrams drawn by code: the drawing primitives, each diagram of images/, and the live LSTM cell."""
