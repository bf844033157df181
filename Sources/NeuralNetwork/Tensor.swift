// Tensors, layers, losses and optimizers. Filled in by issue 4.
