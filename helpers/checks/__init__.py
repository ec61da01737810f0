"""Exercise checkers: run the learner's function on test inputs and say what is right, what is wrong, and why.

Notebooks import them as `from helpers.checks import check_...`; each topic has its own module, and every
gate-shaped checker names the same list of mistakes, from .mistakes.
"""

from .feedback import FAILED, NOT_ATTEMPTED, PASSED, Feedback, check_function, compare
from .gate import check_gate_by_hand, check_split_gate_weights
from .gates_today import check_highway_layer, check_min_gru_coefficients, check_stabilised_gates
from .gated_rnn import check_gated_step, check_half_life_steps
from .glu import check_glu_layer, check_geglu
from .gradients import check_clip_scale, check_forget_product, check_gru_direct_and_update
from .gru import check_gru_step, check_gru_param_count
from .long_memory import check_adam_step, check_adding_targets, check_clip_by_global_norm
from .lstm import check_cell_update, check_fixed_point, check_forget_bias, check_forget_gate, check_output_step
from .lstm_backward import check_lstm_memory_backward
from .lstm_cell import check_lstm_forward_by_hand, check_lstm_parameter_count, check_lstm_step
from .pytorch_layout import check_lstm_weights_from_torch

__all__ = ["FAILED", "NOT_ATTEMPTED", "PASSED", "Feedback", "check_function", "compare", "check_gate_by_hand",
           "check_split_gate_weights", "check_gated_step", "check_half_life_steps", "check_forget_gate",
           "check_forget_bias", "check_cell_update", "check_fixed_point", "check_output_step", "check_lstm_step",
           "check_lstm_forward_by_hand", "check_lstm_memory_backward", "check_lstm_weights_from_torch",
           "check_lstm_parameter_count", "check_gru_step", "check_gru_param_count", "check_glu_layer", "check_geglu",
           "check_gru_direct_and_update", "check_forget_product", "check_clip_scale",  # notebook 09
           "check_adding_targets", "check_clip_by_global_norm", "check_adam_step",  # notebook 10
           "check_highway_layer", "check_min_gru_coefficients", "check_stabilised_gates"]  # notebook 11
