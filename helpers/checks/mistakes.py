"""The one list of mistakes in writing a layer act([h_prev, x_t] @ W + b), shared by every gate-shaped checker.

A checker writes its exercise once as `step(layer, *args)`, computing each layer as `layer(y, inputs, x_t, W, b)`
(y names the layer's output, such as "f_t"). `layer_mistakes` runs that same step with one layer, or every layer
of a kind, written wrong in each of the usual ways, and pairs each result with the sentence that names the mistake.
"""

from collections import namedtuple

from ..activations import sigmoid, tanh
from ..linear import concat

# y: the output's name; kind: "gate" (a sigmoid) or "candidate" (a tanh); W, b: the weights' names;
# reads: what stands before x_t in the concatenation ("h_prev", or "r_t * h_prev" for the GRU's candidate).
Layer = namedtuple("Layer", "y kind W b reads", defaults=("h_prev",))
ACTIVATIONS = {"gate": sigmoid, "candidate": tanh}


def _z(inputs, x_t, W, b):
    return concat(inputs, x_t) @ W + b


def _and(words):
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _the(layers):
    """'the gate f_t', or 'the gates i_t, f_t and o_t'."""
    kind = layers[0].kind + ("s" if len(layers) > 1 else "")
    return f"the {kind} {_and(layer.y for layer in layers)}"


def _missing_bias(layers):
    if len(layers) == 1:
        return f"the bias {layers[0].b} is missing"
    return f"the biases {_and(layer.b for layer in layers)} are missing"


def _order(layers):
    reads = layers[0].reads
    return (f"you concatenated [x_t, {reads}]: the order is [{reads}, x_t], so the first H rows of "
            f"{_and(layer.W for layer in layers)} read {reads}")


# (the kinds of layer it can happen in, the layer written wrong as f(activation, inputs, x_t, W, b), its message)
LAYER_MISTAKES = [
    ({"gate"}, lambda act, h, x, W, b: tanh(_z(h, x, W, b)),
     lambda layers: f"you used tanh where sigmoid belongs in {_the(layers)}: a gate must lie in [0, 1]"),
    ({"gate"}, lambda act, h, x, W, b: _z(h, x, W, b),
     lambda layers: f"you used the pre-activation of {_the(layers)}: the sigmoid is missing"),
    ({"candidate"}, lambda act, h, x, W, b: sigmoid(_z(h, x, W, b)),
     lambda layers: f"you used sigmoid where tanh belongs in {_the(layers)}: the candidate lies in (-1, 1), "
                    f"only the gates in (0, 1)"),
    ({"candidate"}, lambda act, h, x, W, b: _z(h, x, W, b),
     lambda layers: f"{_the(layers)} has no tanh: {layers[0].y} = tanh([{layers[0].reads}, x_t] @ {layers[0].W} + "
                    f"{layers[0].b})"),
    ({"gate", "candidate"}, lambda act, h, x, W, b: act(concat(h, x) @ W), _missing_bias),
    ({"gate", "candidate"}, lambda act, h, x, W, b: act(concat(x, h) @ W + b), _order),
]


def right_layer(layers):
    """The layer function of a correct answer: the sigmoid of a gate, the tanh of a candidate."""
    kinds = {layer.y: layer.kind for layer in layers}

    def layer(y, inputs, x_t, W, b):
        return ACTIVATIONS[kinds[y]](_z(inputs, x_t, W, b))

    return layer


def _wrong_layer(layers, wrong, form):
    kinds, right = {layer.y: layer.kind for layer in layers}, right_layer(layers)

    def layer(y, inputs, x_t, W, b):
        if y in wrong:
            return form(ACTIVATIONS[kinds[y]], inputs, x_t, W, b)
        return right(y, inputs, x_t, W, b)

    return layer


def layer_mistakes(step, layers):
    """[(wrong function, message)]: `step` with every layer of a kind written wrong at once, then each one alone."""
    mistakes = []
    for kinds, form, message in LAYER_MISTAKES:
        hit = [layer for layer in layers if layer.kind in kinds]
        if not hit:
            continue
        groups = [hit] + ([[layer] for layer in hit] if len(hit) > 1 else [])
        for group in groups:
            wrong = _wrong_layer(layers, {layer.y for layer in group}, form)
            mistakes.append((lambda *args, wrong=wrong: step(wrong, *args), message(group)))
    return mistakes


def variant_mistakes(step, layers, variants):
    """[(wrong function, message)]: `step` with its layers right and keyword arguments changed, one variant each.

    `variants` pairs keyword arguments of `step` (such as blend=a wrong update) with the message naming that mistake.
    """
    right = right_layer(layers)
    return [(lambda *args, changes=changes: step(right, *args, **changes), message) for changes, message in variants]
